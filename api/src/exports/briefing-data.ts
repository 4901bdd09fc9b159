import type { DataSource } from 'typeorm';
import type { DispatchJson, ScoresJson, TraceJson } from '../../../analytics/src/contracts.js';
import type { Explanation } from '../../../analytics/src/explain.js';
import { assessedMonths, endOfMonth, loadCampaign } from '../campaign/campaign.js';
import { loadScheme } from '../assessment/scheme-store.js';
import { withMovement, type ScoresWithMovement } from '../assessment/ranking-diff.js';
import type { ReconciliationsReader } from '../reconcile/reconciliations.service.js';
import type { BriefingInput, LateSubmission, TypicalCase } from './briefing-content.js';

// Where the exports get their figures: the analytics engine in the CLI, the server's cached copy of it
// over HTTP. Both give the JSON of spec/bundle.md.
export interface FiguresSource {
  dispatch(month: string): Promise<DispatchJson>;
  /** under the default scheme */
  scores(month: string): Promise<ScoresJson>;
  trace(month: string): Promise<TraceJson>;
  explain(unit: string, month: string): Promise<Explanation>;
}

/** The ranking of a month with each unit's movement since the month before (null in the first month). */
export async function rankingWithMovement(ds: DataSource, source: FiguresSource, month: string): Promise<ScoresWithMovement> {
  const months = assessedMonths(await loadCampaign(ds));
  const prev = months[months.indexOf(month) - 1];
  const [now, before] = await Promise.all([source.scores(month), prev ? source.scores(prev) : undefined]);
  return withMovement(now, before);
}

/** Typical enforcement cases (典型执法案例) of any unit dated in the month (and in the campaign). */
async function typicalCases(ds: DataSource, month: string, from: string): Promise<TypicalCase[]> {
  const first = `${month}-01` > from ? `${month}-01` : from;
  const rows: Record<string, string | boolean | null>[] = await ds.query(
    `SELECT a.action_id, a.unit_code, a.acted_on, a.crime, e.name AS enterprise_name, h.description
     FROM actions a LEFT JOIN enterprises e ON e.credit_code = a.enterprise_credit_code LEFT JOIN hazards h ON h.ledger_no = a.hazard_ledger_no
     WHERE a.kind = 'typical_case' AND a.acted_on BETWEEN $1::date AND $2::date ORDER BY a.acted_on, a.action_id`,
    [first, endOfMonth(month)]);
  return rows.map((r) => ({
    actionId: r.action_id as string, unit: r.unit_code as string, actedOn: r.acted_on as string, crime: r.crime === true,
    enterpriseName: r.enterprise_name as string | null, description: r.description as string | null,
  }));
}

export async function gatherBriefing(ds: DataSource, source: FiguresSource, reconciliations: ReconciliationsReader, month: string, issuedOn?: string): Promise<BriefingInput> {
  const campaign = await loadCampaign(ds);
  const [dispatch, ranking, trace, scheme] = await Promise.all([
    source.dispatch(month), rankingWithMovement(ds, source, month), source.trace(month), loadScheme(ds, 'default'),
  ]);
  // the late submissions are listed for the units that lost points for them
  const late: Record<string, LateSubmission[]> = {};
  for (const u of ranking.units.filter((x) => x.parts.late > 0)) {
    const e = await source.explain(u.unit, month);
    late[u.unit] = Array.isArray(e.lateSubmissions) ? e.lateSubmissions : [];
  }
  return {
    issuedOn: issuedOn ?? dispatch.asOf,
    dispatch,
    ranking,
    scheme: scheme.params,
    trace,
    late,
    typicalCases: await typicalCases(ds, month, campaign.startOn),
    reconciliations: await reconciliations.latest(month),
    cityCode: dispatch.units.find((u) => u.level === 'city')?.unit,
  };
}
