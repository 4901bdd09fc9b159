import type { ReactNode } from 'react';

export interface Column<Row> {
  key: string;
  header: ReactNode;
  render: (row: Row) => ReactNode;
  num?: boolean;
  /** long free text: wraps at a readable width where other cells stay on one line (a phone) */
  wrap?: boolean;
}

const cellClass = (c: { num?: boolean; wrap?: boolean }) => [c.num ? 'num' : '', c.wrap ? 'wrap' : ''].filter(Boolean).join(' ') || undefined;

/** a plain table of rows; an empty list shows its `empty` line instead of an empty grid */
export function DataTable<Row>({ columns, rows, rowKey, empty = '无记录', caption, testId }: {
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row, i: number) => string;
  empty?: string;
  caption?: string;
  testId?: string;
}) {
  if (!rows.length) return <p className="muted empty-line" data-testid={testId ? `${testId}-empty` : undefined}>{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        {caption ? <caption className="sr-only">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={cellClass(c)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={rowKey(r, i)}>
              {columns.map((c) => (
                <td key={c.key} className={cellClass(c)} data-col={c.key}>
                  {c.render(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
