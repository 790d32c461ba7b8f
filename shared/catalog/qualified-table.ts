/**
 * `sales.orders` typed into a Table field with the Schema field empty means
 * table `orders` in schema `sales`, as in any SQL tool. Only for databases
 * with schemas, and only for two plain names: a table whose own name has a
 * dot (or any unusual character) is named with its schema given apart.
 */
const PLAIN_PAIR = /^([A-Za-z_][A-Za-z0-9_$]*)\.([A-Za-z_][A-Za-z0-9_$]*)$/;

export function splitQualified(schema: string | undefined, table: string): { schema: string; table: string } {
  if (schema === undefined) return { schema: '', table };
  if (schema.trim() !== '') return { schema, table };
  const m = PLAIN_PAIR.exec(table.trim());
  return m?.[1] !== undefined && m[2] !== undefined ? { schema: m[1], table: m[2] } : { schema: '', table };
}
