import { createContext, useContext, useState, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PipelineDocument } from '../../../shared/format/document';
import { createAppStore, type Actions, type AppState, type AppStore } from './app-store';

const StoreContext = createContext<AppStore | null>(null);

/** Provides an app store: the one given (tests), or a fresh one. */
export function StoreProvider({
  store,
  initial,
  children,
}: {
  store?: AppStore;
  initial?: PipelineDocument;
  children: ReactNode;
}) {
  const [own] = useState(() => store ?? createAppStore(initial));
  return <StoreContext.Provider value={own}>{children}</StoreContext.Provider>;
}

/** The store itself, for event handlers that read state without subscribing. */
export function useStoreApi(): AppStore {
  const store = useContext(StoreContext);
  if (store === null) throw new Error('Duto #002: store hooks outside <StoreProvider>');
  return store;
}

/**
 * Subscribes to a slice of the app state.
 * @example const dirty = useAppStore((s) => s.doc.document !== s.doc.saved);
 */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useStoreApi(), selector);
}

/** The store's actions (stable: never re-renders). */
export function useActions(): Actions {
  return useStore(useStoreApi(), (s) => s.actions);
}
