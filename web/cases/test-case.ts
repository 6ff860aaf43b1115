// A complete wire case view for web tests: case `c-n` at version 1 in intake, overridable.
import type { CaseView } from '../../server/wire/case-api.ts';

export function caseView(n: number, over: Partial<CaseView> = {}): CaseView {
  return {
    id: `c-${n}`, incidentId: `c-${n}`, version: 1, lastSeq: n, stage: 'intake', level: 'village', centreCode: '321202001001',
    category: 'fire', priority: 'urgent', townshipCode: '321202001', villageCode: '321202001001', gridCode: '321202001001001',
    source: 'alarm-110', receivedAt: '2026-01-01T00:00:00.000Z', reporterAccountId: null,
    owner: null, assignee: null, handledBy: null, evaluation: null, mergedInto: null,
    stepDueAt: '2026-01-01T00:05:00.000Z', caseDueAt: '2026-01-01T04:00:00.000Z',
    milestones: { acceptedAt: null, dispatchedAt: null, handlingAt: null, handledAt: null, verifiedAt: null, archivedAt: null },
    createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
    lng: 119.9, lat: 32.49, occurredAt: '2026-01-01T00:00:00.000Z', description: '',
    overdue: { step: false, case: false }, duplicates: [],
    ...over,
  };
}
