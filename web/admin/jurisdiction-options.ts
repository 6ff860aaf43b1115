// The jurisdictions an admin may give an account or display link: the county, each township, and
// each township's villages under it — only those inside the admin's own jurisdiction.
import type { JurisdictionResponse } from '../../server/wire/index.ts';

export type JurisdictionLevel = 'county' | 'township' | 'village';

export interface JurisdictionOption {
  code: string;
  name: string;
  level: JurisdictionLevel;
  /** What a <select> shows: villages indented under their township. */
  text: string;
}

type Areas = Pick<JurisdictionResponse, 'county' | 'townships' | 'villages'>;

const INDENT = { county: '', township: '\u3000', village: '\u3000\u3000' } as const;

/** Every county/township/village code inside `scopeCode`, in tree order (county, township, its villages, …). */
export function jurisdictionOptions(j: Areas, scopeCode: string): JurisdictionOption[] {
  const option = (code: string, name: string, level: JurisdictionLevel): JurisdictionOption =>
    ({ code, name, level, text: `${INDENT[level]}${name} (${code})` });
  const villagesOf = new Map<string, JurisdictionOption[]>();
  for (const { properties: v } of j.villages.features) {
    const list = villagesOf.get(v.townshipCode) ?? [];
    list.push(option(v.code, v.name, 'village'));
    villagesOf.set(v.townshipCode, list);
  }
  const byCode = (a: JurisdictionOption, b: JurisdictionOption) => a.code.localeCompare(b.code);
  const county = j.county.properties;
  const all = [option(county.code, county.name, 'county')];
  const townships = j.townships.features.map((f) => option(f.properties.code, f.properties.name, 'township')).sort(byCode);
  for (const t of townships) all.push(t, ...(villagesOf.get(t.code) ?? []).sort(byCode));
  return all.filter((o) => o.code.startsWith(scopeCode));
}

/** A function naming a code by its place in the tree ("城东街道 / 东安居委会"), or the bare code when unknown. */
export function jurisdictionNamer(j: Areas | null): (code: string) => string {
  if (!j) return (code) => code;
  const names = new Map<string, string>([[j.county.properties.code, j.county.properties.name]]);
  for (const { properties: t } of j.townships.features) names.set(t.code, t.name);
  for (const { properties: v } of j.villages.features) {
    const township = names.get(v.townshipCode);
    names.set(v.code, township ? `${township} / ${v.name}` : v.name);
  }
  return (code) => names.get(code) ?? code;
}

/** What the admin sections need to choose and name jurisdictions. */
export interface AdminAreas {
  /** The admin's own jurisdiction code (the default choice). */
  scopeCode: string;
  options: JurisdictionOption[];
  name: (code: string) => string;
}
