import { resolve } from 'node:path';
import { catalog } from '../../../shared/catalog';
import { analyze } from '../../../shared/compiler/analyze';
import type { Analysis } from '../../../shared/compiler/plan';
import type { PipelineDocument } from '../../../shared/format/document';
import { boundedSniffer } from '../csv-dialect/bounded-sniffer';
import { expandGlob, statPath } from '../walls/file-boundary';

/** The pipeline analysed as a trusted session over `dir` analyses it. */
export function analysisOf(dir: string, doc: PipelineDocument): Analysis {
  return analyze(doc, {
    catalog,
    resolvePath: (p) => resolve(dir, p),
    statPath,
    glob: expandGlob,
    csvDialect: boundedSniffer(dir, 'trusted'),
  });
}
