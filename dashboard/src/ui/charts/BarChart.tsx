import { Bar, BarChart as ReBarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { EmptyState } from '../EmptyState.js';
import { ChartTooltip } from './ChartTooltip.js';
import { animate, axisFormat, PALETTE, type ChartProps, type ChartRow } from './chart-props.js';

export interface BarChartProps<Row extends ChartRow> extends ChartProps<Row> {
  /** stack the categories on one bar per row */
  stack?: boolean;
  /** bars along the x axis (vertical bars, default) or along y (horizontal bars, names on the left) */
  layout?: 'vertical-bars' | 'horizontal-bars';
  /** the value axis's fixed maximum (e.g. 25 for an indicator, 100 for a total) */
  maxValue?: number;
  /** room for the names of horizontal bars */
  nameAxisWidth?: number;
  /** a click on a row's bar (the row is passed); keyboard users get the same through the table beside it */
  onRowClick?: (row: Row) => void;
  /** a line under the tooltip's values, given the row's index value (e.g. the total beside the stacked parts) */
  tooltipFooter?: (label: string | number | undefined) => string | undefined;
}

export function BarChart<Row extends ChartRow>(p: BarChartProps<Row>) {
  const fmt = p.valueFormatter ?? ((v: number) => String(v));
  // recharts types data keys against the row type; the contract already ties index and categories to Row
  const rows: ChartRow[] = p.data;
  const index: string = p.index;
  if (!p.data.length) return <EmptyState title={p.emptyText ?? '暂无数据'} />;
  const horizontal = p.layout === 'horizontal-bars';
  const domain: [number, number | 'auto'] = [0, p.maxValue ?? 'auto'];
  const valueAxis = { type: 'number' as const, domain, tickFormatter: axisFormat(p), tick: { fontSize: 12 }, allowDecimals: true };
  const nameAxis = { type: 'category' as const, dataKey: index, tick: { fontSize: 12 }, interval: 0 as const };
  return (
    <figure className="chart" aria-label={p.ariaLabel} style={{ height: p.height ?? 300 }}>
      <ResponsiveContainer width="100%" height="100%">
        <ReBarChart data={rows} layout={horizontal ? 'vertical' : 'horizontal'} margin={{ top: 8, right: 16, bottom: 4, left: horizontal ? 8 : 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e5e7eb" horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? <XAxis {...valueAxis} /> : <XAxis {...nameAxis} />}
          {horizontal ? <YAxis {...nameAxis} width={p.nameAxisWidth ?? 150} /> : <YAxis {...valueAxis} width={56} />}
          <Tooltip cursor={{ fill: 'rgba(59,130,246,0.08)' }} content={(t) => <ChartTooltip active={t.active} payload={t.payload} label={t.label} valueFormatter={fmt} footer={p.tooltipFooter} />} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {p.categories.map((c: string, i) => (
            <Bar
              key={c}
              dataKey={c}
              name={p.categoryLabels?.[c] ?? c}
              stackId={p.stack ? 'stack' : undefined}
              fill={(p.colors ?? PALETTE)[i % (p.colors ?? PALETTE).length]}
              isAnimationActive={animate()}
              maxBarSize={48}
              cursor={p.onRowClick ? 'pointer' : undefined}
              onClick={p.onRowClick ? (bar: { payload?: Row }) => bar.payload && p.onRowClick!(bar.payload) : undefined}
            />
          ))}
        </ReBarChart>
      </ResponsiveContainer>
    </figure>
  );
}
