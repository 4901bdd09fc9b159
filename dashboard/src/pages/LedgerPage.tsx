import type { HazardListItem, Page } from '../api/types.js';
import { apiGetArrowPage } from '../api/client.js';
import { useLoad } from '../api/useApi.js';
import { isCityUser, useAppData, useMonth } from '../app-context.js';
import { HazardTable } from '../features/ledger/HazardTable.js';
import { filtersFromSearch, filtersToSearch, hazardsCsvPath, hazardsPath, type LedgerFilters } from '../features/ledger/ledger-query.js';
import { LedgerFiltersBar } from '../features/ledger/LedgerFiltersBar.js';
import { ReportHazard } from '../features/hazard-workflow/ReportHazard.js';
import { setSearch, useLocation } from '../router.js';
import { Async } from '../ui/Async.js';
import { Card } from '../ui/Card.js';
import { DownloadButton } from '../ui/DownloadButton.js';
import { Pagination } from '../ui/Pagination.js';
import { MonthSelect } from '../ui/MonthSelect.js';

export function LedgerPage() {
  const { user, units, campaign } = useAppData();
  const [month, setMonth] = useMonth();
  const { search } = useLocation();
  const fixedUnit = isCityUser(user) ? null : user.unitCode;
  const f = filtersFromSearch(search, fixedUnit);
  // the page read as Arrow (GET /api/hazards, Accept: application/vnd.apache.arrow.stream): any page of the
  // whole ledger, however long, with its total
  const path = hazardsPath(f);
  const hazards = useLoad<Page<HazardListItem>>(path, (signal) => apiGetArrowPage<HazardListItem>(path, signal));
  const apply = (next: LedgerFilters) => setSearch(filtersToSearch(next), { replace: true });
  const selectable = units.filter((u) => u.level !== 'province');
  return (
    <div className="page">
      <div className="page-head">
        <h1>重大事故隐患台账</h1>
        <div className="page-tools">
          {/* exactly the rows the filters show, every page, in the list's order */}
          <DownloadButton path={hazardsCsvPath(f)} fileName="hazards.csv">
            台账 CSV
          </DownloadButton>
          <MonthSelect label="月末台账" months={campaign.months} value={month} onChange={setMonth} />
          <DownloadButton path={`/api/exports/hazards.csv?month=${month}`} fileName={`hazards-${month}.csv`}>
            月末台账 CSV
          </DownloadButton>
        </div>
      </div>
      <ReportHazard />
      <Card>
        <LedgerFiltersBar f={f} units={selectable} unitFixed={!!fixedUnit} onChange={apply} />
      </Card>
      <Card>
        <Async state={hazards} what="台账" isEmpty={(p) => p.items.length === 0} emptyTitle="没有符合条件的隐患">
          {(p) => (
            <>
              <HazardTable items={p.items} sort={f.sort} onSort={(sort) => apply({ ...f, sort, page: 1 })} />
              <Pagination page={p.page} pageSize={p.pageSize} total={p.total} onPage={(page) => apply({ ...f, page })} />
            </>
          )}
        </Async>
      </Card>
    </div>
  );
}
