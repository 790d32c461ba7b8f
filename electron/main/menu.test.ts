import { describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { menuTemplate } from './menu';

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((i) => [
    i.label ?? i.role ?? i.type ?? '?',
    ...(Array.isArray(i.submenu) ? labels(i.submenu).map((l) => `  ${l}`) : []),
  ]);
}

function find(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const i of items) {
    if (i.label === label) return i;
    if (Array.isArray(i.submenu)) {
      const f = find(i.submenu, label);
      if (f) return f;
    }
  }
  return undefined;
}

describe('menus', () => {
  it('has File, Edit, View and Help with the expected items', () => {
    const t = menuTemplate({ isMac: false, isDev: false, recent: [], send: () => undefined });
    const l = labels(t);
    for (const x of [
      'File',
      '  New',
      '  Open…',
      '  Open Recent',
      '  Save',
      '  Save As…',
      '  Export…',
      '  quit',
      'Edit',
      '  Undo',
      '  Redo',
      '  cut',
      '  copy',
      '  paste',
      '  selectAll',
      'View',
      '  Zoom to Fit',
      '  Toggle Theme',
      'help',
    ])
      expect(l).toContain(x);
    expect(l).not.toContain('  reload');
    expect(labels(menuTemplate({ isMac: false, isDev: true, recent: [], send: () => undefined }))).toContain(
      '  reload',
    );
  });

  it('sends commands, with the path for a recent file', () => {
    const sent: Array<[string, string | undefined]> = [];
    const t = menuTemplate({
      isMac: true,
      isDev: false,
      recent: ['/p/a.duto.json'],
      send: (c, p) => sent.push([c, p]),
    });
    const click = (label: string) => (find(t, label)?.click as () => void)();
    click('Save As…');
    click('a.duto.json');
    click('Undo');
    expect(sent).toEqual([
      ['file.saveAs', undefined],
      ['file.openRecent', '/p/a.duto.json'],
      ['edit.undo', undefined],
    ]);
  });
});
