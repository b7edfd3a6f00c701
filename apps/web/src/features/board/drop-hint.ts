import { createContext, useContext } from 'react';
import type { Placement } from './columns';

/** The card a drag would land next to right now, and on which side: shown as a line, and as `data-drop-at`. */
export type DropHint = { id: string; at: Placement } | null;
export const DropHintContext = createContext<DropHint>(null);

/** Where a drag would land relative to this droppable card, if it is the one under the drag. */
export function useDropHint(dropId: string): Placement | undefined {
  const hint = useContext(DropHintContext);
  return hint?.id === dropId ? hint.at : undefined;
}
