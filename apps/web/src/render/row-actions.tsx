import { createContext, useContext, useEffect, type ReactNode } from 'react';

/**
 * An extra last column that answer tables may get (e.g. "Practise this deal" on deal
 * rows). Provided above the conversation; tables render without it when there is none.
 */
export interface RowActions {
  /** The added column's header (shown to screen readers). */
  readonly header: string;
  /** Whether a table with these headers may have rows with an action. */
  appliesTo(headers: readonly string[]): boolean;
  /** A table it applies to is on screen (the provider may start loading what it needs). */
  noticed(): void;
  /** The action for one body row, or null. */
  render(headers: readonly string[], cells: readonly string[]): ReactNode;
}

export const RowActionsContext = createContext<RowActions | null>(null);

/** The row actions for a table with these headers, or null; tells the provider it is shown. */
export function useRowActions(headers: readonly string[]): RowActions | null {
  const actions = useContext(RowActionsContext);
  const applies = actions?.appliesTo(headers) ?? false;
  useEffect(() => {
    if (applies) actions?.noticed();
  }, [actions, applies]);
  return applies ? actions : null;
}
