/** The index of the largest (or smallest) of named columns, as a CASE. */
export function argBest(names: readonly string[], op: '>=' | '<='): string {
  const whens = names.map(
    (n, k) =>
      `WHEN ${
        names
          .filter((_, l) => l !== k)
          .map((o) => `${n} ${op} ${o}`)
          .join(' AND ') || 'TRUE'
      } THEN ${k}`,
  );
  return `(CASE ${whens.join(' ')} END)`;
}
