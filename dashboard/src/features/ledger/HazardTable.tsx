import type { HazardListItem, HazardSort } from '../../api/types.js';
import { useUnitName } from '../../app-context.js';
import { formatDate } from '../../format.js';
import { label, LISTED_LABEL, SOURCE_LABEL, STATUS_LABEL } from '../../labels.js';
import { Link } from '../../router.js';
import { Badge } from '../../ui/Card.js';
import { SortHeader } from '../../ui/SortHeader.js';
import { hazardStatus, nextSort, sortState, type SortColumn } from './ledger-query.js';

export function HazardTable({ items, sort, onSort }: { items: HazardListItem[]; sort: HazardSort; onSort: (s: HazardSort) => void }) {
  const unitName = useUnitName();
  const header = (column: SortColumn, text: string) => {
    const s = sortState(sort, column);
    return <SortHeader label={text} active={s.active} dir={s.dir} onSort={() => onSort(nextSort(sort, column))} />;
  };
  return (
    <div className="table-wrap">
      <table className="table" data-testid="hazard-table">
        <caption className="sr-only">重大事故隐患台账</caption>
        <thead>
          <tr>
            {header('ledger_no', '台账编号')}
            <th scope="col">单位</th>
            <th scope="col">企业</th>
            <th scope="col">来源</th>
            <th scope="col">类别</th>
            {header('found_on', '发现日期')}
            {header('deadline', '整改期限')}
            <th scope="col">状态</th>
            <th scope="col">挂牌</th>
          </tr>
        </thead>
        <tbody>
          {items.map((h) => {
            const status = hazardStatus(h);
            return (
              <tr key={h.ledgerNo} data-testid="hazard-row">
                <td>
                  <Link to={`/ledger/${encodeURIComponent(h.ledgerNo)}`}>{h.ledgerNo}</Link>
                </td>
                <td>{unitName(h.unitCode)}</td>
                <td title={h.enterpriseCreditCode}>{h.enterpriseName}</td>
                <td>{label(SOURCE_LABEL, h.source)}</td>
                <td>{h.category ?? '–'}</td>
                <td>{formatDate(h.foundOn)}</td>
                <td>
                  {formatDate(h.deadline)}
                  {h.overdue ? (
                    <>
                      {' '}
                      <Badge tone="red">逾期</Badge>
                    </>
                  ) : null}
                </td>
                <td>
                  <Badge tone={status === 'open' ? 'amber' : status === 'closed' ? 'green' : 'blue'}>{STATUS_LABEL[status]}</Badge>
                </td>
                <td>{h.listedLevel ? label(LISTED_LABEL, h.listedLevel) : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
