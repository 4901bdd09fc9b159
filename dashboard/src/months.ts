// The campaigns' assessed months, which campaign a page shows and which month it opens on. Pure.

/** the month of a CST calendar day: 2023-08-31 → 2023-08 */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** the last assessed month that has ended by `today` (CST, YYYY-MM-DD); the first month when none has */
export function defaultMonth(months: string[], today: string): string {
  const current = monthOf(today);
  const ended = months.filter((m) => m < current);
  return ended.length ? ended[ended.length - 1] : months[0] ?? current;
}

/** the `month` of the address when it is an assessed month, else the default */
export function pickMonth(months: string[], asked: string | null | undefined, today: string): string {
  return asked && months.includes(asked) ? asked : defaultMonth(months, today);
}

/** today in China Standard Time */
export function todayCst(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

/** the last day of a month: 2023-02 → 2023-02-28 */
export function endOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const d = new Date(Date.UTC(y, m, 0));
  return d.toISOString().slice(0, 10);
}

/**
 * The campaign a page shows: the one that assesses the address's `month` (a month names its campaign),
 * else the one the switcher chose (`campaign`), else the latest.
 */
export function pickCampaign<C extends { code: string; months: string[] }>(campaigns: C[], month: string | null, code: string | null): C {
  return campaigns.find((c) => month !== null && c.months.includes(month))
    ?? campaigns.find((c) => c.code === code)
    ?? campaigns[campaigns.length - 1];
}
