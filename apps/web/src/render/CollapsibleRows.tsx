import { Children, isValidElement, useState, type ComponentPropsWithoutRef } from 'react';

/** Rows a long answer table shows before "Show all N rows". */
export const VISIBLE_ROWS = 10;

/** A table body that shows its first rows and a button for the rest. */
export function CollapsibleRows({ children, ...rest }: ComponentPropsWithoutRef<'tbody'>) {
  const [expanded, setExpanded] = useState(false);
  const rows = Children.toArray(children).filter(isValidElement);
  if (rows.length <= VISIBLE_ROWS) return <tbody {...rest}>{children}</tbody>;
  const first = rows[0] as { props: { children?: unknown } };
  const columns = Children.toArray(first.props.children as never).filter(isValidElement).length;
  return (
    <tbody {...rest}>
      {expanded ? rows : rows.slice(0, VISIBLE_ROWS)}
      <tr className="more-rows">
        <td colSpan={Math.max(1, columns)}>
          <button
            type="button"
            className="ghost small"
            aria-expanded={expanded}
            onClick={() => setExpanded((e) => !e)}
          >
            {expanded ? `Show the first ${VISIBLE_ROWS} rows` : `Show all ${rows.length} rows`}
          </button>
        </td>
      </tr>
    </tbody>
  );
}
