import type { CompileContext, Compiled, OneInput, SinkFormat } from './node-type';
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
  ctx: CompileContext<unknown, OneInput>,
  format: SinkFormat,
  path: string,
  mode: 'overwrite' | 'fail',
  options: string,
  directory: boolean,
  /** The rows to write, when not the input as it is (types made faithful for the format), and what was changed. */
  adapt?: (input: { sql: string; schema: readonly { name: string; type: string }[] | undefined }) => {
    sql: string;
    issues: Compiled['issues'];
  },
): Compiled {
  const raw = ctx.inputs.in[0];
  const adapted = adapt?.(raw);
  const input = { sql: adapted?.sql ?? raw.sql };
  const abs = ctx.resolvePath(path);
  const existing = ctx.statPath(abs);
  if (existing === 'dir' && !directory) {
    return { issues: [{ param: 'path', message: `${abs} is a folder; give a file name` }] };
  }
  return {
    sink: { format, path: abs, options, directory, mode, input: input.sql },
    ...(adapted?.issues === undefined || adapted.issues.length === 0 ? {} : { issues: adapted.issues }),
  };
}
