// The shared tooltip of every chart: the row's name, then each category's colour, label and value.

export interface TooltipEntry {
  dataKey?: string | number | ((obj: unknown) => unknown);
  name?: string | number;
  value?: unknown;
  color?: string;
  fill?: string;
  stroke?: string;
}

export interface ChartTooltipProps {
  active?: boolean;
  payload?: readonly TooltipEntry[];
  label?: string | number;
  valueFormatter: (v: number) => string;
  footer?: (label: string | number | undefined) => string | undefined;
}

export function ChartTooltip({ active, payload, label, valueFormatter, footer }: ChartTooltipProps) {
  if (!active || !payload?.length) return null;
  const extra = footer?.(label);
  return (
    <div className="chart-tooltip" role="status">
      <div className="chart-tooltip-title">{label}</div>
      <ul>
        {payload.map((p, i) => (
          <li key={`${String(p.dataKey)}-${i}`}>
            <span className="swatch" style={{ background: p.color ?? p.fill ?? p.stroke }} aria-hidden="true" />
            <span className="chart-tooltip-name">{p.name}</span>
            <span className="chart-tooltip-value">{typeof p.value === 'number' ? valueFormatter(p.value) : String(p.value ?? '–')}</span>
          </li>
        ))}
      </ul>
      {extra ? <div className="chart-tooltip-footer">{extra}</div> : null}
    </div>
  );
}
