// The reporter's one power (发现上报): the account whose session reported a case may add notes — with
// the photos of the report — to it while it is open, and nothing else; another grid worker may not.
import { describe, expect, it } from 'vitest';
import type { CaseCommand, CaseStage } from '../wire/index.ts';
import { availableCommands } from './authority.ts';
import { decide } from './decide.ts';
import { actors, incident, inStage } from './fixtures.ts';

const reporter = actors.otherGridWorker; // reports in a grid that is not theirs to handle
const facts = incident({ source: 'grid-report', reporterAccountId: reporter.id });
const photoNote: CaseCommand = { type: 'note', text: '现场照片', photos: ['0190f2a1-7c3e-7a11-8b2c-3d4e5f607182'] };

describe('the reporter of a case', () => {
  const rows: [CaseStage, boolean][] = [['intake', true], ['accepted', true], ['handling', true], ['verifying', true], ['archived', false]];
  it.each(rows)('may add a note with photos in %s: %s', (stage, allowed) => {
    const w = inStage(stage, 'case-r', facts);
    expect(w.state.reporterAccountId).toBe(reporter.id);
    const d = decide(w.state, photoNote, reporter, w.ctx());
    if (allowed) {
      if (!('events' in d)) throw new Error(JSON.stringify(d));
      expect(d.events[0]).toMatchObject({ type: 'note', payload: { text: '现场照片', photos: photoNote.photos } });
    } else {
      expect(d).toMatchObject({ refusal: { status: 403 } });
    }
  });

  it('may do nothing else, and another grid worker may not note it', () => {
    const w = inStage('intake', 'case-r', facts);
    expect(availableCommands(w.state, reporter)).toEqual(['note']);
    expect(decide(w.state, { type: 'accept' }, reporter, w.ctx())).toMatchObject({ refusal: { status: 403 } });
    expect(decide(w.state, photoNote, actors.gridWorker, w.ctx())).toMatchObject({ refusal: { status: 403, reason: 'the case is not assigned to you' } });
  });

  it('is nobody for a source system\'s report', () => {
    const w = inStage('intake', 'case-s', incident());
    expect(w.state.reporterAccountId).toBeNull();
    expect(availableCommands(w.state, reporter)).toEqual([]);
  });

  it('keeps a note without photos as it always was', () => {
    const w = inStage('handling', 'case-n', facts);
    const d = decide(w.state, { type: 'note', text: '补充' }, actors.county, w.ctx());
    if (!('events' in d)) throw new Error('expected events');
    expect(d.events[0]!.payload).toEqual({ text: '补充' });
  });
});
