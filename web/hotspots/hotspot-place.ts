// A hotspot named the way a duty officer says it: its townships and villages, e.g.
// "城东街道 · 东方红村、春兰村 +2" — a hotspot may straddle a boundary, so it can have several.
import type { Hotspot } from '../../server/wire/index.ts';
import type { JurisdictionIndex } from '../panels/lookup.ts';

/** At most this many village names; the rest counted as "+N". */
const MAX_VILLAGES = 3;

export function hotspotPlace(h: Pick<Hotspot, 'townshipCodes' | 'villageCodes'>, index: JurisdictionIndex): string {
  const townships = h.townshipCodes.map((c) => index.townships.get(c)?.name ?? c).join('、');
  const names = h.villageCodes.map((c) => index.villages.get(c)?.name ?? c);
  const villages = names.length > MAX_VILLAGES ? `${names.slice(0, MAX_VILLAGES).join('、')} +${names.length - MAX_VILLAGES}` : names.join('、');
  return villages ? `${townships} · ${villages}` : townships;
}
