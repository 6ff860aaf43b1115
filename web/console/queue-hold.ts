// While the officer's pointer is over the queue, its rows hold still: the queue keeps loading and
// each row shows its case as it is now, but no row moves, appears or disappears under the pointer
// (a click lands on the case aimed at); how many changed places is counted instead.

export interface HeldQueue {
  ids: readonly string[];
  /** Cases of the current queue not shown, plus shown ones that have left it. */
  changed: number;
}

/** The rows to show: the queue's own while not held, else the held ones in their order. */
export function heldQueue(current: readonly string[], held: readonly string[] | null): HeldQueue {
  if (!held) return { ids: current, changed: 0 };
  const now = new Set(current);
  const shown = new Set(held);
  let changed = 0;
  for (const id of current) if (!shown.has(id)) changed += 1;
  for (const id of held) if (!now.has(id)) changed += 1;
  return { ids: held, changed };
}
