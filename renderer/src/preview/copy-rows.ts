type Cell = string | number | boolean | null;

export function cellText(v: Cell): string {
  return v === null ? 'NULL' : String(v);
}

/** A cell as spreadsheets paste it: tabs and line breaks would split it, so they become spaces; a null is empty. */
function tsvCell(v: Cell): string {
  return v === null ? '' : String(v).replace(/[\t\r\n]+/g, ' ');
}

/** Rows as tab-separated text (what spreadsheets paste), under a header line when there are column names. */
export function rowsAsTsv(columns: readonly string[], rows: ReadonlyArray<readonly Cell[]>): string {
  const lines = rows.map((r) => r.map(tsvCell).join('\t'));
  return (columns.length === 0 ? lines : [columns.map((c) => tsvCell(c)).join('\t'), ...lines]).join('\n');
}

/** Puts text on the clipboard and says whether it worked (a toast either way). */
export function copyText(text: string, say: (key: 'preview.copied' | 'preview.copyFailed', ok: boolean) => void): void {
  void navigator.clipboard.writeText(text).then(
    () => say('preview.copied', true),
    () => say('preview.copyFailed', false),
  );
}
