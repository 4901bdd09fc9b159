import { mayReadUnit, useAppData } from '../../app-context.js';
import { formatScore } from '../../format.js';
import { navigate } from '../../router.js';
import { BarChart } from '../../ui/charts/BarChart.js';
import type { TotalRow } from './ranking-rows.js';

/** each unit's total, in rank order (the same figure as the table's 总分); a click opens the unit's page */
export function RankingChart({ rows, parts, month }: { rows: TotalRow[]; parts: Map<string, string>; month: string }) {
  const { user } = useAppData();
  return (
    <BarChart
      data={rows}
      index="name"
      categories={['total']}
      categoryLabels={{ total: '总分' }}
      valueFormatter={formatScore}
      maxValue={100}
      // names on the left, bars along: nine names fit a phone's width this way, not under vertical bars
      layout="horizontal-bars"
      nameAxisWidth={118}
      height={Math.max(220, rows.length * 34 + 60)}
      ariaLabel="各县区考核总分柱状图"
      tooltipFooter={(name) => parts.get(String(name))}
      onRowClick={(row) => mayReadUnit(user, row.unit) && navigate(`/county/${encodeURIComponent(row.unit)}?month=${month}`)}
    />
  );
}
