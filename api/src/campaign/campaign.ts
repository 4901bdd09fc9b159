import type { DataSource } from 'typeorm';

// The campaign's calendar (domain.md section 4). One campaign per deployment for now; its dates are
// data in the `campaigns` table so another city's or year's campaign needs no code change.
export interface Campaign {
  code: string;
  name: string;
  startOn: string;
  endOn: string;
  firstMonth: string;
  lastMonth: string;
}

export async function loadCampaign(ds: DataSource): Promise<Campaign> {
  const rows = await ds.query(`SELECT code, name, start_on, end_on, first_month, last_month FROM campaigns ORDER BY code LIMIT 1`);
  if (!rows.length) throw new Error('no campaign in the database: the migrations did not run');
  const r = rows[0];
  return { code: r.code, name: r.name, startOn: r.start_on, endOn: r.end_on, firstMonth: r.first_month, lastMonth: r.last_month };
}

/** The assessed months, 'YYYY-MM', first to last. */
export function assessedMonths(c: Pick<Campaign, 'firstMonth' | 'lastMonth'>): string[] {
  const out: string[] = [];
  let [y, m] = c.firstMonth.split('-').map(Number);
  const [ly, lm] = c.lastMonth.split('-').map(Number);
  while (y < ly || (y === ly && m <= lm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) { m = 1; y++; }
  }
  return out;
}

// The month's last day is calendar arithmetic kept with China's dates; re-exported for the campaign's readers.
export { endOfMonth } from '../common/china-time.js';

/** undefined when `month` is an assessed month, else a message saying which months are. */
export function monthProblem(c: Campaign, month: string | undefined): string | undefined {
  const months = assessedMonths(c);
  if (!month || !/^\d{4}-\d{2}$/.test(month)) return `--month must be YYYY-MM, one of ${months[0]} … ${months.at(-1)}`;
  if (!months.includes(month)) return `month ${month} is outside the campaign's assessed months ${months[0]} … ${months.at(-1)}`;
  return undefined;
}
