// The commands the case card offers: how each is asked for (one press, or a short form), its
// keyboard shortcut, and the wire command it becomes. Which ones are offered is the server's
// answer (GET /cases/{id} → commands); the server also remains the judge of every payload.
import {
  CASE_DISPOSITIONS, type CaseCommand, type CaseCommandType, type CaseDisposition, type CaseLevel, type CaseSatisfaction, type CaseStage,
} from '../../server/wire/case.ts';
import type { CaseView } from '../../server/wire/case-api.ts';

/** How a command is asked for: at one press, or with a form of this kind. */
export type CommandFormKind = 'none' | 'reason' | 'note' | 'text' | 'archive' | 'hand-down' | 'merge';

export interface CommandSpec {
  form: CommandFormKind;
  /** Keyboard shortcut (lower case), for the frequent ones. */
  key?: string;
  /** primary: the loop's next step. */
  tone?: 'primary';
}

export const COMMAND_SPECS: Record<CaseCommandType, CommandSpec> = {
  accept: { form: 'none', key: 'a', tone: 'primary' },
  // To the worker of the case's grid (网格员): the grid, not a person, so whoever holds the grid takes it.
  assign: { form: 'none', key: 's', tone: 'primary' },
  feedback: { form: 'note', key: 'b' },
  handle: { form: 'note', key: 'h' },
  verify: { form: 'none', key: 'v', tone: 'primary' },
  reject: { form: 'reason', key: 'r' },
  archive: { form: 'archive', key: 'f', tone: 'primary' },
  escalate: { form: 'reason', key: 'e' },
  'hand-down': { form: 'hand-down', key: 'd' },
  merge: { form: 'merge', key: 'm' },
  reopen: { form: 'reason' },
  note: { form: 'text', key: 'n' },
};

/** What the officer filled in (only the fields of the command's form are read). */
export interface CommandValues {
  text: string;
  satisfaction: CaseSatisfaction;
  disposition: CaseDisposition;
  to: Exclude<CaseLevel, 'county'>;
  into: string;
}

export const EMPTY_VALUES: CommandValues = { text: '', satisfaction: 'satisfied', disposition: 'resolved', to: 'village', into: '' };

/** Levels a case at `level` can be handed down to (下派). */
export function handDownTargets(level: CaseLevel): Exclude<CaseLevel, 'county'>[] {
  return level === 'county' ? ['township', 'village'] : level === 'township' ? ['village'] : [];
}

/** How a case in `stage` can end: resolved only once it has been handled and verified. */
export function dispositionsFor(stage: CaseStage): CaseDisposition[] {
  return stage === 'verified' ? [...CASE_DISPOSITIONS] : CASE_DISPOSITIONS.filter((d) => d !== 'resolved');
}

/** The values a form starts with for this case. */
export function initialValues(type: CaseCommandType, c: CaseView): CommandValues {
  const to = handDownTargets(c.level)[0] ?? 'village';
  return { ...EMPTY_VALUES, to, disposition: dispositionsFor(c.stage)[0] ?? 'resolved', into: type === 'merge' ? (c.duplicates[0]?.caseId ?? '') : '' };
}

/** The wire command, or the reason it cannot be sent yet ('required': a text that must not be blank). */
export function buildCommand(type: CaseCommandType, v: CommandValues, c: Pick<CaseView, 'gridCode'>): { command: CaseCommand } | { missing: 'text' | 'into' } {
  const text = v.text.trim();
  const needText = () => ({ missing: 'text' as const });
  switch (type) {
    case 'accept': return { command: { type } };
    case 'assign': return { command: { type, assignee: { kind: 'grid', gridCode: c.gridCode } } };
    case 'feedback':
    case 'handle': return text ? { command: { type, note: text } } : needText();
    case 'verify': return { command: text ? { type, note: text } : { type } };
    case 'reject':
    case 'escalate':
    case 'reopen': return text ? { command: { type, reason: text } } : needText();
    case 'archive': return { command: { type, satisfaction: v.satisfaction, disposition: v.disposition, ...(text ? { note: text } : {}) } };
    case 'hand-down': return { command: { type, to: v.to, ...(text ? { reason: text } : {}) } };
    case 'merge': return v.into.trim() ? { command: { type, into: v.into.trim() } } : { missing: 'into' };
    case 'note': return text ? { command: { type, text } } : needText();
  }
}

/** The command a key press stands for, when the case offers it; null for any other key. */
export function shortcutCommand(key: string, offered: readonly CaseCommandType[]): CaseCommandType | null {
  const k = key.toLowerCase();
  return offered.find((type) => COMMAND_SPECS[type].key === k) ?? null;
}
