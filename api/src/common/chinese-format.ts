// Numbers and dates for Chinese readers (Intl zh-CN), in one place for the dashboard's pages
// (dashboard/src/format.ts re-exports these) and the server's files (CSV, XLSX, the 通报), so a figure
// reads the same on the page and in the file. Pure: no Node or browser API beyond Intl.

const score = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const integer = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('zh-CN', { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 });

export const DASH = '–';

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

/** 2023-08-31 → 2023年8月31日, as the attachment and the 通报 write a date */
export function formatDateLong(date: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : (date ?? DASH);
}

/**
 * A figure for a spreadsheet cell, rounded as the page shows it but kept a number (no thousands
 * separator), so the cell sums: scores and 万元 to the cent.
 */
export function roundedScore(n: number | null | undefined): number | null {
  // half away from zero, as the scores themselves are rounded (domain.md section 6)
  return ok(n) ? Math.sign(n) * Math.round(Math.abs(n) * 100 + 1e-9) / 100 : null;
}

/** a share as the page shows it (83.3%): a spreadsheet reads the text as a percentage */
export function percentCell(share: number | null | undefined): string | null {
  return ok(share) ? `${Math.round(share * 1000) / 10}%` : null;
}
