// The map's colour scale: equal-width bins between the smallest and largest figure shown, one colour a
// bin, so the legend can list every bin and a reader can tell a county's figure range from its fill.
// Equal widths (not quantiles): with six counties, quantile bins would make any spread look as large.
// Pure; the legend and the shapes read the same scale.

export const NO_DATA_COLOR = '#d9d9d9';

/** light to dark: higher is better (scores, coverage) */
export const GREENS = ['#edf8e9', '#bae4b3', '#74c476', '#31a354', '#006d2c'] as const;
/** light to dark: higher is worse (open alerts) */
export const REDS = ['#fee5d9', '#fcae91', '#fb6a4a', '#de2d26', '#a50f15'] as const;
/** down … no change … up (rank movement), centred on zero */
export const RED_GREY_GREEN = ['#d7191c', '#fdae61', '#eeeeee', '#a6d96a', '#1a9641'] as const;

export interface ColorBin {
  /** inclusive lower edge */
  from: number;
  /** upper edge: exclusive, except the last bin's, which holds the largest figure */
  to: number;
  color: string;
}

export interface ColorScale {
  bins: ColorBin[];
  /** the fill of a figure; NO_DATA_COLOR for null */
  colorOf(v: number | null | undefined): string;
}

export interface ScaleOptions {
  palette: readonly string[];
  /** the domain is −m … m, m the largest absolute figure (so zero sits in the middle bin) */
  symmetric?: boolean;
  /** the domain starts at 0 whatever the smallest figure (counts) */
  fromZero?: boolean;
}

export function colorScale(values: readonly (number | null | undefined)[], o: ScaleOptions): ColorScale {
  const known = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  const n = o.palette.length;
  let lo = known.length ? Math.min(...known) : 0;
  let hi = known.length ? Math.max(...known) : 0;
  if (o.fromZero) lo = Math.min(0, lo);
  if (o.symmetric) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    lo = -m;
    hi = m;
  }
  if (hi === lo) {
    // one figure for every county: one bin, in the palette's middle colour
    const only: ColorBin = { from: lo, to: hi, color: o.palette[Math.floor(n / 2)] };
    return { bins: [only], colorOf: (v) => (typeof v === 'number' && Number.isFinite(v) ? only.color : NO_DATA_COLOR) };
  }
  const step = (hi - lo) / n;
  const bins = o.palette.map((color, i) => ({ from: lo + i * step, to: i === n - 1 ? hi : lo + (i + 1) * step, color }));
  const colorOf = (v: number | null | undefined) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return NO_DATA_COLOR;
    const i = Math.min(n - 1, Math.max(0, Math.floor((v - lo) / step)));
    return bins[i].color;
  };
  return { bins, colorOf };
}
