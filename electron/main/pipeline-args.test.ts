import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MAX_READ_BYTES } from '../host/file-ops';
import { openablePipeline, pipelineArguments } from './pipeline-args';

const EXE = '/opt/Duto/duto';

describe('pipelineArguments: which launch arguments may name a pipeline', () => {
  const cwd = '/home/ana/work';

  it('takes the paths after the executable, resolved against the launch folder', () => {
    expect(
      pipelineArguments([EXE, '/srv/a.duto.json', 'b.duto.json', '../c.json', 'D.DUTO.JSON'], { skip: 1, cwd }),
    ).toEqual(['/srv/a.duto.json', '/home/ana/work/b.duto.json', '/home/ana/c.json', '/home/ana/work/D.DUTO.JSON']);
  });

  it('skips the app folder when unpackaged, and never takes the executable', () => {
    expect(pipelineArguments(['/x/electron.json', '/repo/main.json', 'p.duto.json'], { skip: 2, cwd })).toEqual([
      '/home/ana/work/p.duto.json',
    ]);
    expect(pipelineArguments(['/x/electron.json'], { skip: 1, cwd })).toEqual([]);
  });

  it('never takes a switch, whatever it ends with', () => {
    const argv = [
      EXE,
      '--inspect',
      '--inspect=0.0.0.0:9229',
      '--inspect-brk',
      '--foo=bar.duto.json',
      '--user-data-dir=/tmp/evil.json',
      '--original-process-start-time=13370000000000000',
      '--allow-file-access-from-files',
      '-psn_0_123456',
      '-x.duto.json',
      '--',
      '',
    ];
    expect(pipelineArguments(argv, { skip: 1, cwd })).toEqual([]);
  });

  it('takes only .json names', () => {
    expect(
      pipelineArguments([EXE, 'notes.txt', 'a.duto.json.exe', 'pipeline.duto', '.', '/etc/passwd', 'x.jsonl'], {
        skip: 1,
        cwd,
      }),
    ).toEqual([]);
  });

  it('reads local file: URLs (Linux desktop files pass %U) and drops any other host', () => {
    expect(
      pipelineArguments([EXE, 'file:///srv/a%20b.duto.json', 'file://localhost/srv/c.duto.json'], { skip: 1, cwd }),
    ).toEqual(['/srv/a b.duto.json', '/srv/c.duto.json']);
    expect(
      pipelineArguments(
        [EXE, 'file://evil.example/share/a.duto.json', 'FILE://attacker/x.json', 'file://[bad/x.json'],
        { skip: 1, cwd },
      ),
    ).toEqual([]);
  });

  it('treats another URL as the relative path it is, which then does not exist', () => {
    expect(pipelineArguments([EXE, 'https://evil.example/x.duto.json'], { skip: 1, cwd })).toEqual([
      '/home/ana/work/https:/evil.example/x.duto.json',
    ]);
  });
});

describe('openablePipeline: only an existing regular .json file File › Open could read', () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duto-open-args-')));
  const file = (name: string, text = '{}'): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };

  it('accepts a pipeline file, by its real path', async () => {
    const p = file('orders.duto.json');
    expect(await openablePipeline(p)).toEqual({ ok: true, path: p });
    expect(await openablePipeline(join(dir, '.', 'sub', '..', 'orders.duto.json'))).toEqual({ ok: true, path: p });
    expect(await openablePipeline(file('UPPER.JSON'))).toMatchObject({ ok: true });
    // Empty or not a pipeline: File › Open reads it and says what is wrong.
    expect(await openablePipeline(file('empty.duto.json', ''))).toMatchObject({ ok: true });
  });

  it('follows a link to a pipeline, and gives the file it leads to', async () => {
    const target = file('real.duto.json');
    const link = join(dir, 'link.duto.json');
    symlinkSync(target, link);
    expect(await openablePipeline(link)).toEqual({ ok: true, path: target });
  });

  it('refuses a link named .duto.json that leads to anything else', async () => {
    const key = file('id_ed25519');
    const cases: Array<[string, string]> = [
      ['key.duto.json', key],
      ['null.duto.json', '/dev/null'],
      ['zero.duto.json', '/dev/zero'],
      ['broken.duto.json', join(dir, 'nothing-here.duto.json')],
    ];
    for (const [name, target] of cases) {
      symlinkSync(target, join(dir, name));
      expect(await openablePipeline(join(dir, name)), name).toMatchObject({ ok: false });
    }
    symlinkSync(join(dir, 'loop-b.duto.json'), join(dir, 'loop-a.duto.json'));
    symlinkSync(join(dir, 'loop-a.duto.json'), join(dir, 'loop-b.duto.json'));
    expect(await openablePipeline(join(dir, 'loop-a.duto.json'))).toEqual({ ok: false, reason: 'not found' });
    // A .json link to a device keeps its name but is no regular file.
    symlinkSync('/dev/zero', join(dir, 'dev.json'));
    expect(await openablePipeline(join(dir, 'dev.json'))).toMatchObject({ ok: false });
  });

  it('refuses folders, FIFOs and missing files without blocking', async () => {
    mkdirSync(join(dir, 'folder.duto.json'));
    expect(await openablePipeline(join(dir, 'folder.duto.json'))).toEqual({ ok: false, reason: 'not a regular file' });
    expect(await openablePipeline(join(dir, 'missing.duto.json'))).toEqual({ ok: false, reason: 'not found' });
    if (process.platform !== 'win32') {
      const fifo = join(dir, 'pipe.duto.json');
      execFileSync('mkfifo', [fifo]);
      // Opening a FIFO with no writer would hang; stat does not.
      expect(await openablePipeline(fifo)).toEqual({ ok: false, reason: 'not a regular file' });
      symlinkSync(fifo, join(dir, 'to-pipe.duto.json'));
      expect(await openablePipeline(join(dir, 'to-pipe.duto.json'))).toEqual({
        ok: false,
        reason: 'not a regular file',
      });
    }
  });

  it('refuses a file larger than File › Open reads', async () => {
    const big = file('big.duto.json');
    truncateSync(big, MAX_READ_BYTES + 1); // sparse: no 50 MB written
    expect(await openablePipeline(big)).toEqual({ ok: false, reason: 'larger than 50 MB' });
    const limit = file('limit.duto.json');
    truncateSync(limit, MAX_READ_BYTES);
    expect(await openablePipeline(limit)).toMatchObject({ ok: true });
  });

  it('refuses paths that cannot be paths', async () => {
    expect(await openablePipeline(`${dir}/a\0.duto.json`)).toEqual({ ok: false, reason: 'not a usable path' });
    expect(await openablePipeline(`/${'x'.repeat(5000)}.duto.json`)).toEqual({
      ok: false,
      reason: 'not a usable path',
    });
  });

  it('together: of a launch with hostile arguments, only the real pipeline is left', async () => {
    const good = file('good.duto.json');
    mkdirSync(join(dir, 'dir.json'));
    symlinkSync(file('secret.txt'), join(dir, 'secret.duto.json'));
    const argv = [
      EXE,
      '--inspect',
      `--x=${good}`,
      'dir.json',
      'gone.duto.json',
      'secret.duto.json',
      pathToFileURL(good).href,
    ];
    const checked = await Promise.all(pipelineArguments(argv, { skip: 1, cwd: dir }).map(openablePipeline));
    expect(checked.filter((c) => c.ok)).toEqual([{ ok: true, path: good }]);
  });
});
