import { formatCount } from '../../format.js';

// The one props contract of every chart (after Tremor): rows of `data`, the `index` field that names
// a row (the axis), the `categories` drawn from each row, and how a value is written.

export type ChartRow = Record<string, string | number | null | undefined>;

export interface ChartProps<Row extends ChartRow = ChartRow> {
  data: Row[];
  index: keyof Row & string;
  categories: (keyof Row & string)[];
  valueFormatter?: (value: number) => string;
  /** a display name per category (legend and tooltip); the key itself when absent */
  categoryLabels?: Partial<Record<string, string>>;
  colors?: string[];
  height?: number;
  /** what the chart shows, for screen readers */
  ariaLabel: string;
  emptyText?: string;
  /** the value axis's ticks; whole numbers without decimals by default */
  axisFormatter?: (value: number) => string;
}

export function axisFormat(p: { axisFormatter?: (v: number) => string; valueFormatter?: (v: number) => string }): (v: number) => string {
  return p.axisFormatter ?? ((v) => (Number.isInteger(v) ? formatCount(v) : (p.valueFormatter ?? String)(v)));
}

/** the palette, in category order (Tremor's blue, emerald, amber, violet, rose, cyan) */
export const PALETTE = ['#3b82f6', '#10b981', '#f59e0b', '#8b5cf6', '#f43f5e', '#06b6d4', '#64748b'];

/** recharts animates the first paint; a browser under automation gets the final picture at once */
export function animate(): boolean {
  return !(typeof navigator !== 'undefined' && navigator.webdriver);
}
