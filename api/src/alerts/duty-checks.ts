import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { monthWindow, type MonthWindow } from '../../../analytics/src/month-window.js';
import { AnalyticsError, AnalyticsErrorCode } from '../../../analytics/src/errors.js';
import { positional, postgresSqlFile } from '../../../analytics/src/postgres-figures.js';
import type { QueryFile } from '../../../analytics/src/query-file.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import { assessedMonths, endOfMonth, type Campaign } from '../campaign/campaign.js';
import { coverageWindows, type CoverageProvider } from './coverage.js';

// The notice's duties that api/src/schedule/alert-checks.ts does not cover yet: the
// stage report and the summary, the leaders' monthly inspections, the city's monthly typical case,
// coverage in July–August and September–November, and the high-risk enterprises' two drills. Each runs
// on its due day only and inserts with ON CONFLICT DO NOTHING, so a day run twice adds nothing.

const COUNTY_LEVEL = `level IN ('county','zone')`;

/**
 * The month's window through analytics' own monthWindow (the campaign's stage-report and summary due
 * dates come from there), run on PostgreSQL; undefined when no campaign assesses the month.
 */
export async function windowOf(ds: DataSource, month: string): Promise<MonthWindow | undefined> {
  const query: QueryFile = async (file, params) => {
    const { text, values } = positional(postgresSqlFile(file), params);
    return ds.query(text, values);
  };
  try {
    return await monthWindow(query, month);
  } catch (e) {
    if (e instanceof AnalyticsError && e.code === AnalyticsErrorCode.MONTH_OUTSIDE_CAMPAIGN) return undefined;
    throw e;
  }
}

/** On the stage-report or summary due day: every county-level unit that has not submitted it by then. */
export async function oneOffReportCheck(ds: DataSource, w: MonthWindow | undefined, today: string): Promise<number> {
  if (!w) return 0;
  let n = 0;
  for (const [kind, due, what] of [['stage_report', w.stageReportDue, '阶段性情况'], ['summary', w.summaryDue, '工作总结']] as const) {
    if (due !== today) continue;
    const rows = await ds.query(
      `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
       SELECT u.code, $2 || '_missing', $1::date, $3, $4 || '应于 ' || $1 || ' 前报送，尚未报送'
       FROM units u WHERE ${COUNTY_LEVEL} AND NOT EXISTS (SELECT 1 FROM submissions s WHERE s.unit_code = u.code
         AND s.kind = $2 AND s.submitted_on <= $1::date)
       ON CONFLICT DO NOTHING RETURNING id`, [today, kind, w.campaign, what]);
    n += rows.length;
  }
  return n;
}

/** On the last day of an assessed month: each leader on a roster below the monthly rule (main ≥ 1, member ≥ 2). */
export async function leaderCheck(ds: DataSource, c: Campaign, scheme: SchemeParams, today: string): Promise<number> {
  const month = today.slice(0, 7);
  if (!assessedMonths(c).includes(month) || endOfMonth(month) !== today) return 0;
  const rows = await ds.query(
    `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
     SELECT l.unit_code, 'leader_inspections_short', $1::date, $2 || ' ' || l.name,
            l.name || '（' || CASE l.role WHEN 'main' THEN '主要负责同志' ELSE '班子成员' END || '）' || $2 || ' 带队检查 '
              || count(li.leader_name) || ' 次，应至少 ' || CASE l.role WHEN 'main' THEN $3::int ELSE $4::int END || ' 次'
     FROM leaders l LEFT JOIN leader_inspections li ON li.unit_code = l.unit_code AND li.leader_name = l.name
       AND li.inspected_on BETWEEN ($2 || '-01')::date AND $1::date
     GROUP BY l.unit_code, l.name, l.role
     HAVING count(li.leader_name) < CASE l.role WHEN 'main' THEN $3::int ELSE $4::int END
     ON CONFLICT DO NOTHING RETURNING id`, [today, month, scheme.leaderRule.main, scheme.leaderRule.member]);
  return rows.length;
}

/** On the last day of an assessed month: the city, when it published no typical enforcement case that month. */
export async function typicalCaseCheck(ds: DataSource, c: Campaign, today: string): Promise<number> {
  const month = today.slice(0, 7);
  if (!assessedMonths(c).includes(month) || endOfMonth(month) !== today) return 0;
  const rows = await ds.query(
    `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
     SELECT u.code, 'typical_case_missing', $1::date, $2, $2 || ' 市级未公布典型执法案例（每月至少 1 个）'
     FROM units u WHERE u.level = 'city' AND NOT EXISTS (SELECT 1 FROM actions a WHERE a.unit_code = u.code
       AND a.kind = 'typical_case' AND a.acted_on BETWEEN ($2 || '-01')::date AND $1::date)
     ON CONFLICT DO NOTHING RETURNING id`, [today, month]);
  return rows.length;
}

/**
 * On 08-31: each county-level unit that has not inspected all its in-scope enterprises in July–August.
 * On 11-30: the city, for each unit of which it spot-checked fewer than 20% in September–November.
 */
export async function coverageCheck(ds: DataSource, c: Campaign, coverage: CoverageProvider, today: string): Promise<number> {
  if (today < c.startOn || today > c.endOn) return 0;
  const w = coverageWindows(today.slice(0, 4)).find((x) => x.to === today);
  if (!w) return 0;
  const gaps = await coverage.gaps(ds, w);
  const [city] = (await ds.query(`SELECT code FROM units WHERE level = 'city' ORDER BY code LIMIT 1`)) as { code: string }[];
  let n = 0;
  for (const g of gaps) {
    const names = g.missing.slice(0, 20).join('、') + (g.missing.length > 20 ? ` 等 ${g.missing.length} 家` : '');
    const [unit, ref, message] = w.who === 'county'
      ? [g.unitCode, `${w.from.slice(0, 7)}..${w.to.slice(0, 7)}`, `7–8月排查覆盖 ${g.inspected}/${g.scope} 家（应 100%），未检查：${names}`]
      : [city?.code, `${w.from.slice(0, 7)}..${w.to.slice(0, 7)} ${g.unitCode}`, `9–11月市级抽查${g.unitName} ${g.inspected}/${g.scope} 家，应至少 ${g.required} 家（20%）`];
    if (!unit) continue;
    const r = await ds.query(
      `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message) VALUES ($1, 'coverage_behind', $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
      [unit, today, ref, message]);
    n += r.length;
  }
  return n;
}

// The notice (三、3.(9)) asks high-risk enterprises for at least two drills during the campaign and gives
// no date: they are checked when precise enforcement ends (11-30), before the consolidation month.
export async function drillCheck(ds: DataSource, c: Campaign, today: string): Promise<number> {
  if (today !== `${c.endOn.slice(0, 4)}-11-30` || today < c.startOn) return 0;
  const rows = await ds.query(
    `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message)
     SELECT e.unit_code, 'drills_missing', $1::date, e.credit_code,
            '高危行业企业 ' || e.name || ' 专项行动期间应急演练 ' || count(d.drilled_on) || ' 次，应至少 2 次'
     FROM enterprises e LEFT JOIN drills d ON d.enterprise_credit_code = e.credit_code AND d.drilled_on BETWEEN $2::date AND $1::date
     WHERE e.high_risk GROUP BY e.unit_code, e.credit_code, e.name HAVING count(d.drilled_on) < 2
     ON CONFLICT DO NOTHING RETURNING id`, [today, c.startOn]);
  return rows.length;
}
