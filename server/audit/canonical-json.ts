// Canonical JSON: object keys sorted at every depth, no whitespace, undefined members dropped.
// The audit hash chain hashes this form, so the hash of an entry does not depend on the order its
// fields were written in or on how SQLite hands back the stored JSON.

/** Serialises a JSON value canonically (sorted keys at every depth). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const s = JSON.stringify(value);
    // JSON.stringify(undefined) is undefined: only reachable at the top level, where null stands in.
    return s === undefined ? 'null' : s;
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.keys(value)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
  return `{${entries.join(',')}}`;
}
