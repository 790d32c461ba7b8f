import { useEffect, useRef } from 'react';
import { useT } from '../i18n/i18n';

export type UnsavedAnswer = 'save' | 'discard' | 'cancel';

/**
 * Before unsaved changes would be lost (New, Open, an example, an import):
 * Save, Don't save or Cancel, as every desktop app asks. Save is the default
 * button; Escape cancels.
 */
export function UnsavedPrompt(p: { name: string; onAnswer: (a: UnsavedAnswer) => void }) {
  const t = useT();
  const save = useRef<HTMLButtonElement>(null);
  useEffect(() => save.current?.focus(), []);
  return (
    <div className="modal-backdrop" onKeyDown={(e) => e.key === 'Escape' && p.onAnswer('cancel')}>
      <div
        className="modal"
        role="alertdialog"
        aria-labelledby="unsaved-title"
        aria-describedby="unsaved-body"
        data-testid="unsaved-prompt"
      >
        <h2 id="unsaved-title">{t('files.unsaved.title', { name: p.name })}</h2>
        <p id="unsaved-body">{t('files.unsaved.body')}</p>
        <div className="modal-actions">
          <button type="button" onClick={() => p.onAnswer('cancel')} data-testid="unsaved-cancel">
            {t('common.cancel')}
          </button>
          <button type="button" onClick={() => p.onAnswer('discard')} data-testid="unsaved-discard">
            {t('files.unsaved.discard')}
          </button>
          <button
            type="button"
            className="primary"
            ref={save}
            onClick={() => p.onAnswer('save')}
            data-testid="unsaved-save"
          >
            {t('files.unsaved.save')}
          </button>
        </div>
      </div>
    </div>
  );
}
