import type { NodeType } from '../catalog/node-type';
import type { PipelineDocument, PipelineNode } from './document';
import { refNode, refPort } from './document';

/**
 * A pipeline's DAG as a Mermaid flowchart: one box per node (sources
 * rounded, sinks as cylinders), one arrow per input, named by port where
 * the target has several.
 */

export interface DagMarks {
  /** Nodes drawn as failing (they have errors). */
  failed: ReadonlySet<string>;
}

/**
 * Mermaid ids get a prefix: node ids are safe characters, but `end`,
 * `graph` or `style` are Mermaid keywords.
 */
function mermaidId(nodeId: string): string {
  return `n_${nodeId}`;
}

/**
 * Label text for a quoted Mermaid string: anything but plain letters,
 * digits and a little punctuation becomes an entity code (`#35;`), so
 * quotes, brackets, pipes, `<` and Markdown-string backticks stay text.
 */
export function mermaidText(s: string): string {
  let out = '';
  for (const ch of s.replace(/\s+/g, ' ').trim()) {
    out += /^[A-Za-z0-9 _.,:/()-]$/.test(ch) ? ch : `#${ch.codePointAt(0) ?? 0};`;
  }
  return out;
}

function box(node: PipelineNode, type: NodeType | undefined): string {
  const lines = [
    node.id,
    ...(node.label === undefined || node.label.trim() === '' ? [] : [node.label]),
    type?.label ?? node.type,
  ];
  const label = `"${lines.map(mermaidText).join('<br/>')}"`;
  const id = mermaidId(node.id);
  if (type?.category === 'source') return `${id}([${label}])`;
  if (type?.category === 'sink') return `${id}[(${label})]`;
  return `${id}[${label}]`;
}

/** The arrow's label: the upstream's named output and, when the target has several inputs, the port. */
function edgeLabel(ref: string, port: string, node: PipelineNode, type: NodeType | undefined): string {
  const portCount = type?.inputs.length ?? Object.keys(node.inputs ?? {}).length;
  const parts = [...(ref.includes('.') ? [refPort(ref)] : []), ...(portCount > 1 ? [port] : [])];
  return parts.map(mermaidText).join(' → ');
}

/** The flowchart's source (without the ```mermaid fence). */
export function mermaidFlowchart(doc: PipelineDocument, types: ReadonlyMap<string, NodeType>, marks: DagMarks): string {
  const out = ['flowchart LR'];
  const ids = new Set(doc.nodes.map((n) => n.id));
  for (const node of doc.nodes) out.push(`  ${box(node, types.get(node.type))}`);

  const missing: string[] = [];
  const edges: string[] = [];
  for (const node of doc.nodes) {
    const type = types.get(node.type);
    for (const [port, value] of Object.entries(node.inputs ?? {})) {
      for (const ref of typeof value === 'string' ? [value] : value) {
        const from = refNode(ref);
        if (!ids.has(from) && !missing.includes(from)) missing.push(from);
        const label = edgeLabel(ref, port, node, type);
        edges.push(`  ${mermaidId(from)} -->${label === '' ? '' : `|"${label}"|`} ${mermaidId(node.id)}`);
      }
    }
  }
  // An input naming no node still gets a box, saying so, rather than one Mermaid invents.
  for (const id of missing) out.push(`  ${mermaidId(id)}["${mermaidText(id)}<br/>${mermaidText('(no such node)')}"]`);
  out.push(...edges);

  const disabled = doc.nodes.filter((n) => n.disabled === true).map((n) => mermaidId(n.id));
  const failed = doc.nodes.filter((n) => marks.failed.has(n.id)).map((n) => mermaidId(n.id));
  const classes: Array<[string, string, string[]]> = [
    ['disabled', 'stroke-dasharray:4 3,opacity:0.6', disabled],
    ['failed', 'stroke:#d73a49,stroke-width:2px', failed],
    ['missing', 'stroke:#d73a49,stroke-dasharray:2 2', missing.map(mermaidId)],
  ];
  for (const [name, style, members] of classes) {
    if (members.length === 0) continue;
    out.push(`  classDef ${name} ${style}`, `  class ${members.join(',')} ${name}`);
  }
  return out.join('\n');
}
