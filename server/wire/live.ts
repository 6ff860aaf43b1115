// The live channel (Socket.IO): the one definition of every event both sides may send.
import type { CaseCounts, CaseView, OverdueChange } from './case-api.ts';
import type { Incident } from './incident.ts';
import type { CameraState, UnitFix } from './jurisdiction.ts';
import type { UnitDutyState } from './unit-status.ts';

/** Per-township incident counts in the current window, keyed by township code. */
export type TownshipCounts = Record<string, number>;

/** A camera whose state changed. */
export interface CameraStateChange {
  id: string;
  state: CameraState;
  at: string;
}

/** Everything that changed during one server tick, sent as one message (never one emit per event). */
export interface LiveTick {
  /** Server time the tick was cut, ISO 8601. */
  asOf: string;
  /** Highest incident sequence number the server has committed. */
  lastSeq: number;
  /** New or changed incidents, in sequence order. */
  incidents: Incident[];
  /** Full per-township counts of the current window, present when any changed. */
  townshipCounts?: TownshipCounts;
  /** Latest fixes of the units that moved. */
  units?: UnitFix[];
  /** Cameras whose state changed. */
  cameras?: CameraStateChange[];
  /** Cases that changed (any event after their creation: accepted, assigned, handled …), as they are now. */
  cases?: CaseView[];
  /** Cases that just crossed a time limit (超时). Their views follow in `cases`. */
  overdue?: OverdueChange[];
  /** Open, overdue and per-stage cases per township, present when any changed (every township of the scope with open cases). */
  caseCounts?: CaseCounts;
  /** Units whose duty status changed (dispatched, en route …), as they are now; a scope sees its townships' units. */
  unitStatuses?: UnitDutyState[];
}

/** First message after connecting: what the server is and where its sequence stands. */
export interface LiveHello {
  version: string;
  asOf: string;
  lastSeq: number;
  /** Length of the counting window of townshipCounts, in milliseconds. */
  windowMs: number;
  townshipCounts: TownshipCounts;
  units: UnitFix[];
  /** True when the demo feed is generating incidents. */
  demoFeed: boolean;
  /** Open, overdue and per-stage cases per township. */
  caseCounts: CaseCounts;
}

/** Answer to a resume request: the incidents after the client's last sequence number, in order. */
export interface ResumeResult {
  incidents: Incident[];
  /** The cases (in scope) that changed in the part of the log this answer covers, as they are now. */
  cases: CaseView[];
  /** The units (in scope) whose status changed in that part of the log, as they are now. */
  unitStatuses?: UnitDutyState[];
  lastSeq: number;
  /** True when more remain after these (ask again from the last one). */
  more: boolean;
  /** Present when the request was malformed: nothing was resumed; the reason, for a person. */
  error?: string;
}

export interface ServerToClientEvents {
  hello: (hello: LiveHello) => void;
  tick: (tick: LiveTick) => void;
}

export interface ClientToServerEvents {
  /** Ask for everything committed after `afterSeq`. */
  resume: (req: { afterSeq: number }, ack: (res: ResumeResult) => void) => void;
}
