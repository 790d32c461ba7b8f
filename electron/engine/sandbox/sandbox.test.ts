import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../api';
import { openPipeline } from '../index';
import { openSandbox, type Sandbox } from './sandbox';
import { csvFilterParquet, freshDir, pipeline } from '../test-support';

const sessions: PipelineSession[] = [];
const sandboxes: Sandbox[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
  for (const s of sandboxes.splice(0)) s.close();
});

async function validateFilter(condition: string) {
  const dir = freshDir();
  writeFileSync(join(dir, 'in.csv'), 'a,b\n1,x\n');
  const s = await openPipeline(csvFilterParquet('in.csv', condition, 'out.parquet'), {
    trust: 'trusted',
    baseDir: dir,
  });
  sessions.push(s);
  return { v: await s.validate() };
}

describe('the sandbox: a pipeline reaches only the files it names', () => {
  it('refuses /etc/passwd in a filter expression, naming node and param', async () => {
    const { v } = await validateFilter("(SELECT count(*) FROM read_csv('/etc/passwd')) > 0");
    // The first wall refuses the table function before the sandbox is even asked (walls/user-sql.ts).
    const d = v.diagnostics.find((x) => x.nodeId === 'kept');
    expect(d).toMatchObject({ code: 'sql.refused', param: 'condition' });
    expect(d?.message).toContain('read_csv()');
  });

  it('refuses a file next to the source that the pipeline does not name', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'a,b\n1,x\n');
    writeFileSync(join(dir, 'secret.csv'), 'password\nhunter2\n');
    const secret = join(dir, 'secret.csv');
    const s = await openPipeline(
      csvFilterParquet('in.csv', `(SELECT count(*) FROM read_csv('${secret}')) > 0`, 'out.parquet'),
      { trust: 'trusted', baseDir: dir },
    );
    sessions.push(s);
    const v = await s.validate();
    expect(v.diagnostics.find((x) => x.nodeId === 'kept')).toMatchObject({ code: 'sql.refused', param: 'condition' });
    expect((await s.run()).ok).toBe(false);
  });

  it('refuses a relative ../ escape and a sibling read by absolute path', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'in.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'other.csv'), 'a\n1\n');
    const s = await openPipeline(
      csvFilterParquet(
        'data/in.csv',
        `(SELECT count(*) FROM read_csv('${join(dir, 'data', '..', 'other.csv')}')) > 0`,
        'out.parquet',
      ),
      { trust: 'trusted', baseDir: dir },
    );
    sessions.push(s);
    const v = await s.validate();
    expect(v.diagnostics.find((x) => x.nodeId === 'kept')?.code).toBe('sql.refused');
  });

  it('behind the first wall, the sandbox itself refuses unnamed files, ../ escapes and siblings', async () => {
    const dir = freshDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'in.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'other.csv'), 'a\n1\n');
    const sb = await openSandbox({ files: [join(dir, 'data', 'in.csv')], dirs: [] });
    sandboxes.push(sb);
    const c = sb.connection;
    for (const f of [
      '/etc/passwd',
      join(dir, 'data', '..', 'other.csv'),
      join(dir, 'other.csv'),
      join(dir, 'data', 'in.csv.bak'),
    ]) {
      await expect(c.runAndReadAll(`SELECT count(*) FROM read_text('${f}')`)).rejects.toThrow(/Permission Error/);
    }
  });

  it('refuses COPY elsewhere, INSTALL, ATTACH and re-enabling access once locked', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'a\n1\n');
    const sb = await openSandbox({ files: [join(dir, 'in.csv')], dirs: [] });
    sandboxes.push(sb);
    const c = sb.connection;
    expect((await c.runAndReadAll(`SELECT count(*) FROM read_csv('${join(dir, 'in.csv')}')`)).getRowsJson()).toEqual([
      ['1'],
    ]);
    await expect(c.run(`COPY (SELECT 1) TO '${join(dir, 'elsewhere.csv')}'`)).rejects.toThrow(/Permission Error/);
    await expect(c.run('SET enable_external_access = true')).rejects.toThrow(/locked/);
    await expect(c.run("SET allowed_directories = ['/']")).rejects.toThrow(/locked/);
    await expect(c.run(`ATTACH '${join(dir, 'x.db')}'`)).rejects.toThrow();
    await expect(c.run('INSTALL sqlite')).rejects.toThrow();
  });
});

describe('the sandbox and custom SQL', () => {
  it('a custom SQL node cannot read /etc/passwd', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), 'a\n1\n');
    const doc = pipeline(
      { id: 'src', type: 'source.csv', params: { path: 'in.csv' } },
      {
        id: 'q',
        type: 'transform.sql',
        inputs: { in: 'src' },
        params: { query: "SELECT * FROM src, read_csv('/etc/passwd')" },
      },
    );
    const s = await openPipeline(doc, { trust: 'trusted', baseDir: dir });
    sessions.push(s);
    const v = await s.validate();
    expect(v.diagnostics.find((x) => x.nodeId === 'q' && x.severity === 'error')).toMatchObject({
      code: 'sql.refused',
      param: 'query',
    });
  });
});
