import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeTypes } from '../catalog/index';
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
});
