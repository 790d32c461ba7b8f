import { useEffect, useRef, useState } from 'react';
import { useFiles } from '../files/files-context';
import { basenameOf } from '../../../shared/paths';
import { useT } from '../i18n/i18n';
import { useAppStore } from '../store/store-context';

/**
 * File commands in one drop-down, so the toolbar fits on one line; Save
 * stays a button beside it. Open and Import use the app's own file dialog.
 */
export function FileMenu() {
  const t = useT();
  const files = useFiles();
  const recent = useAppStore((s) => s.session.recent);
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      if (!(e.target instanceof Node && root.current?.contains(e.target))) setOpen(false);
    };
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('pointerdown', away);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerdown', away);
      window.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const item = (testId: string, label: string, run: () => void) => (
    <button
      type="button"
      role="menuitem"
      data-testid={testId}
      onClick={() => {
        setOpen(false);
        run();
      }}
    >
      {label}
    </button>
  );

  return (
    <div className="file-menu" ref={root}>
      <button
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid="file-menu"
      >
        {t('toolbar.file')} <span aria-hidden="true">▾</span>
      </button>
      {open ? (
        <div className="menu" role="menu" aria-label={t('toolbar.file')}>
          {item('file-new', t('toolbar.new'), files.newDocument)}
          {item('file-open', t('toolbar.open'), () => void files.open())}
          {item('file-save-as', t('toolbar.saveAs'), () => void files.saveAs())}
          <hr />
          {item('file-import', t('toolbar.import'), () => void files.importFile())}
          {item('file-export', t('toolbar.export'), () => void files.exportDocument())}
          {item('file-export-docs', t('toolbar.exportDocs'), () => void files.exportDocs())}
          <hr />
          <div className="menu-heading">{t('toolbar.recent')}</div>
          {recent.length === 0 ? <div className="menu-empty">{t('toolbar.noRecent')}</div> : null}
          {recent.map((p) => (
            <button
              key={p}
              type="button"
              role="menuitem"
              title={p}
              data-testid="file-recent-item"
              onClick={() => {
                setOpen(false);
                void files.openPath(p);
              }}
            >
              {basenameOf(p)}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
