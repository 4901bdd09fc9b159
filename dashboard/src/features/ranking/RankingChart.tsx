import { mayReadUnit, useAppData } from '../../app-context.js';
import { formatScore } from '../../format.js';
import { INDICATOR_LABEL, INDICATORS } from '../../labels.js';
import { navigate } from '../../router.js';
import { BarChart } from '../../ui/charts/BarChart.js';
import type { StackedRow } from './ranking-rows.js';

/** I1…I4 stacked per unit; a click opens the unit's page (the table's links do the same by keyboard) */
export function RankingChart({ rows, totals, month }: { rows: StackedRow[]; totals: Map<string, { total: number; D: number }>; month: string }) {
  const { user } = useAppData();
  const labels = Object.fromEntries(INDICATORS.map((k) => [k, `${k} ${INDICATOR_LABEL[k]}`]));
  return (
    <BarChart
      data={rows}
      index="name"
      categories={[...INDICATORS]}
      categoryLabels={labels}
      valueFormatter={formatScore}
      stack
      maxValue={100}
      height={320}
      ariaLabel="各县区四项考核指标得分堆叠柱状图"
      tooltipFooter={(name) => {
        const t = totals.get(String(name));
        return t ? `扣分 ${formatScore(t.D)} · 总分 ${formatScore(t.total)}` : undefined;
      }}
      onRowClick={(row) => mayReadUnit(user, row.unit) && navigate(`/county/${encodeURIComponent(row.unit)}?month=${month}`)}
    />
  );
}
