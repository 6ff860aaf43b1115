import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createGridAssigner } from '../geo/assigner.ts';
import { countyLabel, loadJurisdiction } from '../jurisdiction/load.ts';
import { openSqliteStore } from '../store/sqlite-store.ts';
import type { IncidentStore } from '../store/types.ts';
import { FIXTURE_JURISDICTION_DIR, FIXTURE_POINTS, OUTSIDE_POINT } from '../test-fixtures/index.ts';
import type { Incident } from '../wire/index.ts';
import { createIngest } from './ingest.ts';
import type { CommittedFacts, IngestDeps } from './ingest.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(over: Partial<IngestDeps> = {}) {
  const dir = mkdtempSync(path.join(tmpdir(), 'yzt-ingest-'));
  const store: IncidentStore = openSqliteStore({ dataDir: dir });
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }), () => store.close());
  const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
  const committed: Incident[][] = [];
  const ingest = createIngest({
    assigner: createGridAssigner(j.grids),
    store,
    countyLabel: countyLabel(j),
    onCommitted: (incidents) => committed.push(incidents),
    ...over,
  });
  return { ingest, store, committed };
}

const at = (p: { lng: number; lat: number }, sourceId: string) => ({
  source: 'alarm-110',
  sourceId,
  category: 'public-order',
  priority: 'high',
  ...p,
  occurredAt: new Date().toISOString(),
});

describe('ingest', () => {
  it('assigns an accepted incident its township, village and grid codes', async () => {
    const { ingest } = await setup();
    const r = await ingest(at(FIXTURE_POINTS['321202002001002'], 'A1'));
    expect(r.accepted).toEqual([
      {
        index: 0,
        id: expect.any(String),
        seq: 1,
        townshipCode: '321202002',
        villageCode: '321202002001',
        gridCode: '321202002001002',
        duplicate: false,
      },
    ]);
  });

  it('rejects a point outside every grid, naming the jurisdiction', async () => {
    const { ingest, store } = await setup();
    const r = await ingest(at(OUTSIDE_POINT, 'A1'));
    expect(r.accepted).toEqual([]);
    expect(r.rejected).toEqual([{ index: 0, field: 'lng,lat', reason: expect.stringContaining('outside jurisdiction 321202 海陵区') }]);
    expect(await store.lastSeq()).toBe(0);
  });

  it('stores the valid items of a mixed batch and reports the others by index', async () => {
    const { ingest } = await setup();
    const r = await ingest([at(OUTSIDE_POINT, 'o'), at(FIXTURE_POINTS['321202001002001'], 'ok'), { ...at(FIXTURE_POINTS['321202001002001'], 'bad'), lat: 91 }]);
    expect(r.accepted.map((a) => a.index)).toEqual([1]);
    expect(r.rejected.map((x) => [x.index, x.field])).toEqual([
      [0, 'lng,lat'],
      [2, 'lat'],
    ]);
  });

  it('tells listeners only about new incidents, once per batch, after the commit', async () => {
    const { ingest, store, committed } = await setup();
    await ingest(at(FIXTURE_POINTS['321202001002001'], 'x'));
    await ingest([at(FIXTURE_POINTS['321202001002001'], 'x'), at(FIXTURE_POINTS['321202001002002'], 'y')]);
    expect(committed.map((batch) => batch.map((i) => i.sourceId))).toEqual([['x'], ['y']]);
    expect(await store.getById(committed[1]![0]!.id)).toEqual(committed[1]![0]);
  });

  it("hands listeners each new incident's grid index and parsed time, aligned with the incidents", async () => {
    const batches: { incidents: Incident[]; facts: CommittedFacts }[] = [];
    const j = await loadJurisdiction(FIXTURE_JURISDICTION_DIR);
    const assigner = createGridAssigner(j.grids);
    const { ingest } = await setup({ assigner, onCommitted: (incidents, facts) => batches.push({ incidents, facts }) });
    await ingest(at(FIXTURE_POINTS['321202001002002'], 'x'));
    // A duplicate first and an offset time: the facts must skip the one and normalise the other.
    const late = { ...at(FIXTURE_POINTS['321202002001002'], 'y'), occurredAt: '2026-01-02T16:00:00.5+08:00' };
    await ingest([at(FIXTURE_POINTS['321202001002002'], 'x'), at(OUTSIDE_POINT, 'o'), late, at(FIXTURE_POINTS['321202001002001'], 'z')]);
    const second = batches[1]!;
    expect(second.incidents.map((i) => i.sourceId)).toEqual(['y', 'z']);
    expect(second.incidents.map((_, k) => assigner.catalogue.grids[second.facts.gridIndex[k]!]!.gridCode)).toEqual([
      '321202002001002',
      '321202001002001',
    ]);
    expect(Array.from(second.facts.occurredAtMs)).toEqual(second.incidents.map((i) => Date.parse(i.occurredAt)));
    expect(second.facts.occurredAtMs[0]).toBe(Date.UTC(2026, 0, 2, 8, 0, 0, 500));
  });

  it('still acknowledges a committed batch when a listener throws', async () => {
    const errors: unknown[] = [];
    const { ingest } = await setup({
      onCommitted: () => {
        throw new Error('listener bug');
      },
      onListenerError: (e) => errors.push(e),
    });
    const r = await ingest(at(FIXTURE_POINTS['321202001002001'], 'x'));
    expect(r.accepted).toHaveLength(1);
    expect(errors).toHaveLength(1);
  });
});
