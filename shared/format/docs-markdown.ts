import type { Column, NodeType } from '../catalog/node-type';
import type { Diagnostic } from '../diagnostics';
import { nodeSettings } from './docs-params';
import type { PipelineDocument, PipelineNode } from './document';
import { refNode, refPort } from './document';
import { blockText, cellCode, cellText, codeSpan, fencedBlock, inlineText, table } from './markdown-text';
import { mermaidFlowchart } from './mermaid-dag';
import { redactSecrets } from './redact-secrets';

/**
 * A pipeline's documentation as Markdown (`duto docs`): what it does, its
 * DAG as a Mermaid chart, its parameters, and per node its settings, inputs,
 * output columns and problems. Pure and deterministic: the same document,
 * schemas and diagnostics give the same bytes. A broken pipeline still gets
 * its docs, with the problems shown where they are.
 */

export interface DocsInput {
  /** The pipeline file's name: the title when the document has no name. */
  fileName: string;
  /** Node types by type id (the catalog). */
  types: ReadonlyMap<string, NodeType>;
  /** Output columns by node id, for the nodes that bind (ValidateResult.schemas). */
  schemas: Readonly<Record<string, readonly Column[]>>;
  diagnostics: readonly Diagnostic[];
  /** Dataset lineage (the engine's): each output, where it goes and what it is made from. */
  lineage?: DocsLineage;
}

export interface DocsLineage {
  datasets: ReadonlyArray<{ node: string; role: 'source' | 'output'; location: string }>;
  flows: ReadonlyArray<{ from: string; to: string; through: readonly string[] }>;
}

/** Outputs and their sources: what a data catalog wants to know first. */
function lineageSection(lineage: DocsLineage | undefined): string[] {
  const outputs = lineage?.datasets.filter((d) => d.role === 'output') ?? [];
  if (lineage === undefined || outputs.length === 0) return [];
  const where = new Map(lineage.datasets.map((d) => [d.node, d.location]));
  const rows = outputs.map((o) => {
    const from = lineage.flows
      .filter((f) => f.to === o.node)
      .map((f) => `${nodeLink(f.from)} ${cellCode(where.get(f.from) ?? '')}`);
    return [nodeLink(o.node), cellCode(o.location), from.length === 0 ? '*(no source)*' : from.join('<br>')];
  });
  return ['## Lineage', table(['Output', 'Written to', 'Made from'], rows)];
}

/** A link to a node's section: its heading carries the anchor. */
const anchor = (nodeId: string): string => `node-${nodeId}`;
const nodeLink = (nodeId: string): string => `[${codeSpan(nodeId)}](#${anchor(nodeId)})`;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function summary(diagnostics: readonly Diagnostic[]): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (diagnostics.length === 0) return 'no problems found';
  return `${plural(errors, 'error')}, ${plural(diagnostics.length - errors, 'warning')}`;
}

function diagnosticsTable(diagnostics: readonly Diagnostic[]): string {
  const where = (d: Diagnostic): string => {
    const at = d.param ?? d.path;
    const loc = d.file === undefined ? undefined : `${d.file}${d.line === undefined ? '' : `:${d.line}`}`;
    return [at, loc]
      .filter((x) => x !== undefined)
      .map(cellCode)
      .join(' ');
  };
  return table(
    ['Severity', 'Where', 'Problem'],
    diagnostics.map((d) => [d.severity, where(d), cellText(d.message)]),
  );
}

function header(doc: PipelineDocument, input: DocsInput, loose: readonly Diagnostic[]): string[] {
  const title = doc.name !== undefined && doc.name.trim() !== '' ? doc.name : input.fileName;
  const out = [`# ${inlineText(title)}`];
  if (doc.description !== undefined) {
    const text = blockText(doc.description);
    if (text !== '') out.push(text);
  }
  out.push(
    `*Generated from ${codeSpan(input.fileName)}: ${plural(doc.nodes.length, 'node')}, ${summary(input.diagnostics)}.*`,
  );
  if (loose.length > 0) out.push('## Problems', 'Not tied to one node:', diagnosticsTable(loose));
  return out;
}

function parametersSection(doc: PipelineDocument): string[] {
  const params = Object.entries(doc.params ?? {});
  if (params.length === 0) return [];
  const rows = params.map(([name, decl]) => {
    const d = decl.default;
    const value = d === undefined ? '*(none)*' : d === '' ? '*(empty)*' : cellCode(String(d));
    return [cellCode(name), value, cellText(decl.description ?? '')];
  });
  return [
    '## Parameters',
    'Given at run time (`--param NAME=VALUE`); settings use them as `${NAME}`.',
    table(['Parameter', 'Default', 'Description'], rows),
  ];
}

interface Feed {
  nodeId: string;
  port: string;
  ref: string;
}

/** Who reads each node: node id → its readers, in document order. */
function feedsOf(doc: PipelineDocument): Map<string, Feed[]> {
  const feeds = new Map<string, Feed[]>();
  for (const n of doc.nodes) {
    for (const [port, v] of Object.entries(n.inputs ?? {})) {
      for (const ref of typeof v === 'string' ? [v] : v) {
        const list = feeds.get(refNode(ref)) ?? [];
        list.push({ nodeId: n.id, port, ref });
        feeds.set(refNode(ref), list);
      }
    }
  }
  return feeds;
}

function portName(type: NodeType | undefined, port: string): string {
  const label = type?.inputs.find((p) => p.name === port)?.label;
  return label === undefined ? codeSpan(port) : `${inlineText(label)} (${codeSpan(port)})`;
}

