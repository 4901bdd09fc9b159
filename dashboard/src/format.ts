// Numbers and dates for Chinese readers (Intl zh-CN). Pure: used by views and unit tests alike.
import { chinaDateTime, chinaDay } from '../../api/src/common/china-time.js';

// the Chinese formats the server's files share live in one module; the page-only ones stay below
export { DASH, formatCount, formatDateLong, formatMonth, formatPercent, formatScore, formatSignedScore, formatWan } from '../../api/src/common/chinese-format.js';
import { DASH } from '../../api/src/common/chinese-format.js';

/** a date as the ledger writes it (2023-08-31), or – when absent; timestamps keep their day in CST */
export function formatDate(date: string | null | undefined): string {
  if (!date) return DASH;
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return date;
  const t = Date.parse(date);
  if (Number.isNaN(t)) return date;
  return chinaDay(t);
}

/** a timestamp in CST: 2023-09-01 08:30 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return DASH;
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return chinaDateTime(t);
}

export interface MovementText {
  /** ↑2, ↓1, – */
  text: string;
  direction: 'up' | 'down' | 'none';
  /** spoken form for screen readers and tooltips: 上升2位 */
  label: string;
}

/** the movement arrow of a ranking row: rankChange > 0 moved up; null (first month) or 0 is – */
export function movementText(m: { rankChange: number } | null | undefined): MovementText {
  if (!m || !m.rankChange) return { text: DASH, direction: 'none', label: m ? '名次不变' : '首月，无上月名次' };
  if (m.rankChange > 0) return { text: `↑${m.rankChange}`, direction: 'up', label: `上升${m.rankChange}位` };
  return { text: `↓${-m.rankChange}`, direction: 'down', label: `下降${-m.rankChange}位` };
}
