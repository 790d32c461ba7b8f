import type { FunctionEntry } from '../../../../shared/ipc/function-ops';

/** A function's overloads by name, built once per catalog. */
export function byName(fns: readonly FunctionEntry[]): ReadonlyMap<string, readonly FunctionEntry[]> {
  const out = new Map<string, FunctionEntry[]>();
  for (const f of fns) {
    const list = out.get(f.name);
    if (list === undefined) out.set(f.name, [f]);
    else list.push(f);
  }
  return out;
}

/** `substr(string VARCHAR, start BIGINT) → VARCHAR`, as parts so the current argument can be shown apart. */
export interface SignatureParts {
  name: string;
  params: string[];
  returns: string | null;
}

export function signatureParts(f: FunctionEntry): SignatureParts {
  const params = f.params.map((p) => (p.type === null ? p.name : `${p.name} ${p.type}`));
  if (f.varargs !== null) params.push(`${f.varargs}...`);
  return { name: f.name, params, returns: f.returns };
}

export function signatureText(f: FunctionEntry): string {
  const s = signatureParts(f);
  return `${s.name}(${s.params.join(', ')})${s.returns === null ? '' : ` → ${s.returns}`}`;
}

/** The overload that fits a call with the cursor in argument `argIndex`: the first that has that many, else the first. */
export function overloadFor(overloads: readonly FunctionEntry[], argIndex: number): FunctionEntry | undefined {
  return overloads.find((f) => f.params.length > argIndex || f.varargs !== null) ?? overloads[0];
}

/** Which of the signature's parts the cursor is in: a varargs call stays on its last. */
export function activeParam(f: FunctionEntry, argIndex: number): number {
  const count = f.params.length + (f.varargs === null ? 0 : 1);
  if (count === 0) return -1;
  return Math.min(argIndex, count - 1);
}
