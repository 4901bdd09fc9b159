import { useState } from 'react';
import type { ReactNode } from 'react';
import { Pagination } from './Pagination.js';

/** A long list shown a page at a time, every row reachable (共 N 条 and the page buttons under it). */
export function PagedRows<Row>({ rows, pageSize = 50, children }: { rows: Row[]; pageSize?: number; children: (page: Row[]) => ReactNode }) {
  const [page, setPage] = useState(1);
  const pages = Math.max(1, Math.ceil(rows.length / pageSize));
  // a shorter list after a reload: stay on a page that exists
  const shown = Math.min(page, pages);
  return (
    <>
      {children(rows.slice((shown - 1) * pageSize, shown * pageSize))}
      {rows.length > pageSize ? <Pagination page={shown} pageSize={pageSize} total={rows.length} onPage={setPage} /> : null}
    </>
  );
}
