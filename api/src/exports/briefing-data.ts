import type { DataSource } from 'typeorm';
import type { CoverageJson, DispatchJson, ScoresJson, TraceJson } from '../../../analytics/src/contracts.js';
import type { Explanation } from '../../../analytics/src/explain.js';
import { endOfMonth, loadCampaign, loadCampaigns, previousAssessedMonth } from '../campaign/campaign.js';
import { loadScheme } from '../assessment/scheme-store.js';
import { withMovement, type ScoresWithMovement } from '../assessment/ranking-diff.js';
import { findPublishedRanking } from '../assessment/publishing.js';
import type { ReconciliationsReader } from '../reconcile/reconciliations.service.js';
import type { BriefingInput, LateSubmission, TypicalCase } from './briefing-content.js';
import { DEFAULT_DOC_PREFIX, formatDocNumber, issueDocNumber } from './document-numbers.js';

// Where the exports get their figures: the analytics engine in the CLI, the server's cached copy of it
// over HTTP. Both give the JSON of spec/bundle.md.
export interface FiguresSource {
  dispatch(month: string): Promise<DispatchJson>;
  /** under the default scheme */
  scores(month: string): Promise<ScoresJson>;
  trace(month: string): Promise<TraceJson>;
  explain(unit: string, month: string): Promise<Explanation>;
  coverage(month: string): Promise<CoverageJson>;
}

/** The ranking of a month with each unit's movement since the month before (null in the first month). */
export async function rankingWithMovement(ds: DataSource, source: FiguresSource, month: string): Promise<ScoresWithMovement> {
  const prev = previousAssessedMonth(await loadCampaigns(ds), month);
  const [now, before] = await Promise.all([source.scores(month), prev ? source.scores(prev) : undefined]);
  return withMovement(now, before);
}

/**
 * The ranking the briefing prints: once the month is published, the published one (a ledger correction
 * after publishing must not move a rank the office has announced), its movement against the previous
 * month's published ranking where there is one; before, the live figures.
 */
export async function briefingRanking(ds: DataSource, source: FiguresSource, month: string) {
  const published = await findPublishedRanking<ScoresJson>(ds, month);
  if (!published) return { ranking: await rankingWithMovement(ds, source, month), published: null };
  const prev = previousAssessedMonth(await loadCampaigns(ds), month);
  const before = prev ? (await findPublishedRanking<ScoresJson>(ds, prev))?.ranking ?? await source.scores(prev) : undefined;
  return {
    ranking: withMovement(published.ranking, before),
    published: { publishedAt: published.publishedAt, schemeVersion: published.schemeVersion },
  };
}

/** What the request sets on the document itself: its 文号 and 抄送. */
export interface BriefingOptions {
  issuedOn?: string;
  /** 机关代字 of the 文号; default 晋危废专办 */
  docPrefix?: string;
  /** the 文号's number; default: the month's registered number, or the next free one */
  docNo?: number;
  copyTo?: string;
  /** who asked for the number (the register's issued_by) */
  issuedBy: string;
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

export async function gatherBriefing(ds: DataSource, source: FiguresSource, reconciliations: ReconciliationsReader, month: string, o: BriefingOptions): Promise<BriefingInput> {
  const campaign = await loadCampaign(ds, month);
  const [dispatch, { ranking, published }, trace, scheme] = await Promise.all([
    source.dispatch(month), briefingRanking(ds, source, month), source.trace(month), loadScheme(ds, 'default'),
  ]);
  // the late submissions are listed for the units that lost points for them
  const late: Record<string, LateSubmission[]> = {};
  for (const u of ranking.units.filter((x) => x.parts.late > 0)) {
    const e = await source.explain(u.unit, month);
    late[u.unit] = Array.isArray(e.lateSubmissions) ? e.lateSubmissions : [];
  }
  const issuedOn = o.issuedOn ?? dispatch.asOf;
  const typical = await typicalCases(ds, month, campaign.startOn);
  const latestReconciliations = await reconciliations.latest(month);
  const coverage = await source.coverage(month);
  // the number is taken last, so that a briefing that could not be gathered uses none up
  const docNumber = await issueDocNumber(ds, { prefix: o.docPrefix ?? DEFAULT_DOC_PREFIX, year: Number(issuedOn.slice(0, 4)), month, number: o.docNo, issuedBy: o.issuedBy });
  return {
    issuedOn,
    dispatch,
    ranking,
    scheme: scheme.params,
    trace,
    late,
    typicalCases: typical,
    reconciliations: latestReconciliations,
    cityCode: dispatch.units.find((u) => u.level === 'city')?.unit,
    docNumber: formatDocNumber(docNumber),
    published,
    copyTo: o.copyTo,
    coverage,
  };
}
