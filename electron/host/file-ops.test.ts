import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freshDir } from '../engine/test-support';
import { writeFileAtomic } from './atomic-write';
import { createDispatch, type Handlers } from './dispatch';
import { createFileOps, MAX_READ_BYTES } from './file-ops';
import { MAX_RECENT } from './recent-list';

function files() {
  const userData = freshDir('duto-user-');
  const ops = createFileOps({ userDataDir: userData });
  const unused = async (): Promise<never> => {
    throw new Error('not under test');
  };
  const handlers: Handlers = {
    ...ops,
    'app.info': unused,
    'app.pendingOpens': unused,
    'file.openDialog': unused,
    'file.saveDialog': unused,
    'pipeline.check': unused,
    'pipeline.preview': unused,
    'pipeline.run': unused,
    'pipeline.cancel': unused,
    'pipeline.sql': unused,
    'engine.functions': unused,
    'pipeline.docs': unused,
    'pipeline.columnLineage': unused,
    'pipeline.history': unused,
    'pipeline.profile': unused,
    'pipeline.deltaVersions': unused,
    'pipeline.modelCard': unused,
    'pipeline.chart': unused,
    'pipeline.report': unused,
    'history.all': unused,
    'schedules.status': unused,
    'schedules.setEnabled': unused,
    'connections.list': unused,
    'connections.save': unused,
    'connections.delete': unused,
    'connections.test': unused,
    'connections.storage': unused,
    'secrets.list': unused,
    'secrets.save': unused,
    'secrets.delete': unused,
    'trust.grant': unused,
  };
  return { userData, dispatch: createDispatch(handlers) };
}

