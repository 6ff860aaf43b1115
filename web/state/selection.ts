// What the user selected on the map or in a list: one object, by kind and id (codes for areas).
import { createSmallStore } from './small-store.ts';

export type SelectionKind = 'incident' | 'camera' | 'unit' | 'township' | 'village' | 'grid' | 'hotspot';

export interface Selection {
  kind: SelectionKind;
  id: string;
}

export const selectionStore = createSmallStore<Selection | null>(null);

/** Selects an object, or clears the selection with null. */
export function select(selection: Selection | null): void {
  selectionStore.set((prev) =>
    prev && selection && prev.kind === selection.kind && prev.id === selection.id ? prev : selection);
}
