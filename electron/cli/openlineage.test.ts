import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Redactor } from '../engine/sandbox/redactor';
import { runCommand } from './commands/run';
import type { Io } from './io';
import { PRODUCER, RUN_EVENT_SCHEMA_URL, uuidv7 } from './openlineage';

/**
 * The OpenLineage RunEvent JSON schema (https://openlineage.io/spec/2-0-2/OpenLineage.json)
 * cannot be downloaded here, so this is a faithful zod model of what it
 * requires of a RunEvent — eventType from its enum, eventTime as an ISO
 * date-time, run.runId a UUID, job.namespace and job.name, inputs and
 * outputs with namespace and name, producer and schemaURL URIs — and of the
 * facets we send (SchemaDatasetFacet's fields; every facet's _producer and
 * _schemaURL). Strict where the spec closes objects, passthrough where it
 * allows additional properties.
 */
const uri = z.string().url();
const facet = z.looseObject({ _producer: uri, _schemaURL: uri });
const schemaFacet = facet.extend({
  fields: z.array(z.looseObject({ name: z.string().min(1), type: z.string().optional() })),
});
// ColumnLineageDatasetFacet 1-2-0: fields (required) maps each output field to its inputFields (namespace, name, field required; transformations' type required).
const inputField = z.looseObject({
  namespace: z.string().min(1),
  name: z.string().min(1),
  field: z.string().min(1),
  transformations: z
    .array(
      z.looseObject({
        type: z.enum(['DIRECT', 'INDIRECT']),
        subtype: z.string().optional(),
        description: z.string().optional(),
        masking: z.boolean().optional(),
      }),
    )
    .optional(),
});
const columnLineageFacet = facet.extend({
  fields: z.record(
    z.string(),
    z.looseObject({
      inputFields: z.array(inputField),
      transformationDescription: z.string().optional(),
      transformationType: z.string().optional(),
    }),
  ),
  dataset: z.array(inputField).optional(),
});
const dataset = z.looseObject({
  namespace: z.string().min(1),
  name: z.string().min(1),
  facets: z.looseObject({ schema: schemaFacet.optional(), columnLineage: columnLineageFacet.optional() }).optional(),
  outputFacets: z
    .looseObject({ outputStatistics: facet.extend({ rowCount: z.number().int().nonnegative() }).optional() })
    .optional(),
});
const runEventSchema = z.looseObject({
  eventType: z.enum(['START', 'RUNNING', 'COMPLETE', 'ABORT', 'FAIL', 'OTHER']),
  eventTime: z.iso.datetime({ offset: true }),
  run: z.looseObject({ runId: z.uuid(), facets: z.record(z.string(), facet).optional() }),
  job: z.looseObject({ namespace: z.string().min(1), name: z.string().min(1) }),
  inputs: z.array(dataset).optional(),
  outputs: z.array(dataset).optional(),
  producer: uri,
  schemaURL: uri,
});
type Event = z.infer<typeof runEventSchema>;

const EXAMPLE = join(import.meta.dirname, '..', '..', 'examples', 'orchestration');
const silent: Io = { out: () => undefined, err: () => undefined, tty: false, columns: 80 };

function copyExample(name = 'duto ol'): string {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  cpSync(join(EXAMPLE, 'data'), join(dir, 'data'), { recursive: true });
  cpSync(join(EXAMPLE, 'ingest.duto.json'), join(dir, 'ingest.duto.json'));
  return dir;
}

function events(file: string): Event[] {
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => runEventSchema.parse(JSON.parse(l)));
}

