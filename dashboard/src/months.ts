// The campaigns' assessed months, which campaign a page shows and which month it opens on. Pure.
import { chinaDay, endOfMonth, type Instant } from '../../api/src/common/china-time.js';

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

/** today in China Standard Time (the browser's clock; the server's answers carry their own dates) */
export function todayCst(now: Instant = Date.now()): string {
  return chinaDay(now);
}

export { endOfMonth };

/**
 * The campaign a page shows: the one that assesses the address's `month` (a month names its campaign),
 * else the one the switcher chose (`campaign`), else the latest.
 */
export function pickCampaign<C extends { code: string; months: string[] }>(campaigns: C[], month: string | null, code: string | null): C {
  return campaigns.find((c) => month !== null && c.months.includes(month))
    ?? campaigns.find((c) => c.code === code)
    ?? campaigns[campaigns.length - 1];
}
