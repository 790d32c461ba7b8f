import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeTypes } from './index';

/* The catalog's layout is a rule: one file per node type in nodes/, each with its own test beside it; helpers live one folder up. */

const NODES = path.join(__dirname, 'nodes');
const files = fs.readdirSync(NODES);
const nodeFiles = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));

describe('shared/catalog/nodes/', () => {
  it('holds one file per node type of the catalog, and nothing else', () => {
    expect(nodeFiles).toHaveLength(nodeTypes.length);
    for (const f of nodeFiles)
      expect(fs.readFileSync(path.join(NODES, f), 'utf8'), f).toMatch(/= defineNode\(\{\n {2}type: '/);
  });

  it('gives every node type file a test of its own: <name>.test.ts', () => {
    expect(nodeFiles.filter((f) => !files.includes(f.replace(/\.ts$/, '.test.ts')))).toEqual([]);
    expect(files.filter((f) => f.endsWith('.test.ts') && !nodeFiles.includes(f.replace(/\.test\.ts$/, '.ts')))).toEqual(
      [],
    );
  });
});
