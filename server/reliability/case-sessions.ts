// Duty officers working cases over the real HTTP API, for the kill -9 test: each a logged-in session
// that keeps the cases as the server last answered them, picks each case's next step by its stage
// (受理, 派遣 to a patrol unit, 接单, 反馈, 处置, 核查 or 返工, 归档, 重新办理, notes, now and then an
// escalation or a hand-down), and sends them in bursts — batches of several cases (some carrying a
// case's next two steps) and single commands. Every command it hears applied is an acknowledgement,
// kept with the state the answer gave; a request that gets no answer leaves its cases uncertain.
import type { PRNG } from 'seedrandom';
import type { CaseBatchItemResult, CaseCommand, CaseEvent, CaseView } from '../wire/index.ts';

/** An applied command as its answer said: the event and the state after it. */
export interface Ack {
  caseId: string;
  seq: number;
  version: number;
  type: string;
  state: CaseView;
}

/** What one session's requests came to. */
export interface SessionTally {
  acked: number;
  refused: Record<number, number>;
  /** Requests that got no answer (the server was killed under them). */
  unanswered: number;
  /** Commands in those requests: applied or not, nobody was told. */
  uncertain: number;
}

/** The next step of a case for a county duty officer (who holds the centre's power at every level). */
export function nextStep(v: CaseView, me: number, unitId: string, rng: PRNG): CaseCommand {
  const r = rng();
  const note: CaseCommand = { type: 'note', text: `进展记录 v${v.version}` };
  switch (v.stage) {
    case 'intake':
      if (r < 0.08 && v.level !== 'county') return { type: 'escalate', reason: '需上级协调' };
      if (r < 0.12) return { type: 'archive', satisfaction: 'basically-satisfied', disposition: 'unfounded', note: '经核实不属实' };
      return { type: 'accept' };
    case 'accepted':
      if (r < 0.1 && v.level !== 'village') return { type: 'hand-down', to: 'village', reason: '属地处置' };
      return r < 0.8 ? { type: 'assign', assignee: { kind: 'unit', unitId, name: unitId } } : note;
    case 'dispatched':
      return r < 0.7 ? { type: 'accept' } : { type: 'feedback', note: '巡防队已到现场' };
    case 'handling':
      return r < 0.5 ? { type: 'handle', note: '已处置完毕' } : r < 0.8 ? { type: 'feedback', note: '正在处置' } : note;
    case 'verifying':
      if (v.handledBy?.id === me) return r < 0.3 ? { type: 'reject', reason: '现场未恢复' } : note;
      return r < 0.75 ? { type: 'verify', note: '回访属实' } : { type: 'reject', reason: '群众不满意' };
    case 'verified':
      return { type: 'archive', satisfaction: 'satisfied', disposition: 'resolved', note: '' };
    case 'archived':
      return r < 0.5 ? { type: 'reopen', reason: '群众再次来电' } : note;
    case 'merged':
      return note;
  }
}

/** One officer's session against one server life. */
export class CaseSession {
  readonly tally: SessionTally = { acked: 0, refused: {}, unanswered: 0, uncertain: 0 };

  constructor(
    private readonly baseUrl: string,
    private readonly cookie: string,
    readonly accountId: number,
    /** The cases as this session last heard of them, by id. */
    readonly views: Map<string, CaseView>,
    private readonly onAck: (a: Ack) => void,
  ) {}

  private async post(route: string, body: unknown): Promise<{ status: number; json: unknown } | undefined> {
    try {
      const res = await fetch(`${this.baseUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: this.cookie }, body: JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    } catch {
      return undefined; // no answer: the server is gone
    }
  }

  private heard(events: CaseEvent[], view: CaseView): void {
    for (const e of events) {
      this.onAck({ caseId: e.caseId, seq: e.seq, version: e.version, type: e.type, state: view });
      this.tally.acked += 1;
    }
    this.views.set(view.id, view);
  }

  private refused(status: number, view: CaseView | undefined): void {
    this.tally.refused[status] = (this.tally.refused[status] ?? 0) + 1;
    if (view) this.views.set(view.id, view); // 409 carries the case as it is now
  }

  /** Reads every case of the session's scope as the server has it now (after a restart, all are uncertain). */
  async refresh(): Promise<void> {
    const res = await fetch(`${this.baseUrl}/api/v1/cases?changedAfterSeq=0&limit=1000`, { headers: { cookie: this.cookie } });
    if (res.status !== 200) throw new Error(`refresh answered ${res.status}: ${await res.text()}`);
    for (const v of ((await res.json()) as { cases: CaseView[] }).cases) this.views.set(v.id, v);
  }

  /** One single command on a case; false when the server did not answer. */
  async single(id: string, unitId: string, rng: PRNG): Promise<boolean> {
    const v = this.views.get(id)!;
    const a = await this.post(`/api/v1/cases/${id}/commands`, { ...nextStep(v, this.accountId, unitId, rng), expectedVersion: v.version });
    if (!a) {
      this.tally.unanswered += 1;
      this.tally.uncertain += 1;
      return false;
    }
    const body = a.json as { case?: CaseView; events?: CaseEvent[] };
    if (a.status === 200) this.heard(body.events!, body.case!);
    else this.refused(a.status, body.case);
    return true;
  }

  /** One batch: a step for each case, and for some a note after it (its version counted up); false when unanswered. */
  async batch(ids: string[], unitId: string, rng: PRNG): Promise<boolean> {
    const items: Record<string, unknown>[] = [];
    for (const id of ids) {
      const v = this.views.get(id)!;
      items.push({ caseId: id, ...nextStep(v, this.accountId, unitId, rng), expectedVersion: v.version });
      if (rng() < 0.2) items.push({ caseId: id, type: 'note', text: '同批次补充说明', expectedVersion: v.version + 1 });
    }
    const a = await this.post('/api/v1/cases/commands', items);
    if (!a) {
      this.tally.unanswered += 1;
      this.tally.uncertain += items.length;
      return false;
    }
    if (a.status !== 200 && a.status !== 422) throw new Error(`batch answered ${a.status}: ${JSON.stringify(a.json).slice(0, 300)}`);
    for (const r of (a.json as { results: CaseBatchItemResult[] }).results) {
      if (r.ok) this.heard(r.events, r.case);
      else this.refused(r.status, r.case);
    }
    return true;
  }
}
