// The real names and statistical codes of 海陵区 (data/hailing-divisions.json, NBS 2023).
import raw from '../hailing-divisions.json' with { type: 'json' };

export interface DivisionVillage {
  code: string;
  name: string;
}
export interface DivisionTownship {
  code: string;
  name: string;
  villages: DivisionVillage[];
}
export interface Divisions {
  source: string;
  county: { code: string; name: string; city: string; province: string };
  townships: DivisionTownship[];
}

/** The division list as shipped with the repository. */
export const divisions: Divisions = raw;

/** 街道 / 街区 are urban; 镇 rural; the two 园区 are development zones. */
export type TownshipKind = 'street' | 'town' | 'zone';

export function townshipKind(name: string): TownshipKind {
  if (name.endsWith('街道') || name.endsWith('街区')) return 'street';
  if (name.endsWith('镇')) return 'town';
  return 'zone';
}

/** A short form for labels and generated names: 城东街道 → 城东, 孔庄村民委员会 → 孔庄. */
export function shortName(name: string): string {
  const short = name.replace(/(社区居民委员会|社区居委会|村民委员会|居民委员会|居委会|村委会|社区|街道|街区|镇|村)$/u, '');
  return short.length > 0 ? short : name;
}
