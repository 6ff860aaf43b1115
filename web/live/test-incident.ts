// A complete wire incident for web tests: seq n, id `inc-n`, one minute apart per seq, overridable.
import type { Incident } from '../../server/wire/index.ts';

export function incident(seq: number, over: Partial<Incident> = {}): Incident {
  return {
    id: `inc-${seq}`, seq, source: 'hotline-12345', sourceId: `s-${seq}`, category: 'dispute', priority: 'normal',
    lng: 119.9, lat: 32.49, occurredAt: `2026-01-01T00:${String(seq % 60).padStart(2, '0')}:00Z`,
    receivedAt: '2026-01-01T01:00:00Z', description: '', stage: 'intake', version: 1, stepDueAt: null, caseDueAt: null,
    townshipCode: '321202001', villageCode: '321202001001', gridCode: '321202001001001', ...over,
  };
}
