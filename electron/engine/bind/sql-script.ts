import { externalTable } from '../../../shared/compiler/compile';
import type { DeltaSinkSpec } from '../../../shared/catalog/delta-table';
import type { Analysis } from '../../../shared/compiler/plan';
import type { PipelineDocument } from '../../../shared/format/document';
import { str } from '../../../shared/sql/quote';
import type { BoundPlan } from './bind-views';

/**
 * The whole pipeline as one SQL script a person can read or run in the
 * DuckDB shell: one view per node, then one COPY per sink to its final path.
 */
export function pipelineScript(doc: PipelineDocument, analysis: Analysis, bound: BoundPlan): string {
  const out: string[] = [];
  out.push(`-- Duto pipeline${doc.name === undefined ? '' : `: ${oneLine(doc.name)}`}`);
  out.push('-- Generated SQL: one view per node, in execution order; sinks are COPY statements.');
  out.push('-- (Duto itself writes each sink to a temporary name and renames it into place.)');
  out.push('');
  for (const id of analysis.order) {
    const a = analysis.nodes.get(id);
    if (a === undefined) continue;
    const step = bound.stepById.get(id);
    out.push(`-- node ${id} (${a.def.type})`);
    if (step === undefined) {
      out.push(
        `-- not compiled: ${bound.failed.has(id) ? 'this node or one upstream of it has errors' : 'nothing to do'}`,
      );
    } else if (step.externalSource !== undefined && step.view !== undefined) {
      out.push(
        `-- read by the ${step.externalSource.kind} connector (${oneLine(step.externalSource.describe)}) into ${externalTable(id)}`,
      );
      out.push(`CREATE VIEW ${step.view.name} AS`);
      out.push(`${step.view.sql};`);
    } else if (step.externalSink !== undefined) {
      out.push(
        `-- written by the ${step.externalSink.kind} connector to ${oneLine(step.externalSink.describe)}, from:`,
      );
      for (const input of step.externalSink.inputs ?? [{ name: '', sql: step.externalSink.input }])
        out.push(`-- ${input.name === '' ? '' : `sheet ${oneLine(input.name)}: `}SELECT * FROM ${input.sql};`);
    } else if (step.view !== undefined) {
      out.push(`CREATE VIEW ${step.view.name} AS`);
      out.push(`${step.view.sql};`);
    } else if (step.deltaSink !== undefined) {
      out.push(
        `-- committed by the Delta writer to the table ${oneLine(step.deltaSink.path)} (${deltaHow(step.deltaSink)}), from:`,
      );
      out.push(`-- SELECT * FROM ${step.deltaSink.input};`);
    } else if (step.sink !== undefined) {
      out.push(`COPY (SELECT * FROM ${step.sink.input}) TO ${str(step.sink.path)} (${step.sink.options});`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}

/** A Delta write's mode, with its merge keys, partition columns and whether it adds columns. */
function deltaHow(spec: DeltaSinkSpec): string {
  const keys = spec.keys.length > 0 ? ` on ${spec.keys.map(oneLine).join(', ')}` : '';
  const parts = spec.partitionBy.length > 0 ? `, partitioned by ${spec.partitionBy.map(oneLine).join(', ')}` : '';
  return `${spec.mode}${keys}${parts}${spec.addColumns ? ', adding new columns' : ''}`;
}
