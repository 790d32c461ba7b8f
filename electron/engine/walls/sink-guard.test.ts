import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderSnapshot } from '../../../test/folder-snapshot';
import type { JsonValue } from '../../../shared/format/json';
import { freshDir, pipeline, sessionOpener } from '../test-support';
import { OUTPUT_MARKER } from './sink-guard';

/** Outputs replace only what Duto wrote: never the pipeline, its inputs, its folder, or a folder of someone else's files. */

const open = sessionOpener();

function project(): string {
  const dir = freshDir('duto-sinks-');
  writeFileSync(join(dir, 'in.csv'), 'id,country\n1,BR\n2,PT\n');
  writeFileSync(join(dir, 'p.duto.json'), '{}\n');
  writeFileSync(join(dir, 'notes.txt'), 'mine\n');
  return dir;
}

const withSink = (type: string, params: Record<string, JsonValue>) =>
  pipeline(
    { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
    { id: 'out', type, inputs: { in: 'src' }, params },
  );

async function refusedOn(dir: string, doc: ReturnType<typeof pipeline>): Promise<string | undefined> {
  const before = folderSnapshot(dir);
  const s = await (
    await import('../index')
  ).openPipeline(doc, { trust: 'trusted', baseDir: dir, file: join(dir, 'p.duto.json'), threads: 1 });
  try {
    const v = await s.validate();
    const r = await s.run();
    expect(r.ok).toBe(false);
    expect(folderSnapshot(dir)).toEqual(before);
    return v.diagnostics.find((d) => d.code === 'sink.refused' && d.nodeId === 'out')?.message;
  } finally {
    s.close();
  }
}

describe('sinks that cannot destroy', () => {
  it('refuse the pipeline file, their own input, and a second sink on the same target', async () => {
    const dir = project();
    expect(await refusedOn(dir, withSink('sink.csv', { path: 'p.duto.json' }))).toMatch(/this pipeline's own file/);
    expect(await refusedOn(dir, withSink('sink.csv', { path: 'in.csv' }))).toMatch(/which "src" reads/);
    expect(await refusedOn(dir, withSink('sink.json', { path: './in.csv' }))).toMatch(/which "src" reads/);
    const twice = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      { id: 'first', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'o.csv' } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'src' }, params: { path: 'o.csv' } },
    );
    expect(await refusedOn(dir, twice)).toMatch(/also written by "first"/);
  });

  it.skipIf(process.platform === 'win32')(
    'refuse a link to a pipe or a device (as /dev/stdout is), leaving the link as it is',
    async () => {
      const dir = project();
      // An anonymous pipe, as a process's stdout often is: its /proc link's real path names nothing on disk.
      const child = spawn('sleep', ['30'], { stdio: ['pipe', 'ignore', 'ignore'] });
      try {
        for (const target of [`/proc/${String(child.pid)}/fd/0`, '/dev/null']) {
          const link = join(dir, 'out.csv');
          rmSync(link, { force: true });
          symlinkSync(target, link);
          expect(await refusedOn(dir, withSink('sink.csv', { path: 'out.csv' }))).toMatch(
            /exists and is not a regular file/,
          );
          expect(readlinkSync(link)).toBe(target);
        }
      } finally {
        child.kill();
      }
    },
  );

  it('a partitioned sink never replaces the pipeline folder, a folder above it, or a folder of other files', async () => {
    const dir = project();
    for (const path of ['.', '..', dir])
      expect(await refusedOn(dir, withSink('sink.parquet', { path, partitionBy: ['country'] }))).toMatch(
        /folder or a folder above it|holds/,
      );
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'q3.xlsx'), 'not ours');
    expect(await refusedOn(dir, withSink('sink.parquet', { path: 'reports', partitionBy: ['country'] }))).toMatch(
      /was not written by Duto/,
    );
    expect(readFileSync(join(dir, 'reports', 'q3.xlsx'), 'utf8')).toBe('not ours');
  });

  it('writes a new partitioned folder with its marker, and replaces it on the next run', async () => {
    const dir = project();
    const doc = withSink('sink.parquet', { path: 'parts', partitionBy: ['country'] });
    for (let i = 0; i < 2; i++) {
      const s = await open(doc, dir);
      expect((await s.run({ force: true })).ok).toBe(true);
    }
    expect(existsSync(join(dir, 'parts', OUTPUT_MARKER))).toBe(true);
    expect(existsSync(join(dir, 'parts', 'country=BR'))).toBe(true);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine\n');
  });

  it('replaces a partitioned folder written before the marker existed (only partition folders of data files)', async () => {
    const dir = project();
    mkdirSync(join(dir, 'parts', 'country=XX'), { recursive: true });
    writeFileSync(join(dir, 'parts', 'country=XX', 'data_0.parquet'), 'old');
    const s = await open(withSink('sink.parquet', { path: 'parts', partitionBy: ['country'] }), dir);
    expect((await s.run()).ok).toBe(true);
    expect(existsSync(join(dir, 'parts', 'country=XX'))).toBe(false);
    expect(existsSync(join(dir, 'parts', 'country=PT'))).toBe(true);
  });
});
