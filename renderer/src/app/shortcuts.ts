import type { MessageKey } from '../i18n/messages.en';

/** Every keyboard shortcut, as the help overlay lists them. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; keysLabel?: MessageKey; label: MessageKey }> = [
  { keys: '/', label: 'shortcut.quickAdd' },
  { keys: 'dblclick', keysLabel: 'shortcut.doubleClick', label: 'shortcut.quickAddHere' },
  { keys: 'Delete / Backspace', label: 'shortcut.delete' },
  { keys: 'Ctrl+Z', label: 'shortcut.undo' },
  { keys: 'Ctrl+Shift+Z / Ctrl+Y', label: 'shortcut.redo' },
  { keys: 'Ctrl+A', label: 'shortcut.selectAll' },
  { keys: 'Ctrl+C / Ctrl+X / Ctrl+V', label: 'shortcut.copyPaste' },
  { keys: 'Ctrl+D', label: 'shortcut.duplicate' },
  { keys: 'F / .', label: 'shortcut.fit' },
  { keys: 'L', label: 'shortcut.layout' },
  { keys: 'N', label: 'shortcut.note' },
  { keys: 'Ctrl+S', label: 'shortcut.save' },
  { keys: 'Ctrl+Shift+S', label: 'shortcut.saveAs' },
  { keys: 'Ctrl+O', label: 'shortcut.open' },
  { keys: 'Ctrl+Enter', label: 'shortcut.run' },
  { keys: 'Ctrl+Shift+Enter', label: 'shortcut.runTo' },
  { keys: '?', label: 'shortcut.help' },
  { keys: 'Esc', label: 'shortcut.close' },
];

/** Keys typed into a field belong to the field. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT';
}

export function isMod(e: KeyboardEvent): boolean {
  return e.ctrlKey || e.metaKey;
}
