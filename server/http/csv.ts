// CSV (RFC 4180) for exports, with a UTF-8 byte order mark so spreadsheet programs read Chinese
// text correctly, and formula-looking cells defused (a leading = + - @ gets a quote). Written a row
// at a time: an export streams, so the document is never built whole.

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV record with its line break. */
export function csvLine(values: readonly unknown[]): string {
  return `${values.map(cell).join(',')}\r\n`;
}

/** The start of a CSV document: the byte order mark and the header row. */
export function csvHead(columns: readonly string[]): string {
  return `\uFEFF${csvLine(columns)}`;
}
