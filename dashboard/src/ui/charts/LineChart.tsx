import { CartesianGrid, Legend, Line, LineChart as ReLineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState } from '../EmptyState.js';
import { ChartTooltip } from './ChartTooltip.js';
import { animate, axisFormat, PALETTE, type ChartProps, type ChartRow } from './chart-props.js';

export interface LineChartProps<Row extends ChartRow> extends ChartProps<Row> {
  /** the value axis's range; `reversed` puts the smallest on top (ranks: 1 is best) */
  domain?: [number | 'auto', number | 'auto'];
  reversed?: boolean;
  allowDecimals?: boolean;
}

export function LineChart<Row extends ChartRow>(p: LineChartProps<Row>) {
  const fmt = p.valueFormatter ?? ((v: number) => String(v));
  // recharts types data keys against the row type; the contract already ties index and categories to Row
  const rows: ChartRow[] = p.data;
  const index: string = p.index;
  if (!p.data.length) return <EmptyState title={p.emptyText ?? '暂无数据'} />;
  const colors = p.colors ?? PALETTE;
  return (
    <figure className="chart" aria-label={p.ariaLabel} style={{ height: p.height ?? 260 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ReLineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" vertical={false} />
          <XAxis dataKey={index} tick={{ fontSize: 12 }} interval={0} />
          <YAxis domain={p.domain ?? [0, 'auto']} reversed={p.reversed} allowDecimals={p.allowDecimals ?? true} tickFormatter={axisFormat(p)} tick={{ fontSize: 12 }} width={56} />
          <Tooltip content={(t) => <ChartTooltip active={t.active} payload={t.payload} label={t.label} valueFormatter={fmt} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {p.categories.map((c: string, i) => (
            <Line key={c} type="monotone" dataKey={c} name={p.categoryLabels?.[c] ?? c} stroke={colors[i % colors.length]} strokeWidth={2} dot={{ r: 3 }} isAnimationActive={animate()} connectNulls />
          ))}
        </ReLineChart>
      </ResponsiveContainer>
    </figure>
  );
}
