import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support';

/**
 * The layer matrix and the cycle check in eslint.config.js fire: a snippet
 * placed (by its file path) in a layer and importing a layer it may not is
 * refused, one importing a layer it may is not, and a new two-file cycle fails.
 */

const eslint = new ESLint({ cwd: ROOT });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

const LAYER = 'import-x/no-restricted-paths';

describe('the layer matrix', () => {
  const forbidden: Array<[string, string]> = [
    ['electron/engine/probe.ts', '../host/index'],
    ['electron/engine/probe.ts', '../cli/exit'],
    ['electron/engine/probe.ts', '../web/responses'],
    ['electron/engine/probe.ts', '../main/menu'],
    ['electron/engine/probe.ts', '../../test/support'],
    ['electron/host/probe.ts', '../cli/exit'],
    ['electron/host/probe.ts', '../web/responses'],
    ['electron/cli/probe.ts', '../web/responses'],
    ['electron/web/probe.ts', '../engine/sandbox/redactor'],
    ['electron/web/probe.ts', '../cli/exit'],
    ['electron/main/probe.ts', '../engine/sandbox/redactor'],
    ['electron/preload/probe.ts', '../host/index'],
    ['shared/probe.ts', '../electron/engine/sandbox/redactor'],
    ['renderer/src/probe.ts', '../../electron/host/index'],
    ['renderer/src/probe.test.ts', '../../electron/engine/sandbox/redactor'],
  ];
  it.each(forbidden)('%s may not import %s', async (file, spec) => {
    expect(await ruleIds(file, `import { x } from '${spec}';\nexport const y = x;\n`)).toContain(LAYER);
  });

  const allowed: Array<[string, string]> = [
    ['electron/engine/probe.ts', '../../shared/diagnostics'],
    ['electron/host/probe.ts', '../engine/sandbox/redactor'],
    ['electron/cli/probe.ts', '../host/index'],
    ['electron/web/probe.ts', '../host/index'],
    ['electron/main/probe.ts', '../host/dispatch'],
    ['electron/main/probe.test.ts', '../engine/sandbox/redactor'],
    ['electron/engine/probe.test.ts', '../../test/support'],
    ['test/probe.ts', '../electron/main/menu'],
  ];
  it.each(allowed)('%s may import %s', async (file, spec) => {
    expect(await ruleIds(file, `import { x } from '${spec}';\nexport const y = x;\n`)).not.toContain(LAYER);
  });
});

describe('the cycle check', () => {
  it('fails on a new import cycle, and not on a cycle of type-only imports', async () => {
    // Inside the tree, so the real config and resolver apply; removed whatever happens.
    const dir = join(ROOT, 'electron/engine/__cycle_probe__');
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(join(dir, 'a.ts'), "import { b } from './b';\nexport const a = (): number => b() + 1;\n");
      writeFileSync(
        join(dir, 'b.ts'),
        "import { a } from './a';\nexport const b = (): number => (typeof a === 'function' ? 0 : 1);\n",
      );
      writeFileSync(join(dir, 'c.ts'), "import type { D } from './d';\nexport interface C { d?: D }\n");
      writeFileSync(join(dir, 'd.ts'), "import type { C } from './c';\nexport interface D { c?: C }\n");
      const results = await eslint.lintFiles([join(dir, '*.ts')]);
      const cycles = (name: string): number =>
        results
          .filter((r) => r.filePath.endsWith(name))
          .flatMap((r) => r.messages)
          .filter((m) => m.ruleId === 'import-x/no-cycle').length;
      expect(cycles('a.ts')).toBe(1);
      expect(cycles('b.ts')).toBe(1);
      expect(cycles('c.ts') + cycles('d.ts')).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
