import { describe, expect, it } from 'vitest';
import { parseClientFrame } from './engine-frames';

const run = {
  t: 'run',
  v: 1,
  argv: ['run', 'p.duto.json'],
  cwd: '/tmp',
  env: { HOME: '/root' },
  umask: 18,
  tty: false,
  columns: 80,
};

describe('frames from a client of the resident engine', () => {
  it('takes a well-formed run request, a signal, status and stop', () => {
    expect(parseClientFrame(JSON.stringify(run))).toEqual(run);
    expect(parseClientFrame('{"t":"signal","sig":"SIGINT"}')).toEqual({ t: 'signal', sig: 'SIGINT' });
    expect(parseClientFrame('{"t":"status"}')).toEqual({ t: 'status' });
    expect(parseClientFrame('{"t":"stop"}')).toEqual({ t: 'stop' });
  });

  it('refuses anything else: not JSON, unknown kinds or keys, wrong types, other signals, a later version', () => {
    const refused = [
      '',
      'run p.duto.json',
      '{"t":"run"',
      'null',
      '[]',
      '{"t":"exec","cmd":"rm -rf /"}',
      JSON.stringify({ ...run, v: 2 }),
      JSON.stringify({ ...run, extra: true }),
      JSON.stringify({ ...run, argv: 'run p.duto.json' }),
      JSON.stringify({ ...run, argv: [1] }),
      JSON.stringify({ ...run, env: { A: 1 } }),
      JSON.stringify({ ...run, cwd: '' }),
      JSON.stringify({ ...run, umask: -1 }),
      JSON.stringify({ ...run, umask: 0o1000 }),
      JSON.stringify({ ...run, columns: 0 }),
      JSON.stringify({ ...run, tty: 'yes' }),
      '{"t":"signal","sig":"SIGKILL"}',
      '{"t":"status","x":1}',
      '{"__proto__":{"t":"stop"}}',
    ];
    for (const line of refused) expect(parseClientFrame(line), line).toBeUndefined();
  });
});
