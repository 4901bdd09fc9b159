// Dates as whole days since 1970-01-01 (UTC arithmetic on calendar dates, so no time zone can shift
// a day); formatted once per day through a cache because a nation-scale run formats ~50M dates.

export type Day = number;

const MS_PER_DAY = 86_400_000;

export function day(iso: string): Day {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / MS_PER_DAY);
}

const formatted = new Map<Day, string>();
export function iso(d: Day): string {
  let s = formatted.get(d);
  if (s === undefined) {
    s = new Date(d * MS_PER_DAY).toISOString().slice(0, 10);
    formatted.set(d, s);
  }
  return s;
}

/** 0 = Sunday … 5 = Friday; 1970-01-01 was a Thursday */
export function weekday(d: Day): number {
  return (((d + 4) % 7) + 7) % 7;
}

export function isFriday(d: Day): boolean {
  return weekday(d) === 5;
}

// The default campaign (domain.md section 4).
export const CAMPAIGN_START = day('2023-04-25');
export const CAMPAIGN_END = day('2023-12-31');
export const MOBILISATION_END = day('2023-05-15');
export const SELF_CHECK_END = day('2023-06-30');
export const ENFORCEMENT_START = day('2023-07-01');
export const ENFORCEMENT_END = day('2023-11-30');
export const SWEEP_END = day('2023-08-31'); // counties inspect every in-scope enterprise in Jul–Aug
export const SPOT_CHECK_START = day('2023-09-01'); // the city spot-checks ≥20% in Sep–Nov
export const STAGE_REPORT_DUE = day('2023-08-09');
export const SUMMARY_DUE = day('2023-12-09');

export interface Month {
  /** YYYY-MM */
  period: string;
  first: Day;
  last: Day;
}

/** the assessed months 2023-05 … 2023-12 */
export const MONTHS: readonly Month[] = Array.from({ length: 8 }, (_, i) => {
  const m = 5 + i;
  const first = Math.round(Date.UTC(2023, m - 1, 1) / MS_PER_DAY);
  const last = Math.round(Date.UTC(2023, m, 1) / MS_PER_DAY) - 1;
  return { period: `2023-${String(m).padStart(2, '0')}`, first, last };
});

/** every Friday strictly after `after` and up to `until` (both days) */
export function fridaysBetween(after: Day, until: Day): Day[] {
  const out: Day[] = [];
  let f = after + 1;
  while (!isFriday(f)) f++;
  for (; f <= until; f += 7) out.push(f);
  return out;
}
