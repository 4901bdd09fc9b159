import type { TrendPoint, UnitScore } from '../../api/types.js';
import { formatScore } from '../../format.js';
import { BarChart } from '../../ui/charts/BarChart.js';
import { LineChart } from '../../ui/charts/LineChart.js';
import { indicatorBars, trendRows } from './county-transforms.js';

/** the four indicators, each a bar against its maximum 25 */
export function IndicatorBars({ score }: { score: UnitScore }) {
  return (
    <BarChart
      data={indicatorBars(score)}
      index="name"
      categories={['得分', '未得分']}
      colors={['#3b82f6', '#d1d5db']}
      valueFormatter={formatScore}
      layout="horizontal-bars"
      nameAxisWidth={200}
      stack
      maxValue={25}
      height={230}
      ariaLabel="四项考核指标得分（满分各25分）"
    />
  );
}

/** the total and the rank over the assessed months (rank axis upside down: 1 on top) */
export function TrendCharts({ trend, units }: { trend: TrendPoint[]; units: number }) {
  const rows = trendRows(trend);
  return (
    <div className="two-col">
      <LineChart data={rows} index="month" categories={['总分']} valueFormatter={formatScore} domain={[0, 100]} ariaLabel="总分逐月趋势" />
      <LineChart
        data={rows}
        index="month"
        categories={['名次']}
        colors={['#8b5cf6']}
        valueFormatter={(v) => `第${v}名`}
        axisFormatter={(v) => `第${v}名`}
        domain={[1, Math.max(units, ...trend.map((t) => t.rank))]}
        reversed
        allowDecimals={false}
        ariaLabel="名次逐月趋势（1为最好）"
      />
    </div>
  );
}