describe('file operations', () => {
  it('writes atomically and reads back; no temporary file is left', async () => {
    const { dispatch } = files();
    const dir = freshDir();
    const path = join(dir, 'p.duto.json');
    writeFileSync(path, 'old');
    expect(await dispatch('file.write', { path, text: 'new ✓\n' })).toEqual({ ok: true, value: { path } });
    expect(await dispatch('file.read', { path })).toEqual({ ok: true, value: { path, text: 'new ✓\n' } });
    expect(readdirSync(dir)).toEqual(['p.duto.json']);
  });

  it('a write through a link replaces the file it names and keeps the link', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'real'));
    const real = join(dir, 'real', 't.duto.json');
    writeFileSync(real, 'old');
    const link = join(dir, 'link.duto.json');
    symlinkSync(real, link);
    await writeFileAtomic(link, 'new');
    expect(readFileSync(real, 'utf8')).toBe('new');
    expect(readlinkSync(link)).toBe(real);
    expect(readdirSync(dir).sort()).toEqual(['link.duto.json', 'real']);
    expect(readdirSync(join(dir, 'real'))).toEqual(['t.duto.json']);
  });

  it('a failed write leaves the old file and no temporary', async () => {
    const dir = freshDir();
    const target = join(dir, 'sub');
    mkdirSync(target);
    // Renaming a file over a folder fails after the temp file was written.
    await expect(writeFileAtomic(target, 'x')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['sub']);
  });

  it('refuses files that are too big, not UTF-8, missing, or relative', async () => {
    const { dispatch } = files();
    const dir = freshDir();
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    const { truncateSync } = await import('node:fs');
    truncateSync(big, MAX_READ_BYTES + 1);
    expect(await dispatch('file.read', { path: big })).toMatchObject({ ok: false, error: { code: 'file.too-large' } });
    const latin1 = join(dir, 'latin1.json');
    writeFileSync(latin1, Buffer.from([0x7b, 0xe9, 0x7d]));
    expect(await dispatch('file.read', { path: latin1 })).toMatchObject({
      ok: false,
      error: { code: 'file.encoding', message: expect.stringContaining('not UTF-8') },
    });
    expect(await dispatch('file.read', { path: join(dir, 'nope.json') })).toMatchObject({
      ok: false,
      error: { code: 'file.not-found' },
    });
    expect(await dispatch('file.read', { path: 'relative.json' })).toMatchObject({
      ok: false,
      error: { code: 'file.path' },
    });
    expect(await dispatch('file.read', { path: dir })).toMatchObject({ ok: false, error: { code: 'file.is-folder' } });
    expect(await dispatch('file.write', { path: join(dir, 'missing', 'x.json'), text: '' })).toMatchObject({
      ok: false,
      error: { code: 'file.not-found' },
    });
  });

  it('lists a folder: folders first, sorted, hidden entries left out', async () => {
    const { dispatch } = files();
    const dir = freshDir();
    writeFileSync(join(dir, 'b.csv'), '12345');
    writeFileSync(join(dir, 'a.duto.json'), '{}');
    writeFileSync(join(dir, '.hidden'), '');
    mkdirSync(join(dir, 'zeta'));
    mkdirSync(join(dir, '.git'));
    const r = await dispatch('file.list', { dir });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const value = r.value as {
      dir: string;
      parent: string | null;
      entries: Array<{ name: string; kind: string; size: number }>;
    };
    expect(value.entries.map((e) => [e.name, e.kind])).toEqual([
      ['zeta', 'dir'],
      ['a.duto.json', 'file'],
      ['b.csv', 'file'],
    ]);
    expect(value.entries[2]?.size).toBe(5);
    expect(value.parent).toBe(join(dir, '..'));
    expect(((await dispatch('file.list', { dir: '/' })) as { value: { parent: null } }).value.parent).toBeNull();
  });

  it('keeps the recent list newest first, without duplicates, capped', async () => {
    const { dispatch, userData } = files();
    expect(await dispatch('recent.list', {})).toEqual({ ok: true, value: { paths: [] } });
    for (let i = 0; i < 15; i++) await dispatch('recent.add', { path: `/p/${i}.duto.json` });
    await dispatch('recent.add', { path: '/p/3.duto.json' });
    const r = await dispatch('recent.list', {});
    const paths = (r as { value: { paths: string[] } }).value.paths;
    expect(paths).toHaveLength(MAX_RECENT);
    expect(paths.slice(0, 3)).toEqual(['/p/3.duto.json', '/p/14.duto.json', '/p/13.duto.json']);
    expect(JSON.parse(readFileSync(join(userData, 'recent.json'), 'utf8')).paths).toEqual(paths);
    writeFileSync(join(userData, 'recent.json'), '{broken');
    expect(await dispatch('recent.list', {})).toEqual({ ok: true, value: { paths: [] } });
  });

  it('backs up, lists and clears, one file per key; keys cannot escape the folder', async () => {
    const { dispatch, userData } = files();
    await dispatch('backup.write', { key: 'untitled-1', path: null, text: '{"a":1}' });
    await dispatch('backup.write', { key: '../../evil', path: '/p/x.duto.json', text: 'two' });
    await dispatch('backup.write', { key: 'untitled-1', path: null, text: '{"a":2}' });
    expect(readdirSync(join(userData, 'backups'))).toHaveLength(2);
    expect(readdirSync(userData).sort()).toEqual(['backups']);
    const listed = (await dispatch('backup.list', {})) as {
      value: { backups: Array<{ key: string; path: string | null; text: string }> };
    };
    expect(listed.value.backups.map((b) => [b.key, b.path, b.text]).sort()).toEqual([
      ['../../evil', '/p/x.duto.json', 'two'],
      ['untitled-1', null, '{"a":2}'],
    ]);
    await dispatch('backup.clear', { key: 'untitled-1' });
    const after = (await dispatch('backup.list', {})) as { value: { backups: Array<{ key: string }> } };
    expect(after.value.backups.map((b) => b.key)).toEqual(['../../evil']);
  });

  it('reports a response that breaks its schema as an internal error', async () => {
    const logged: string[] = [];
    const unused = async (): Promise<never> => {
      throw new Error('x');
    };
    const handlers = {
      ...createFileOps({ userDataDir: freshDir() }),
      'recent.list': async () => ({ paths: [42] }),
      'app.info': unused,
      'app.pendingOpens': unused,
      'file.openDialog': unused,
      'file.saveDialog': unused,
      'pipeline.check': unused,
      'pipeline.preview': unused,
      'pipeline.run': unused,
      'pipeline.cancel': unused,
      'pipeline.sql': unused,
      'engine.functions': unused,
    } as unknown as Handlers;
    const dispatch = createDispatch(handlers, (m) => logged.push(m));
    expect(await dispatch('recent.list', {})).toMatchObject({
      ok: false,
      error: { code: 'internal', message: expect.stringContaining('paths[0]') },
    });
    expect(logged).toHaveLength(1);
  });

  it.skipIf(process.platform === 'win32')('refuses a pipe or a device at once instead of waiting on it', async () => {
    const { dispatch } = files();
    const dir = freshDir();
    const fifo = join(dir, 'pipe.duto.json');
    execFileSync('mkfifo', [fifo]);
    // No writer ever comes: a blocking open or read would never return.
    expect(await dispatch('file.read', { path: fifo })).toMatchObject({
      ok: false,
      error: { code: 'file.not-regular', message: expect.stringContaining('not a regular file') },
    });
    const link = join(dir, 'zero.duto.json');
    symlinkSync('/dev/zero', link);
    expect(await dispatch('file.read', { path: link })).toMatchObject({
      ok: false,
      error: { code: 'file.not-regular' },
    });
  });
});
