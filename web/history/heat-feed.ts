// Keeps the heatmap live: heat.arrow is loaded when the feed starts and again every minute (the
// source of truth, which also lets incidents older than the window fall out), and each live
// incident the live store publishes is added to its cell in between, without a request.
//
// Which incidents a loaded grid already counts is decided by the seq the server put in heat.arrow
// (lastSeq: its cells count none above it), not by the live store's lastSeq when the request left:
// the server keeps committing while the request is in flight, so incidents above the client's
// lastSeq are in the answer yet still arrive over the socket afterwards and would count twice.
import type { HeatColumns, Incident } from '../../server/wire/index.ts';
import type { LiveStore } from '../live/store.ts';
import { addToHeat, liveHeatFrom, type HeatIncident, type LiveHeat } from './heat-live.ts';

/** One published state of the heat: `weights` is a fresh copy per version (deck.gl uploads by identity). */
export interface HeatSource {
  /** Origin and append-only positions of the cells (rows never move while `heat` is the same object). */
  heat: LiveHeat;
  /** Cells in this version. */
  rows: number;
  weights: Float32Array;
}

export interface HeatFeedOptions {
  load: (signal: AbortSignal) => Promise<HeatColumns>;
  /** The heat window, ms: older incidents are not added. */
  windowMs: number;
  /** Time between the end of one load and the next, ms. */
  refreshMs: number;
  now: () => number;
  onChange: (source: HeatSource) => void;
}

function heatIncident(i: Incident): HeatIncident {
  return { seq: i.seq, lng: i.lng, lat: i.lat, occurredAtMs: Date.parse(i.occurredAt) };
}

/** Loads and follows `live` until the returned stop function is called. */
export function startHeatFeed(live: LiveStore, opts: HeatFeedOptions): () => void {
  const ctrl = new AbortController();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let heat: LiveHeat | null = null;
  let request = 0;
  // Live incidents received while a load is in flight: those above its answer's lastSeq are not
  // in it. Ones received before the request left were committed before it, so the answer has them.
  let inFlight: HeatIncident[] | null = null;

  const publish = (h: LiveHeat) => opts.onChange({ heat: h, rows: h.length, weights: h.weight.slice(0, h.length) });

  function refresh(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
    const id = ++request;
    const received: HeatIncident[] = [];
    inFlight = received;
    opts.load(ctrl.signal).then(
      (cells) => {
        if (id !== request) return; // a newer load replaced this one
        const h = liveHeatFrom(cells);
        addToHeat(h, received, opts.now() - opts.windowMs);
        heat = h;
        publish(h);
      },
      // A failed load keeps the last grid (still followed live); the next one tries again.
      (err: unknown) => { if (!ctrl.signal.aborted) console.warn('heat.arrow', err); },
    ).finally(() => {
      if (id !== request || ctrl.signal.aborted) return;
      inFlight = null;
      timer = setTimeout(refresh, opts.refreshMs);
    });
  }

  const stopIncidents = live.onIncidents((incidents) => {
    const batch = incidents.map(heatIncident);
    inFlight?.push(...batch);
    if (heat && addToHeat(heat, batch, opts.now() - opts.windowMs) > 0) publish(heat);
  });
  // A new backfill epoch is a first contact or a server whose log restarted, whose seqs may start
  // again below the loaded grid's lastSeq: load now rather than within the minute (after a first
  // contact that costs one more small request, which is simpler than telling the two apart).
  let epoch = live.getSnapshot().backfillEpoch;
  const stopEpoch = live.subscribe(() => {
    if (live.getSnapshot().backfillEpoch === epoch) return;
    epoch = live.getSnapshot().backfillEpoch;
    refresh();
  });
  refresh();
  return () => {
    ctrl.abort();
    stopIncidents();
    stopEpoch();
    if (timer !== null) clearTimeout(timer);
  };
}
