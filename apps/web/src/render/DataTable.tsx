import type { TableData } from '@salescoach/domain';
import { useRowActions } from './row-actions.js';

/** A table from an answer's attachments: scrollable, numeric columns right-aligned. */
export function DataTable({ table }: { table: TableData }) {
  const numeric = new Set(table.numericColumns);
  const actions = useRowActions(table.columns);
  return (
    <figure className="data-table">
      {table.title && <figcaption>{table.title}</figcaption>}
      <div className="table-scroll" tabIndex={0} role="group" aria-label={table.title ?? 'Table'}>
        <table>
          <thead>
            <tr>
              {table.columns.map((column, i) => (
                <th key={i} scope="col" className={numeric.has(i) ? 'num' : undefined}>
                  {column}
                </th>
              ))}
              {actions && (
                <th scope="col">
                  <span className="visually-hidden">{actions.header}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, r) => (
              <tr key={r}>
                {table.columns.map((_, c) => (
                  <td key={c} className={numeric.has(c) ? 'num' : undefined}>
                    {row[c] ?? ''}
                  </td>
                ))}
                {actions && <td className="row-action">{actions.render(table.columns, row)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
