import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTypes } from '../catalog/index';
import { defineNode } from '../catalog/node-type';
import { p } from '../catalog/params';
import { pipelineJsonSchema } from './json-schema';

describe('published JSON Schema', () => {
  it('is generated from the current format and catalog (run `npm run schema` after changing them)', () => {
    const published = readFileSync(new URL('../../schema/duto.pipeline.schema.json', import.meta.url), 'utf8');
    expect(published).toBe(JSON.stringify(pipelineJsonSchema(nodeTypes), null, 2) + '\n');
  });

  it('describes every node type and its params', () => {
    const text = JSON.stringify(pipelineJsonSchema(nodeTypes));
    for (const t of nodeTypes) expect(text).toContain(`"const":"${t.type}"`);
    expect(text).toContain('"title":"Delimiter"');
  });

  it("checks the params of a node at its type's current version only: an older one is migrated on load", () => {
    const v2 = defineNode({
      type: 'transform.renamed',
      version: 2,
      migrations: [{ from: 1, to: 2, up: ({ where, ...rest }) => ({ ...rest, condition: where ?? '' }) }],
      category: 'transform',
      label: 'Renamed',
      description: 'A param renamed in version 2.',
      inputs: [],
      outputs: [],
      params: { condition: p.expression({ label: 'Condition' }) },
      compile: () => ({}),
    });
    const text = JSON.stringify(pipelineJsonSchema([v2]));
    expect(text).toContain(
      '"if":{"properties":{"type":{"const":"transform.renamed"},"typeVersion":{"const":2}},"required":["type","typeVersion"]}',
    );
  });
});
