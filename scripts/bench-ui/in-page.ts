/**
 * Instruments that run inside the page (passed to page.evaluate, so each is
 * self-contained). Times are the page's performance.now().
 */

declare global {
  interface Window {
    dutoBench?: { moves: number[]; shown?: number; clicked?: number } | undefined;
  }
}

/**
 * Main-thread work per frame while dragging, without the wait for the next
 * vsync: the mousemove handlers with the renders they cause (up to the next
 * task), plus the frame itself (from its animation-frame callbacks through
 * style, layout, paint and commit, up to the next task).
 */
export function recordDragFrames(): void {
  const moves: number[] = [];
  window.dutoBench = { moves };
  let input = 0;
  let frameRequested = false;
  const afterThisTask = (then: () => void): void => {
    const channel = new MessageChannel();
    channel.port1.onmessage = then;
    channel.port2.postMessage(null);
  };
  window.addEventListener(
    'mousemove',
    () => {
      const start = performance.now();
      afterThisTask(() => (input += performance.now() - start));
      if (frameRequested) return;
      frameRequested = true;
      requestAnimationFrame(() => {
        const frameStart = performance.now();
        afterThisTask(() => {
          moves.push(input + performance.now() - frameStart);
          input = 0;
          frameRequested = false;
        });
      });
    },
    { capture: true },
  );
}

/** Notes when the user clicks, and when the preview shows rows of `nodeId` after that. */
export function watchPreview(nodeId: string): void {
  const bench: NonNullable<Window['dutoBench']> = { moves: [] };
  window.dutoBench = bench;
  window.addEventListener('pointerdown', () => (bench.clicked = performance.now()), { capture: true, once: true });
  const shown = (): boolean => {
    const title = document.querySelector('[data-testid="preview"] .preview-bar strong');
    return title?.textContent === nodeId && document.querySelector('[data-testid="preview-grid"] .grid-row') !== null;
  };
  const observer = new MutationObserver(() => {
    if (bench.clicked === undefined || !shown()) return;
    // Rows are in the DOM; they are on screen once this frame is painted.
    requestAnimationFrame(() => (bench.shown = performance.now()));
    observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true, characterData: true });
}
