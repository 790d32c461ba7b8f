import { refNode, refPort, type PipelineDocument, type PipelineNode } from '../../../shared/format/document';
import {
  checkConnection,
  connect,
  disconnect,
  findNode,
  inputPorts,
  outputPorts,
  refOf,
  type ConnectCheck,
  type Link,
} from './doc-ops';

/**
 * Wiring edits that replace a wire rather than only add one: they are one
 * document change each, so one undo step restores the old wire.
 */

/** One wire as the document keeps it: the target's input port and the upstream ref it holds. */
export interface Wire {
  target: string;
  port: string;
  ref: string;
}

function refsAt(node: PipelineNode, port: string): string[] {
  const v = node.inputs?.[port];
  return v === undefined ? [] : typeof v === 'string' ? [v] : v;
}

/** The document without the wires into `link`'s single input port (a multi port takes another wire instead). */
function freedFor(doc: PipelineDocument, link: Link): PipelineDocument {
  const target = findNode(doc, link.target);
  if (target === undefined) return doc;
  const port = inputPorts(target).find((p) => p.name === link.targetPort);
  if (port === undefined || port.multi === true) return doc;
  const ref = refOf(link.source, link.sourcePort);
  let next = doc;
  // The same wire again stays a duplicate, never a silent no-op replacement.
  for (const old of refsAt(target, link.targetPort))
    if (old !== ref) next = disconnect(next, link.target, link.targetPort, old);
  return next;
}

/** Would `link` connect once the wire already into its single input port is gone? */
export function checkReplacing(doc: PipelineDocument, link: Link): ConnectCheck {
  return checkConnection(freedFor(doc, link), link);
}

/** Connects `link`, and a single input port that was taken gives up its old wire. */
export function connectReplacing(doc: PipelineDocument, link: Link): { check: ConnectCheck; doc: PipelineDocument } {
  const freed = freedFor(doc, link);
  const check = checkConnection(freed, link);
  return { check, doc: check.ok ? connect(freed, link) : doc };
}

/** Puts `ref` where `old` was in a port's refs, keeping a multi port's order (a union's column order follows it). */
function swapRef(doc: PipelineDocument, wire: Wire, ref: string): PipelineDocument {
  return {
    ...doc,
    nodes: doc.nodes.map((n) => {
      if (n.id !== wire.target) return n;
      const v = n.inputs?.[wire.port];
      if (v === undefined) return n;
      const next = typeof v === 'string' ? ref : v.map((r) => (r === wire.ref ? ref : r));
      return { ...n, inputs: { ...n.inputs, [wire.port]: next } };
    }),
  };
}

/**
 * Inserts a node into a wire: A→B becomes A→node→B, through the node's first
 * free input and its first output. Null when it does not fit (a source or a
 * sink, an input already taken, an end of the wire itself, a cycle).
 */
export function insertIntoWire(doc: PipelineDocument, nodeId: string, wire: Wire): PipelineDocument | null {
  const node = findNode(doc, nodeId);
  const upstream = refNode(wire.ref);
  if (node === undefined || nodeId === wire.target || nodeId === upstream) return null;
  const input = inputPorts(node).find((p) => refsAt(node, p.name).length === 0);
  const output = outputPorts(node)[0];
  if (input === undefined || output === undefined) return null;
  const cut = disconnect(doc, wire.target, wire.port, wire.ref);
  const into: Link = { source: upstream, sourcePort: refPort(wire.ref), target: nodeId, targetPort: input.name };
  const outOf: Link = { source: nodeId, sourcePort: output.name, target: wire.target, targetPort: wire.port };
  if (!checkConnection(cut, into).ok) return null;
  const fed = connect(cut, into);
  if (!checkConnection(fed, outOf).ok) return null;
  return swapRef(connect(doc, into), wire, refOf(nodeId, output.name));
}
