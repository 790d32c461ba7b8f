import { useEffect, useState } from 'react';
import type { DutoApi } from '../../../../shared/ipc/contract';
import type { FunctionEntry } from '../../../../shared/ipc/function-ops';
import { useApi } from '../../api/api-context';

const NONE: readonly FunctionEntry[] = [];

/** One request per API for the whole app: the catalog only changes with the engine. */
const loaded = new WeakMap<DutoApi, Promise<readonly FunctionEntry[]>>();

function load(api: DutoApi): Promise<readonly FunctionEntry[]> {
  let p = loaded.get(api);
  if (p === undefined) {
    p = api['engine.functions']({}).then((r) => {
      // A failure leaves completion to columns and keywords, and is asked again next time.
      if (!r.ok) loaded.delete(api);
      return r.ok ? r.value.functions : NONE;
    });
    loaded.set(api, p);
  }
  return p;
}

/** The engine's functions (engine.functions), empty until they arrive. */
export function useFunctions(): readonly FunctionEntry[] {
  const api = useApi();
  const [fns, setFns] = useState<readonly FunctionEntry[]>(NONE);
  useEffect(() => {
    let live = true;
    void load(api).then((f) => {
      if (live) setFns(f);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return fns;
}
