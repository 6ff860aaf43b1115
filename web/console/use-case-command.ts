// Sending a command from the card: with the version the officer sees (optimistic concurrency),
// the answer's case taken into the store either way — applied, or the current case of a 409 — and
// what came of it kept for the card to say (a refusal with the server's own reason).
import { useCallback, useState } from 'react';
import type { CaseCommand, CaseCommandType } from '../../server/wire/case.ts';
import type { CaseView } from '../../server/wire/case-api.ts';
import { sendCaseCommand } from '../api/cases.ts';
import { useCaseStore } from '../cases/hooks.ts';

/** What the last command came to. stale: someone changed the case first (409 with its current state). */
export type CommandNotice =
  | { kind: 'done'; type: CaseCommandType }
  | { kind: 'stale'; type: CaseCommandType; reason: string }
  | { kind: 'refused'; type: CaseCommandType; status: number; reason: string; field?: string }
  | { kind: 'network'; type: CaseCommandType };

export interface CaseCommander {
  /** The command being sent, if one is. */
  busy: CaseCommandType | null;
  notice: CommandNotice | null;
  /** Sends `command` as seen at `seen` (its version); resolves true when it was applied. */
  send(seen: CaseView, command: CaseCommand): Promise<boolean>;
  dismiss(): void;
}

export function useCaseCommand(): CaseCommander {
  const store = useCaseStore();
  const [busy, setBusy] = useState<CaseCommandType | null>(null);
  const [notice, setNotice] = useState<CommandNotice | null>(null);

  const send = useCallback(async (seen: CaseView, command: CaseCommand): Promise<boolean> => {
    setBusy(command.type);
    setNotice(null);
    const outcome = await sendCaseCommand(seen.id, seen.version, command);
    setBusy(null);
    if (outcome.ok) {
      store.ingest([outcome.case]);
      setNotice({ kind: 'done', type: command.type });
      return true;
    }
    if (outcome.case) store.ingest([outcome.case]);
    if (outcome.status === 0) setNotice({ kind: 'network', type: command.type });
    else if (outcome.status === 409 && outcome.case) setNotice({ kind: 'stale', type: command.type, reason: outcome.reason });
    else setNotice({ kind: 'refused', type: command.type, status: outcome.status, reason: outcome.reason, ...(outcome.field ? { field: outcome.field } : {}) });
    return false;
  }, [store]);

  const dismiss = useCallback(() => setNotice(null), []);
  return { busy, notice, send, dismiss };
}
