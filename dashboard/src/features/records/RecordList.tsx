import { useState } from 'react';
import type { Page } from '../../../../api/src/ledger/common/page.dto.js';
import { useApi } from '../../api/useApi.js';
import { Async } from '../../ui/Async.js';
import { DataTable, type Column } from '../../ui/DataTable.js';
import { Pagination } from '../../ui/Pagination.js';

const PAGE_SIZE = 20;

/** One list route of the ledger, paged: `params` empty values are left out; a change of them goes back to page 1. */
export function RecordList<Row>({ path, params, columns, rowKey, what, testId }: {
  path: string;
  params: Record<string, string | undefined>;
  columns: Column<Row>[];
  rowKey: (row: Row) => string;
  what: string;
  testId: string;
}) {
  const query = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => !!e[1]));
  const key = query.toString();
  const [at, setAt] = useState({ key, page: 1 });
  const page = at.key === key ? at.page : 1;
  query.set('page', String(page));
  query.set('pageSize', String(PAGE_SIZE));
  const state = useApi<Page<Row>>(`${path}?${query}`);
  return (
    <Async state={state} what={what}>
      {(p) => (
        <>
          <DataTable columns={columns} rows={p.items} rowKey={rowKey} testId={testId} caption={what} />
          {p.total > p.pageSize && <Pagination page={p.page} pageSize={p.pageSize} total={p.total} onPage={(n) => setAt({ key, page: n })} />}
        </>
      )}
    </Async>
  );
}
