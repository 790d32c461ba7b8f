import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DutoError } from '../../../shared/diagnostics';
import { loadPipelineFile } from '../bind/load-file';
import { readConnectionsFile } from '../connections/lookup';
import { readState } from '../external/incremental-state';
import { freshDir } from '../test-support';
import { readRegularText, readRegularTextSync } from './read-regular';

/**
 * Files Duto reads whole are regular files of bounded size: a FIFO as a pipeline, a connections or a state file
 * blocked every command for good (and its exit on SIGTERM with it); /dev/zero read until memory ran out.
 */

const fifo = (dir: string, name: string): string => {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
};

async function problem(read: () => unknown): Promise<string> {
  try {
    await read();
  } catch (e) {
    if (e instanceof DutoError) return e.diagnostics.map((d) => d.message).join('\n');
    return e instanceof Error ? e.message : String(e);
  }
  return 'read';
}

describe.skipIf(process.platform === 'win32')('reading a file whole', () => {
  it('a FIFO, a device or a folder is refused at once, never read', async () => {
    const dir = freshDir('duto-regular-');
    const pipe = fifo(dir, 'p.duto.json');
    expect(await problem(() => loadPipelineFile(pipe))).toBe(
      `cannot read ${pipe}: it is not a regular file (a pipe, a device or a socket)`,
    );
    expect(await problem(() => loadPipelineFile('/dev/zero'))).toBe(
      'cannot read /dev/zero: it is not a regular file (a pipe, a device or a socket)',
    );
    mkdirSync(join(dir, 'folder.duto.json'));
    expect(await problem(() => loadPipelineFile(join(dir, 'folder.duto.json')))).toMatch(/: it is a folder$/);
    expect(await problem(() => readConnectionsFile(fifo(dir, 'duto.connections.json')))).toMatch(
      /it is not a regular file/,
    );
    expect(await problem(() => readState(fifo(dir, 'state.json')))).toMatch(/it is not a regular file/);
  });

  it('a regular file is read whole, up to its limit', async () => {
    const file = join(freshDir('duto-regular-'), 'a.json');
    writeFileSync(file, 'é'.repeat(1000));
    expect(await readRegularText(file)).toBe('é'.repeat(1000));
    expect(readRegularTextSync(file)).toBe('é'.repeat(1000));
    expect(await problem(() => readRegularText(file, 100))).toBe('it is larger than 100 bytes');
    expect(await problem(() => readRegularTextSync(file, 100))).toBe('it is larger than 100 bytes');
    // Not UTF-8 (a Latin-1 path, a UTF-16 file): refused by name, never decoded into replacement characters.
    writeFileSync(file, Buffer.from('{"path":"dados_á.csv"}', 'latin1'));
    expect(await problem(() => loadPipelineFile(file))).toBe(
      `cannot read ${file}: it is not UTF-8 text (save it as UTF-8)`,
    );
    expect(await problem(() => readRegularTextSync(file))).toBe('it is not UTF-8 text (save it as UTF-8)');
  });
});
