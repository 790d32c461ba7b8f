/**
 * The columns of a source's `rejected` port, where the bad row was and why:
 * the CSV source's; other sources add where they can say more (a sheet's cell).
 */
export const REJECTED_COLUMNS = [
  { name: 'file', type: 'VARCHAR' },
  { name: 'line', type: 'BIGINT' },
  { name: 'column', type: 'VARCHAR' },
  { name: 'error', type: 'VARCHAR' },
  { name: 'raw_line', type: 'VARCHAR' },
  { name: 'reason', type: 'VARCHAR' },
] as const;
