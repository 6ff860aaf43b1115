// CSV (RFC 4180) for exports, with a UTF-8 byte order mark so spreadsheet programs read Chinese
// text correctly, and formula-looking cells defused (a leading = + - @ gets a quote).

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: header row, then one row per record. */
export function toCsv(columns: readonly string[], rows: readonly unknown[][]): string {
  const lines = [columns.map(cell).join(','), ...rows.map((r) => r.map(cell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
