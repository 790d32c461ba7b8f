import { useId, useLayoutEffect, useRef, type RefObject } from 'react';
import { useT } from '../i18n/i18n';

/**
 * The question asked before a password or secret is stored as plain text
 * (Linux without a keyring). It takes its form's place; Escape goes back to
 * the form, not out of the dialog.
 */

/**
 * Focus goes to the question when it appears, and back to the form's Save
 * when it is answered — in the commit, so that nothing (a screen reader, a
 * test) sees focus dropped to the page between.
 */
export function useConsentFocus(consent: boolean): {
  consentRef: RefObject<HTMLDivElement | null>;
  saveRef: RefObject<HTMLButtonElement | null>;
} {
  const consentRef = useRef<HTMLDivElement>(null);
  const saveRef = useRef<HTMLButtonElement>(null);
  const wasConsent = useRef(false);
  useLayoutEffect(() => {
    if (consent) consentRef.current?.querySelector('button')?.focus();
    else if (wasConsent.current) saveRef.current?.focus();
    wasConsent.current = consent;
  }, [consent]);
  return { consentRef, saveRef };
}

export interface PlainTextConsentProps {
  consentRef: RefObject<HTMLDivElement | null>;
  /** `connections` or `secrets`: the test ids are `<prefix>-consent`, `-consent-cancel`, `-consent-confirm`. */
  testIdPrefix: string;
  title: string;
  /** The question's heading level, under its section's heading. */
  level: 3 | 4;
  body: string;
  confirmLabel: string;
  error: string | null;
  saving: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}

export function PlainTextConsent(p: PlainTextConsentProps) {
  const t = useT();
  const id = useId();
  return (
    <div
      ref={p.consentRef}
      className="conn-consent"
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-body`}
      data-testid={`${p.testIdPrefix}-consent`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        p.onCancel();
      }}
    >
      {p.level === 3 ? <h3 id={`${id}-title`}>{p.title}</h3> : <h4 id={`${id}-title`}>{p.title}</h4>}
      <p id={`${id}-body`}>{p.body}</p>
      {p.error !== null ? (
        <p className="error-text" role="alert">
          {p.error}
        </p>
      ) : null}
      <div className="modal-actions">
        <button type="button" onClick={p.onCancel} data-testid={`${p.testIdPrefix}-consent-cancel`}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="danger"
          disabled={p.saving}
          onClick={p.onConfirm}
          data-testid={`${p.testIdPrefix}-consent-confirm`}
        >
          {p.confirmLabel}
        </button>
      </div>
    </div>
  );
}
