// Numbers and dates for Chinese readers (Intl zh-CN). Pure: used by views and unit tests alike.
import { chinaDateTime, chinaDay } from '../../api/src/common/china-time.js';

const score = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });

const DASH = '–';

const ok = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** a score or money: always 2 decimals (74.76, 69.00, 1,234.50) */
export function formatScore(n: number | null | undefined): string {
  return ok(n) ? score.format(n) : DASH;
}

/** a count: 1,234 */
export function formatCount(n: number | null | undefined): string {
  return ok(n) ? integer.format(n) : DASH;
}

/** a share from 0 to 1: 75%, 66.7% */
export function formatPercent(share: number | null | undefined): string {
  return ok(share) ? percent.format(share) : DASH;
}

/** 万元 with 2 decimals */
export function formatWan(n: number | null | undefined): string {
  return ok(n) ? `${score.format(n)} 万元` : DASH;
}

/** a change with its sign: +12.78, −3.00, 0.00 */
export function formatSignedScore(n: number | null | undefined): string {
  if (!ok(n)) return DASH;
  if (n > 0) return `+${score.format(n)}`;
  if (n < 0) return `−${score.format(-n)}`;
  return score.format(0);
}

/** 2023-08 → 2023年8月 */
export function formatMonth(month: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? '');
  return m ? `${m[1]}年${Number(m[2])}月` : (month ?? DASH);
}

/** 2023-08-31 → 2023年8月31日 */
export function formatDateLong(date: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (date ?? DASH);
}

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
