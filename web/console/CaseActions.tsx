// The commands this user may give the case now, as buttons (exactly the server's list), with
// keyboard shortcuts for the frequent ones; the ones that need words open a short form.
import { useEffect, useState } from 'react';
import type { CaseCommandType } from '../../server/wire/case.ts';
import type { CaseView } from '../../server/wire/case-api.ts';
import { useT, type MessageKey } from '../i18n/index.ts';
import type { JurisdictionIndex } from '../panels/lookup.ts';
import { buildCommand, COMMAND_SPECS, initialValues, shortcutCommand, type CommandValues } from './commands.ts';
import { CommandForm } from './CommandForm.tsx';
import type { CaseCommander } from './use-case-command.ts';

interface Props {
  current: CaseView;
  offered: readonly CaseCommandType[];
  /** True while the offered commands are for an older version (a new detail is on its way). */
  stale: boolean;
  index: JurisdictionIndex | null;
  commander: CaseCommander;
}

/** True when a key press is typing, not a shortcut. */
function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * The offered commands as buttons. The one assignment the console can make is to the case's own
 * grid (there is no list of other assignable people or units yet), so it is not offered again
 * once the case is assigned there.
 */
function shownCommands(offered: readonly CaseCommandType[], c: CaseView): CaseCommandType[] {
  const toGrid = c.assignee?.kind === 'grid' && c.assignee.gridCode === c.gridCode;
  return offered.filter((type) => !(type === 'assign' && toGrid));
}

export function CaseActions({ current, offered: all, stale, index, commander }: Props) {
  const offered = shownCommands(all, current);
  const { t } = useT();
  const [open, setOpen] = useState<{ caseId: string; type: CaseCommandType; values: CommandValues } | null>(null);
  const [missing, setMissing] = useState<'text' | 'into' | null>(null);
  const form = open?.caseId === current.id ? open : null;
  const worker = index?.grids.get(current.gridCode)?.worker.name;

  async function submit(type: CaseCommandType, values: CommandValues): Promise<void> {
    const built = buildCommand(type, values, current);
    if ('missing' in built) {
      setMissing(built.missing);
      return;
    }
    setMissing(null);
    if (await commander.send(current, built.command)) setOpen(null);
  }

  function act(type: CaseCommandType): void {
    if (COMMAND_SPECS[type].form === 'none') void submit(type, initialValues(type, current));
    else {
      setMissing(null);
      setOpen({ caseId: current.id, type, values: initialValues(type, current) });
    }
  }

  // Shortcuts: a letter gives its command (when offered and nothing is being typed).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || isTyping(e.target) || stale || commander.busy) return;
      // Not while a dialog (the admin page) covers the card: a letter there must not act unseen.
      if (document.querySelector('[role="dialog"]')) return;
      const type = shortcutCommand(e.key, offered);
      if (!type) return;
      e.preventDefault();
      act(type);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  const blocked: MessageKey | null = !form ? null : stale ? 'case.updating' : offered.includes(form.type) ? null : 'case.form.unavailable';

  return (
    <div className="case-actions" data-testid="case-actions" data-version={current.version}>
      {offered.length > 0 && (
        <div className="cmd-row">
          {offered.map((type) => (
            <button key={type} type="button" data-command={type} disabled={stale || commander.busy !== null}
              className={`cmd${COMMAND_SPECS[type].tone === 'primary' ? ' primary' : ''}${form?.type === type ? ' on' : ''}`}
              onClick={() => act(type)}>
              {type === 'assign' && worker ? t('case.cmd.assignTo', { name: worker }) : t(`case.cmd.${type}`)}
              {COMMAND_SPECS[type].key && <kbd>{COMMAND_SPECS[type].key!.toUpperCase()}</kbd>}
            </button>
          ))}
        </div>
      )}
      {form && (
        <CommandForm
          type={form.type} current={current} values={form.values} missing={missing} busy={commander.busy !== null} blocked={blocked}
          onChange={(values) => setOpen({ ...form, values })}
          onSubmit={() => void submit(form.type, form.values)}
          onCancel={() => setOpen(null)}
        />
      )}
    </div>
  );
}
