import { createContext, useContext, type ReactNode } from 'react';
import type { DutoApi } from '../../../shared/ipc/contract';

/**
 * The one way components reach the engine and the file system: the API comes
 * from context, so tests pass a fake and the app passes `createApi()`.
 */
const ApiContext = createContext<DutoApi | null>(null);

export function ApiProvider({ api, children }: { api: DutoApi; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

/** The DutoApi of the nearest ApiProvider. */
export function useApi(): DutoApi {
  const api = useContext(ApiContext);
  if (api === null) throw new Error('Duto #001: useApi() outside <ApiProvider>');
  return api;
}
