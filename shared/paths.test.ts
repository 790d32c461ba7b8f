import { describe, expect, it } from 'vitest';
import {
  baseDirOf,
  basenameOf,
  dirnameOf,
  globBase,
  isAbsolutePath,
  joinPath,
  relativeTo,
  resolveFrom,
  suggestedFileName,
} from './paths';

describe('paths, POSIX and Windows alike', () => {
  it('joins with the folder’s own separator, never doubling one', () => {
    expect(joinPath('/home/ana/data', 'orders.csv')).toBe('/home/ana/data/orders.csv');
    expect(joinPath('/', 'orders.csv')).toBe('/orders.csv');
    expect(joinPath('C:\\Users\\ana', 'orders.csv')).toBe('C:\\Users\\ana\\orders.csv');
    expect(joinPath('C:\\', 'orders.csv')).toBe('C:\\orders.csv');
    expect(joinPath('\\\\server\\share', 'orders.csv')).toBe('\\\\server\\share\\orders.csv');
    expect(joinPath('data\\in', 'orders.csv')).toBe('data\\in\\orders.csv');
    // Windows accepts forward slashes: a folder written with them keeps them.
    expect(joinPath('C:/Users/ana', 'orders.csv')).toBe('C:/Users/ana/orders.csv');
  });

  it('takes the folder and the name of a path; a drive root stays a root', () => {
    expect(dirnameOf('/home/ana/p.duto.json')).toBe('/home/ana');
    expect(dirnameOf('/p.duto.json')).toBe('/');
    expect(dirnameOf('p.duto.json')).toBe('.');
    expect(dirnameOf('C:\\Users\\ana\\p.duto.json')).toBe('C:\\Users\\ana');
    expect(dirnameOf('C:\\p.duto.json')).toBe('C:\\');
    expect(basenameOf('/home/ana/p.duto.json')).toBe('p.duto.json');
    expect(basenameOf('C:\\Users\\ana\\p.duto.json')).toBe('p.duto.json');
    expect(basenameOf('p.duto.json')).toBe('p.duto.json');
  });

  it('makes a path inside the pipeline’s folder relative, with /, and leaves others alone', () => {
    expect(relativeTo('/home/ana', '/home/ana/data/orders.csv')).toBe('data/orders.csv');
    expect(relativeTo('/home/ana/', '/home/ana/orders.csv')).toBe('orders.csv');
    expect(relativeTo('C:\\Users\\ana', 'C:\\Users\\ana\\data\\orders.csv')).toBe('data/orders.csv');
    expect(relativeTo('/home/ana', '/home/anabel/orders.csv')).toBe('/home/anabel/orders.csv');
    expect(relativeTo('/home/ana', '/tmp/orders.csv')).toBe('/tmp/orders.csv');
  });

  it('resolves a pipeline’s paths from its folder, or the working folder while unsaved', () => {
    expect(baseDirOf('/home/ana/p.duto.json', '/work')).toBe('/home/ana');
    expect(baseDirOf(null, '/work')).toBe('/work');
    expect(baseDirOf(null, undefined)).toBe('.');
  });

  it('knows absolute paths and where a glob starts', () => {
    for (const p of ['/a', 'C:\\a', 'C:/a', '\\\\server\\share']) expect(isAbsolutePath(p), p).toBe(true);
    for (const p of ['a', './a', 'C:a']) expect(isAbsolutePath(p), p).toBe(false);
    expect(globBase('/data/2024/*.csv')).toBe('/data/2024');
    expect(globBase('C:\\data\\*\\x.csv')).toBe('C:\\data');
  });

  it('names a file after the pipeline as written, replacing only what no file system takes', () => {
    expect(suggestedFileName('Orders report')).toBe('Orders report.duto.json');
    expect(suggestedFileName('Relatório de vendas', '.md')).toBe('Relatório de vendas.md');
    expect(suggestedFileName('a/b: c?')).toBe('a-b- c-.duto.json');
    expect(suggestedFileName('  ..hidden. ')).toBe('hidden.duto.json');
    expect(suggestedFileName('CON')).toBe('CON-.duto.json');
    expect(suggestedFileName(undefined)).toBe('pipeline.duto.json');
    expect(suggestedFileName('///')).toBe('---.duto.json');
  });

  it('resolves a relative path from a folder, . and .. included', () => {
    expect(resolveFrom('/home/ana/p', 'data/../in/./x.csv')).toBe('/home/ana/p/in/x.csv');
    expect(resolveFrom('/home/ana/p/', '../x.csv')).toBe('/home/ana/x.csv');
    expect(resolveFrom('/', 'x.csv')).toBe('/x.csv');
    expect(resolveFrom('C:\\Users\\ana', 'data/x.csv')).toBe('C:\\Users\\ana\\data\\x.csv');
  });
});
