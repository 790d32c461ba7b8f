// Writes schema/duto.pipeline.schema.json from the format and the catalog.
import { mkdirSync, writeFileSync } from 'node:fs';
import { nodeTypes } from '../shared/catalog/index';
import { pipelineJsonSchema } from '../shared/format/json-schema';

mkdirSync('schema', { recursive: true });
writeFileSync('schema/duto.pipeline.schema.json', JSON.stringify(pipelineJsonSchema(nodeTypes), null, 2) + '\n');
console.log('wrote schema/duto.pipeline.schema.json');
