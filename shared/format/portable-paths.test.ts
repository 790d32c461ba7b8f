import { describe, expect, it } from 'vitest';
import { catalog } from '../catalog/index';
import type { PipelineDocument } from './document';
import { rebasePaths } from './portable-paths';

const doc: PipelineDocument = {
  format: 'duto.pipeline',
  version: 2,
  nodes: [
    { id: 'orders', type: 'source.csv', params: { path: 'data/orders.csv' } },
    { id: 'abs_inside', type: 'source.csv', params: { path: '/home/ana/p/more.csv' } },
    { id: 'outside', type: 'source.csv', params: { path: '/srv/shared/x.csv' } },
    { id: 'param', type: 'source.csv', params: { path: '${dir}/x.csv' } },
    { id: 'out', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: 'out/report.csv' } },
  ],
};
const paths = (d: PipelineDocument) => d.nodes.map((n) => n.params?.['path']);

describe('portable paths', () => {
  it('saved in the same folder: inside paths relative, outside ones absolute', () => {
    expect(paths(rebasePaths(doc, catalog, '/home/ana/p', '/home/ana/p'))).toEqual([
      'data/orders.csv',
      'more.csv',
      '/srv/shared/x.csv',
      '${dir}/x.csv',
      'out/report.csv',
    ]);
  });

  it('moved to another folder, every path still names the same file', () => {
    expect(paths(rebasePaths(doc, catalog, '/home/ana/p', '/home/ana'))).toEqual([
      'p/data/orders.csv',
      'p/more.csv',
      '/srv/shared/x.csv',
      '${dir}/x.csv',
      'p/out/report.csv',
    ]);
    expect(paths(rebasePaths(doc, catalog, '/home/ana/p', '/tmp/q'))).toEqual([
      '/home/ana/p/data/orders.csv',
      '/home/ana/p/more.csv',
      '/srv/shared/x.csv',
      '${dir}/x.csv',
      '/home/ana/p/out/report.csv',
    ]);
  });

  it('can move only what a pipeline reads (an example copy reads the bundled data, writes beside the copy)', () => {
    expect(paths(rebasePaths(doc, catalog, '/opt/duto/examples/p', '/home/ana', 'read'))).toEqual([
      '/opt/duto/examples/p/data/orders.csv',
      'p/more.csv',
      '/srv/shared/x.csv',
      '${dir}/x.csv',
      'out/report.csv',
    ]);
  });

  it('moves the default of a parameter a path starts with, when every path using it moves', () => {
    const example: PipelineDocument = {
      format: 'duto.pipeline',
      version: 2,
      params: { data_dir: { default: 'data' }, out_dir: { default: 'out' }, other: { default: 'x' } },
      nodes: [
        { id: 'orders', type: 'source.csv', params: { path: '${data_dir}/orders.csv' } },
        { id: 'out', type: 'sink.csv', inputs: { in: 'orders' }, params: { path: '${out_dir}/report.csv' } },
      ],
    };
    const copy = rebasePaths(example, catalog, '/opt/duto/examples/p', '/home/ana', 'read');
    expect(copy.params).toEqual({
      data_dir: { default: '/opt/duto/examples/p/data' },
      out_dir: { default: 'out' },
      other: { default: 'x' },
    });
    expect(paths(copy)).toEqual(['${data_dir}/orders.csv', '${out_dir}/report.csv']);
    expect(rebasePaths(example, catalog, '/home/ana', '/home/ana/sub').params).toEqual({
      data_dir: { default: '/home/ana/data' },
      out_dir: { default: '/home/ana/out' },
      other: { default: 'x' },
    });
  });

  it('returns the same document when nothing moves', () => {
    const same = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'abs_inside') };
    expect(rebasePaths(same, catalog, '/home/ana/p', '/home/ana/p')).toBe(same);
  });
});
