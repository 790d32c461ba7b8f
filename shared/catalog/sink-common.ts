import type { CompileContext, Compiled, SinkFormat } from './node-type';
import { p } from './params';

export function sinkMode() {
  return p.enum({
    label: 'If the output exists',
    values: ['overwrite', 'fail'],
    labels: { overwrite: 'Replace it', fail: 'Fail the run' },
    default: 'overwrite',
  });
}

/** The sink step shared by every file sink. */
export function sinkTarget(
  ctx: CompileContext<unknown>,
  format: SinkFormat,
  path: string,
  mode: 'overwrite' | 'fail',
  options: string,
  directory: boolean,
): Compiled {
  const input = ctx.inputs['in']?.[0];
  if (input === undefined) return { issues: [{ message: 'input is not connected' }] };
  const abs = ctx.resolvePath(path);
  const existing = ctx.statPath(abs);
  if (existing === 'dir' && !directory) {
    return { issues: [{ param: 'path', message: `${abs} is a folder; give a file name` }] };
  }
  return { sink: { format, path: abs, options, directory, mode, input: input.sql } };
}
