import type { Element, ElementContent } from 'hast';
import { createContext, useContext, type ComponentPropsWithoutRef, type ReactNode } from 'react';
import { useRowActions, type RowActions } from './row-actions.js';

/** The plain text of a hast node (a table cell's content, whatever inline markup it has). */
function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

const elements = (node: Element | undefined, tag?: string): Element[] =>
  (node?.children ?? []).filter(
    (c): c is Element => c.type === 'element' && (tag === undefined || c.tagName === tag),
  );

const cellsOf = (row: Element | undefined): string[] =>
  elements(row)
    .filter((c) => c.tagName === 'td' || c.tagName === 'th')
    .map((c) => textOf(c).trim());

interface TableRowsContext {
  readonly headers: readonly string[];
  readonly actions: RowActions;
}

const RowsContext = createContext<TableRowsContext | null>(null);

/** Gives a markdown table's rows the row actions that apply to its headers. */
export function MarkdownTableRows({ node, children }: { node?: Element; children: ReactNode }) {
  const headers = cellsOf(elements(elements(node, 'thead')[0], 'tr')[0]);
  const actions = useRowActions(headers);
  if (!actions) return children;
  return <RowsContext.Provider value={{ headers, actions }}>{children}</RowsContext.Provider>;
}

/** A markdown table row, with the action cell last when the table has row actions. */
export function MarkdownTableRow({
  node,
  children,
  ...props
}: ComponentPropsWithoutRef<'tr'> & { node?: Element }) {
  const rows = useContext(RowsContext);
  if (!rows) return <tr {...props}>{children}</tr>;
  const header = elements(node, 'th').length > 0;
  return (
    <tr {...props}>
      {children}
      {header ? (
        <th scope="col">
          <span className="visually-hidden">{rows.actions.header}</span>
        </th>
      ) : (
        <td className="row-action">{rows.actions.render(rows.headers, cellsOf(node))}</td>
      )}
    </tr>
  );
}
