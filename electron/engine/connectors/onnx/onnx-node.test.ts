import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import initSqlJs from 'sql.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { PipelineSession } from '../../api';
import { openPipeline } from '../../index';
import { freshDir } from '../../test-support';
import { doc } from '../test-databases';
import { linearModel, softmaxModel } from '../../ml/onnx/onnx-test-models';

/*
 * `ml.score` given an ONNX file, end to end: a pipeline reads a CSV, scores
 * it with a model written by hand, previews it and writes it; a restricted
 * session refuses the model; a bad model or column is an error on the node.
 */

const sessions: PipelineSession[] = [];
afterEach(() => {
  for (const s of sessions.splice(0)) s.close();
});

function folder(model: Uint8Array): string {
  const dir = freshDir('duto-onnx-node-');
  writeFileSync(join(dir, 'rows.csv'), 'id,a,b,city\n1,1.0,2.0,Recife\n2,3.0,-1.0,Natal\n3,0.5,0.5,Salvador\n');
  writeFileSync(join(dir, 'model.onnx'), model);
  return dir;
}

async function open(
  dir: string,
  score: Record<string, unknown>,
  trust: 'trusted' | 'restricted' = 'trusted',
): Promise<PipelineSession> {
  const s = await openPipeline(
    doc(
      { id: 'src', type: 'source.csv', params: { path: 'rows.csv' } },
      { id: 'score', type: 'ml.score', inputs: { in: 'src' }, params: { path: 'model.onnx', ...score } },
      { id: 'out', type: 'sink.csv', inputs: { in: 'score' }, params: { path: 'scored.csv' } },
    ),
    { trust, baseDir: dir, threads: 1 },
  );
  sessions.push(s);
  return s;
}

describe('ml.score with an ONNX model', () => {
  it('previews and runs: the input rows with the prediction W·x + b, in order', async () => {
    const dir = folder(linearModel([2, -3], 0.5));
    const s = await open(dir, { features: ['a', 'b'] });
    const v = await s.validate();
    expect(v.diagnostics).toEqual([]);
    expect(v.schemas['score']?.map((c) => c.name)).toEqual(['id', 'a', 'b', 'city', 'prediction']);
    const p = await s.preview('score', 10);
    expect(p.rows.map((r) => [r[0], r[4]])).toEqual([
      [1, 2 * 1 - 3 * 2 + 0.5],
      [2, 2 * 3 - 3 * -1 + 0.5],
      [3, 2 * 0.5 - 3 * 0.5 + 0.5],
    ]);
    const r = await s.run();
    expect(r.diagnostics).toEqual([]);
    // An ONNX file has no evaluation of Duto's to show.
    expect(await s.modelCard('score')).toEqual({ state: 'none' });
    expect(r.outputs).toEqual([expect.objectContaining({ nodeId: 'out', rows: 3 })]);
    expect(readFileSync(join(dir, 'scored.csv'), 'utf8')).toBe(
      'id,a,b,city,prediction\n1,1.0,2.0,Recife,-3.5\n2,3.0,-1.0,Natal,9.5\n3,0.5,0.5,Salvador,0.0\n',
    );
  });

  it('a classifier: label and one probability column per class', async () => {
    const dir = folder(softmaxModel([1, 0, 0, 0, 1, 0], [0, 0, 0]));
    const s = await open(dir, { features: ['a', 'b'] });
    const v = await s.validate();
    expect(v.diagnostics).toEqual([]);
    expect(v.schemas['score']?.slice(4)).toEqual([
      { name: 'prediction', type: 'BIGINT' },
      { name: 'probability_0', type: 'DOUBLE' },
      { name: 'probability_1', type: 'DOUBLE' },
      { name: 'probability_2', type: 'DOUBLE' },
    ]);
    const p = await s.preview('score', 10);
    expect(p.rows.map((r) => r[4])).toEqual([1, 0, 0]);
  });

  it('a feature column of the wrong type or missing: an error on the node, naming the column', async () => {
    const dir = folder(linearModel([2, -3], 0.5));
    const wrong = await (await open(dir, { features: ['a', 'city'] })).validate();
    expect(wrong.diagnostics).toEqual([
      expect.objectContaining({
        nodeId: 'score',
        severity: 'error',
        message: 'model input column "city" must be a number; the input\'s is VARCHAR',
      }),
    ]);
    const missing = await (await open(dir, { features: ['a', 'weight'] })).validate();
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({ nodeId: 'score', message: expect.stringContaining('"weight"') }),
    ]);
  });

  it('a file that is not ONNX: an error on the node naming the file', async () => {
    const dir = folder(new TextEncoder().encode('{"format": "duto.model"}'));
    const v = await (await open(dir, { features: ['a', 'b'] })).validate();
    expect(v.diagnostics).toEqual([
      expect.objectContaining({
        nodeId: 'score',
        message: `model file ${join(dir, 'model.onnx')} is not an ONNX model (truncated, or another format)`,
      }),
    ]);
  });

  it('a restricted pipeline does not load the model', async () => {
    const dir = folder(linearModel([2, -3], 0.5));
    const v = await (await open(dir, { features: ['a', 'b'] }, 'restricted')).validate();
    expect(v.ok).toBe(false);
    expect(v.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          nodeId: 'score',
          message: expect.stringContaining('a restricted pipeline does not run ONNX models'),
        }),
      ]),
    );
  });
});

describe('ml.score with an ONNX model below a connector source', () => {
  it("previews and runs over the source's rows (the source is read first)", async () => {
    const dir = folder(linearModel([1, 10], 0));
    const SQL = await initSqlJs();
    const db = new SQL.Database();
    db.run('CREATE TABLE t (a REAL, b REAL); INSERT INTO t VALUES (1, 2), (3, 4);');
    writeFileSync(join(dir, 'rows.sqlite'), db.export());
    db.close();
    const s = await openPipeline(
      doc(
        { id: 'src', type: 'source.sqlite', params: { path: 'rows.sqlite', table: 't' } },
        { id: 'score', type: 'ml.score', inputs: { in: 'src' }, params: { path: 'model.onnx', features: ['a', 'b'] } },
        { id: 'out', type: 'sink.csv', inputs: { in: 'score' }, params: { path: 'scored.csv' } },
      ),
      { trust: 'trusted', baseDir: dir, threads: 1 },
    );
    sessions.push(s);
    expect((await s.preview('score', 10)).rows.map((r) => r[2])).toEqual([21, 43]);
    expect((await s.run()).diagnostics).toEqual([]);
    expect(readFileSync(join(dir, 'scored.csv'), 'utf8')).toBe('a,b,prediction\n1.0,2.0,21.0\n3.0,4.0,43.0\n');
  });
});
