import { useEffect, type RefObject } from 'react';

/**
 * Keeps keyboard focus inside a modal while it is open: focus starts on its
 * first control, Tab and Shift+Tab wrap around, focus that escapes (a click
 * on the backdrop) is brought back, and on close it returns to whatever had
 * it before (the button that opened the modal).
 */

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.hasAttribute('disabled') && el.tabIndex >= 0 && !el.hidden,
  );
}

export function useFocusTrap(ref: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const root = ref.current;
    if (root === null) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const focusFirst = (): void => (focusableIn(root)[0] ?? root).focus();
    if (!root.contains(document.activeElement)) focusFirst();

    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Tab') return;
      const list = focusableIn(root);
      const first = list[0];
      const last = list[list.length - 1];
      if (first === undefined || last === undefined) {
        e.preventDefault();
        return;
      }
      if (e.shiftKey && (document.activeElement === first || !root.contains(document.activeElement))) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    const onFocusIn = (e: FocusEvent): void => {
      if (e.target instanceof Node && !root.contains(e.target)) focusFirst();
    };
    root.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      root.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocusIn);
      before?.focus();
    };
  }, [ref]);
}
