import { useSyncExternalStore } from 'react';

/** The theme the app shows (prefs.ts sets it on the root element): charts pick their palette by it. */
export function useResolvedTheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribe, current, () => 'light');
}

function current(): 'light' | 'dark' {
  return document.documentElement.dataset['theme'] === 'dark' ? 'dark' : 'light';
}

function subscribe(onChange: () => void): () => void {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
  return () => observer.disconnect();
}