/** An upstream reference: a link to the node, and the output it reads when named. */
function refText(ref: string, ids: ReadonlySet<string>): string {
  const from = refNode(ref);
  if (!ids.has(from)) return `${codeSpan(ref)} *(no such node)*`;
  return ref.includes('.') ? `${nodeLink(from)}, output ${codeSpan(refPort(ref))}` : nodeLink(from);
}

function readsFrom(node: PipelineNode, type: NodeType | undefined, ids: ReadonlySet<string>): string[] {
  const inputs = node.inputs ?? {};
  const ports = [
    ...(type?.inputs.map((p) => p.name) ?? []),
    ...Object.keys(inputs).filter((k) => type?.inputs.some((p) => p.name === k) !== true),
  ];
  const items: string[] = [];
  for (const port of ports) {
    const v = Object.hasOwn(inputs, port) ? inputs[port] : undefined;
    const refs = v === undefined ? [] : typeof v === 'string' ? [v] : v;
    const spec = type?.inputs.find((p) => p.name === port);
    if (refs.length === 0 && spec?.optional === true) continue;
    const what = refs.length === 0 ? '*not connected*' : refs.map((r) => refText(r, ids)).join(', ');
    items.push(`- ${portName(type, port)}: ${what}`);
  }
  return items.length === 0 ? [] : ['**Reads from**', items.join('\n')];
}

function feedsSection(feeds: readonly Feed[], doc: PipelineDocument, types: ReadonlyMap<string, NodeType>): string[] {
  if (feeds.length === 0) return [];
  const items = feeds.map((f) => {
    const reader = doc.nodes.find((n) => n.id === f.nodeId);
    const type = reader === undefined ? undefined : types.get(reader.type);
    const output = f.ref.includes('.') ? ` from output ${codeSpan(refPort(f.ref))}` : '';
    const port = (type?.inputs.length ?? 0) > 1 ? `, as ${portName(type, f.port)}` : '';
    return `- ${nodeLink(f.nodeId)}${output}${port}`;
  });
  return ['**Feeds**', items.join('\n')];
}

function columnsSection(node: PipelineNode, type: NodeType | undefined, input: DocsInput, failed: boolean): string[] {
  const title = type?.category === 'sink' ? '**Columns written**' : '**Output columns**';
  const columns = Object.hasOwn(input.schemas, node.id) ? input.schemas[node.id] : undefined;
  if (columns === undefined) {
    const why = failed
      ? 'this node has errors (below)'
      : 'the columns could not be computed; a node upstream may have errors';
    return [title, `*Unknown: ${why}.*`];
  }
  if (columns.length === 0) return [title, '*None.*'];
  return [
    title,
    table(
      ['Column', 'Type'],
      columns.map((c) => [cellCode(c.name), cellCode(c.type)]),
    ),
  ];
}

function nodeSection(
  node: PipelineNode,
  doc: PipelineDocument,
  input: DocsInput,
  feeds: readonly Feed[],
  ids: ReadonlySet<string>,
): string[] {
  const type = input.types.get(node.type);
  const own = input.diagnostics.filter((d) => d.nodeId === node.id);
  const failed = own.some((d) => d.severity === 'error');
  const typeName = type === undefined ? `unknown type ${codeSpan(node.type)}` : inlineText(type.label);
  const out = [`### <a id="${anchor(node.id)}"></a>${codeSpan(node.id)} — ${typeName}`];

  if (node.label !== undefined && node.label.trim() !== '') out.push(`**${inlineText(node.label)}**`);
  if (node.description !== undefined) {
    const text = blockText(node.description);
    if (text !== '') out.push(text);
  }
  if (type !== undefined)
    out.push(`*${inlineText(type.label)}* (${codeSpan(type.type)}): ${inlineText(type.description)}`);
  if (node.disabled === true) out.push('**Disabled** in the document.');
  out.push(...readsFrom(node, type, ids), ...feedsSection(feeds, doc, input.types));
  const settings = nodeSettings(node, type);
  if (settings !== '') out.push('**Settings**', settings);
  out.push(...columnsSection(node, type, input, failed));
  if (own.length > 0) out.push(`**Problems**: ${summary(own)}`, diagnosticsTable(own));
  return out;
}

function notesSection(doc: PipelineDocument): string[] {
  const notes = (doc.notes ?? []).map((n) => blockText(n.text)).filter((t) => t !== '');
  if (notes.length === 0) return [];
  const quote = (t: string): string =>
    t
      .split('\n')
      .map((l) => (l === '' ? '>' : `> ${l}`))
      .join('\n');
  return ['## Notes', ...notes.map(quote)];
}

/** The documentation of `document`, ending with a newline. Secret-looking values are left out. */
export function pipelineMarkdown(document: PipelineDocument, input: DocsInput): string {
  const doc = redactSecrets(document);
  const ids = new Set(doc.nodes.map((n) => n.id));
  const loose = input.diagnostics.filter((d) => d.nodeId === undefined || !ids.has(d.nodeId));
  const failed = new Set(
    input.diagnostics.filter((d) => d.severity === 'error' && d.nodeId !== undefined).map((d) => d.nodeId ?? ''),
  );
  const feeds = feedsOf(doc);

  const sections = [
    ...header(doc, input, loose),
    '## Flow',
    fencedBlock(mermaidFlowchart(doc, input.types, { failed }), 'mermaid'),
    ...lineageSection(input.lineage),
    ...parametersSection(doc),
    ...notesSection(doc),
    ...(doc.nodes.length === 0 ? [] : ['## Nodes']),
    ...doc.nodes.flatMap((n) => nodeSection(n, doc, input, feeds.get(n.id) ?? [], ids)),
  ];
  return `${sections.join('\n\n')}\n`;
}