describe('duto run --openlineage', () => {
  it('appends START and COMPLETE RunEvents, valid by the spec model, with datasets, columns and rows written', async () => {
    const dir = copyExample();
    const out = join(dir, 'lineage', 'events.jsonl');
    const code = await runCommand(
      [join(dir, 'ingest.duto.json')],
      { trust: true, openlineage: out, redactor: new Redactor() },
      silent,
    );
    expect(code).toBe(0);
    const [start, done, ...rest] = events(out);
    expect(rest).toEqual([]);
    expect(start?.eventType).toBe('START');
    expect(done?.eventType).toBe('COMPLETE');
    expect(done?.run.runId).toBe(start?.run.runId);
    expect(start?.job).toEqual({ namespace: 'duto', name: join(dir, 'ingest.duto.json') });
    expect(start?.producer).toBe(PRODUCER);
    expect(start?.schemaURL).toBe(RUN_EVENT_SCHEMA_URL);
    expect(done?.inputs).toEqual([
      {
        namespace: 'file',
        name: join(dir, 'data', 'orders.csv'),
        facets: {
          schema: expect.objectContaining({
            fields: [
              { name: 'id', type: 'BIGINT' },
              { name: 'customer', type: 'VARCHAR' },
              { name: 'amount', type: 'DOUBLE' },
            ],
          }),
        },
      },
    ]);
    expect(done?.outputs?.[0]).toMatchObject({
      namespace: 'file',
      name: join(dir, 'out', 'orders-staged.csv'),
      outputFacets: { outputStatistics: { rowCount: 3 } },
    });
    // Column-level lineage on the output: each column from the source file's column of the same name, as is.
    const fields = done?.outputs?.[0]?.facets?.columnLineage?.fields;
    expect(done?.outputs?.[0]?.facets?.columnLineage?._schemaURL).toBe(
      'https://openlineage.io/spec/facets/1-2-0/ColumnLineageDatasetFacet.json#/$defs/ColumnLineageDatasetFacet',
    );
    expect(Object.keys(fields ?? {})).toEqual(['id', 'customer', 'amount']);
    expect(fields?.['amount']?.inputFields).toEqual([
      {
        namespace: 'file',
        name: join(dir, 'data', 'orders.csv'),
        field: 'amount',
        transformations: [{ type: 'DIRECT', subtype: 'IDENTITY' }],
      },
    ]);
  });

  it('a run that fails emits FAIL with the error; the env variable DUTO_OPENLINEAGE works like the option', async () => {
    const dir = copyExample();
    const doc = JSON.parse(readFileSync(join(dir, 'ingest.duto.json'), 'utf8')) as {
      nodes: Array<Record<string, unknown>>;
    };
    // Binds (a cast is typed), fails only when rows meet it: a run-time failure.
    doc.nodes.splice(2, 0, {
      id: 'bad',
      type: 'transform.derive',
      inputs: { in: 'big' },
      params: { columns: [{ name: 'n', expression: 'CAST(customer AS INTEGER)' }] },
    });
    (doc.nodes[3] as { inputs: Record<string, string> }).inputs = { in: 'bad' };
    writeFileSync(join(dir, 'ingest.duto.json'), JSON.stringify(doc));
    const out = join(dir, 'events.jsonl');
    process.env['DUTO_OPENLINEAGE'] = out;
    try {
      expect(await runCommand([join(dir, 'ingest.duto.json')], { trust: true, redactor: new Redactor() }, silent)).toBe(
        1,
      );
    } finally {
      delete process.env['DUTO_OPENLINEAGE'];
    }
    const [start, fail] = events(out);
    expect([start?.eventType, fail?.eventType]).toEqual(['START', 'FAIL']);
    expect(fail?.run.facets?.['errorMessage']).toMatchObject({ message: expect.stringContaining('[bad]') });
  });

  it('POSTs to an endpoint; the URL (a token in it) and every redacted secret stay out of the events and the output', async () => {
    const bodies: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        bodies.push(`${req.url ?? ''} ${body}`);
        res.writeHead(201).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    // A folder named like a secret stands in for a connection password the session would have learned.
    const secret = 'hunter2-Pa55word';
    const dir = copyExample(secret);
    const redactor = new Redactor();
    redactor.add(secret);
    let printed = '';
    const io: Io = { out: (t) => void (printed += t), err: (t) => void (printed += t), tty: false, columns: 80 };
    try {
      const url = `http://127.0.0.1:${String(port)}/api/v1/lineage?api_key=tok3n-s3cret`;
      expect(await runCommand([join(dir, 'ingest.duto.json')], { trust: true, openlineage: url, redactor }, io)).toBe(
        0,
      );
    } finally {
      server.close();
    }
    expect(bodies).toHaveLength(2);
    const sent = bodies.map((b) => runEventSchema.parse(JSON.parse(b.slice(b.indexOf(' ') + 1))));
    expect(sent.map((e) => e.eventType)).toEqual(['START', 'COMPLETE']);
    expect(bodies.map((b) => b.slice(b.indexOf(' ') + 1)).join('')).not.toContain(secret);
    expect(sent[0]?.inputs?.[0]?.name).toContain('***');
    expect(printed).not.toContain('tok3n-s3cret');
  });

  it('an endpoint that cannot be reached is reported, and the run still succeeds', async () => {
    const dir = copyExample();
    let err = '';
    const io: Io = { out: () => undefined, err: (t) => void (err += t), tty: false, columns: 80 };
    expect(
      await runCommand(
        [join(dir, 'ingest.duto.json')],
        { trust: true, openlineage: 'http://127.0.0.1:9/lineage', redactor: new Redactor() },
        io,
      ),
    ).toBe(0);
    expect(err).toContain('openlineage: the endpoint could not be reached');
  });

  it('run ids are UUIDv7: time-ordered, version 7, RFC 4122 variant', () => {
    const a = uuidv7(new Date(1_700_000_000_000));
    const b = uuidv7(new Date(1_700_000_000_001));
    expect(z.uuid().parse(a)).toBe(a);
    expect(a[14]).toBe('7');
    expect(['8', '9', 'a', 'b']).toContain(a[19]);
    expect(a < b).toBe(true);
  });
});
