import { Inject, Injectable } from '@nestjs/common';
import type { ScoresJson } from '../../../analytics/src/contracts.js';
import type { Database } from '../database/data-source.js';
import { DATABASE } from '../common/tokens.js';
import { DomainError } from '../common/domain-error.js';
import { assessedMonths, campaignOfMonth, loadCampaigns, monthProblem, previousAssessedMonth } from '../campaign/campaign.js';
import { AnalyticsService } from './analytics.service.js';
import { loadScheme } from './scheme-store.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import { findPublishedRanking, ledgerDigest, savePublishedRanking, type PublishedRanking } from './publishing.js';
import { compareRankings, withMovement, type ScoresWithMovement } from './ranking-diff.js';
import { ALL_PARENTS, UnitTree, type RankingParent, type UnitRow } from './ranking-peers.js';
import { CachedAnswer } from '../common/cached-answer.js';

/** a ranking's published mark (null: not published) */
type Published = Pick<PublishedRanking, 'publishedAt' | 'schemeVersion' | 'dataDigest'> | null;

/** GET /api/scores: one parent's county-level units, a page of them, with the count of all. */
export interface RankingAnswer extends ScoresWithMovement {
  published: Published;
  parent: RankingParent;
  total: number;
  page: number;
  pageSize: number;
}

type PeerRanking = Omit<RankingAnswer, 'total' | 'page' | 'pageSize'>;

/** serialised pages kept for each parent's ranking of one state of the copy (any page size may be asked) */
const PAGES_KEPT = 16;

@Injectable()
export class ScoresService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(AnalyticsService) private readonly analytics: AnalyticsService) {}

  /** The campaigns are ledger data: read once for each state of the analytics copy, not per request. */
  private campaigns() {
    return this.analytics.cached('campaigns', () => loadCampaigns(this.db.dataSource));
  }

  async checkMonth(month: string | undefined): Promise<string> {
    const problem = monthProblem(await this.campaigns(), month);
    if (problem) throw new DomainError('BAD_MONTH', problem);
    return month as string;
  }

  async previousMonth(month: string): Promise<string | undefined> {
    return previousAssessedMonth(await this.campaigns(), month);
  }

  async live(month: string, version = 'default'): Promise<ScoresJson> {
    return this.analytics.monthScores(month, version);
  }

  /**
   * The ranking as the dashboard shows it: live figures, movement since last month, published mark.
   * Kept whole while the copy does not change (the dashboard's hot read); publishing forgets it.
   */
  async ranking(month: string): Promise<ScoresWithMovement & { published: Published }> {
    const m = await this.checkMonth(month);
    const prev = await this.previousMonth(m);
    return this.analytics.derived(`ranking:${m}`, async () => {
      const [now, before] = await Promise.all([this.live(m), prev ? this.live(prev) : undefined]);
      const published = await findPublishedRanking(this.db.dataSource, m);
      return {
        ...withMovement(now, before),
        published: published ? { publishedAt: published.publishedAt, schemeVersion: published.schemeVersion, dataDigest: published.dataDigest } : null,
      };
    });
  }

  /** The unit tree, read once for each state of the copy (an import may change it). */
  private unitTree(): Promise<UnitTree> {
    return this.analytics.cached('unit-tree', async () => {
      const rows: { code: string; name: string; level: UnitRow['level']; parent_code: string | null }[] =
        await this.db.dataSource.query(`SELECT code, name, level, parent_code FROM units`);
      return new UnitTree(rows.map((r) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code })));
    });
  }

  /** `parent` as asked: a unit code, `all`, or none (the user's city, ranking-peers.ts). */
  private async rankingParent(parent: string | undefined, userUnit: string | null): Promise<RankingParent> {
    const tree = await this.unitTree();
    if (parent === ALL_PARENTS) return null;
    const unit = parent === undefined ? tree.homeParent(userUnit) : tree.get(parent);
    if (parent === undefined && !unit) return null;
    if (!unit) throw new DomainError('UNKNOWN_UNIT', `parent: no unit ${parent} in the ledger (GET /api/units lists them; parent=all ranks every county-level unit)`);
    if (unit.level === 'county' || unit.level === 'zone') {
      throw new DomainError('BAD_PARAMETER', `parent: ${unit.code} is a county-level unit; its peers are under ${unit.parentCode ?? 'no parent'} (parent=${unit.parentCode ?? ALL_PARENTS})`);
    }
    return { code: unit.code, name: unit.name, level: unit.level };
  }

  /**
   * GET /api/scores as bytes: the ranking of one parent's county-level units (ranks are within each
   * parent already), a page of it, serialised once for each state of the copy. The copy's change
   * (an edit, an import, a publish) drops the ranking and with it every page made from it.
   */
  async rankingAnswer(month: string | undefined, q: { parent?: string; page: number; pageSize: number }, userUnit: string | null): Promise<CachedAnswer> {
    const m = await this.checkMonth(month);
    const parent = await this.rankingParent(q.parent, userUnit);
    const peers = await this.analytics.derived(`ranking-peers:${m}:${parent?.code ?? ALL_PARENTS}`, async (): Promise<PeerRanking> => {
      const whole = await this.ranking(m);
      const under = parent ? (await this.unitTree()).peersUnder(parent) : undefined;
      return { ...whole, units: under ? whole.units.filter((u) => under.has(u.unit)) : whole.units, parent };
    });
    return this.pageOf(peers, q.page, q.pageSize);
  }

  private readonly pages = new WeakMap<PeerRanking, Map<string, CachedAnswer>>();

  // keyed by the ranking object itself: a new state of the copy makes a new object, and the old pages go with the old one
  private pageOf(peers: PeerRanking, page: number, pageSize: number): CachedAnswer {
    let kept = this.pages.get(peers);
    if (!kept) this.pages.set(peers, (kept = new Map()));
    const key = `${page}:${pageSize}`;
    let answer = kept.get(key);
    if (answer) {
      kept.delete(key); // most recently used last
    } else {
      const { units, ...rest } = peers;
      const body: RankingAnswer = { ...rest, units: units.slice((page - 1) * pageSize, page * pageSize), total: units.length, page, pageSize };
      answer = CachedAnswer.json(body);
      if (kept.size >= PAGES_KEPT) kept.delete(kept.keys().next().value!);
    }
    kept.set(key, answer);
    return answer;
  }

  async unit(unit: string, month: string) {
    const m = await this.checkMonth(month);
    const ranking = await this.ranking(m);
    const entry = ranking.units.find((u) => u.unit === unit);
    if (!entry) throw new DomainError('UNKNOWN_UNIT', `${unit} is not a county-level unit with a score`);
    const scheme = await loadScheme(this.db.dataSource, 'default');
    // the score row is `entry` already (with movement); the explanation keeps only the record lists
    const scores = await this.live(m);
    const { unit: _u, month: _m, asOf: _a, score: _s, ...explanation } = await this.analytics.cached(`explain:${unit}:${m}`, (e) => e.explain(unit, m, scheme.params, scores));
    return { month: m, asOf: ranking.asOf, scheme: ranking.scheme, ...entry, explanation };
  }

  /** The unit's months in the campaign that assesses `month` (without one, the latest campaign). */
  async trend(unit: string, month?: string) {
    const all = await this.campaigns();
    if (month) await this.checkMonth(month);
    const months = assessedMonths((month ? campaignOfMonth(all, month) : undefined) ?? all[all.length - 1]);
    const out = [];
    for (const m of months) {
      const u = (await this.live(m)).units.find((x) => x.unit === unit);
      if (!u) throw new DomainError('UNKNOWN_UNIT', `${unit} is not a county-level unit with a score`);
      out.push({ month: m, rank: u.rank, total: u.total, I1: u.I1, I2: u.I2, I3: u.I3, I4: u.I4, D: u.D });
    }
    return out;
  }

  /** Ranks under proposed parameters without storing anything, and names the units whose rank changes. */
  async whatIf(month: string, params: SchemeParams, baseVersion = 'default') {
    const m = await this.checkMonth(month);
    const base = await this.live(m, baseVersion);
    const proposed = (await this.analytics.run((engine) => engine.scores(m, params, 'what-if'))) as ScoresJson;
    return { month: m, base: baseVersion, ranking: proposed, changes: compareRankings(base, proposed) };
  }

  /**
   * How far each weight may move before a rank of the month changes, under the proposed parameters:
   * the stability search of analytics/src/stability.ts, kept while the copy does not change.
   */
  async stability(month: string, params: SchemeParams, baseVersion = 'default') {
    const m = await this.checkMonth(month);
    const weights = await this.analytics.cached(`stability:${m}:${JSON.stringify(params)}`, (engine) => engine.stability(m, params));
    return { month: m, base: baseVersion, step: 0.01, bound: 100, weights };
  }

  async publish(month: string, actor: string, version = 'default') {
    const m = await this.checkMonth(month);
    const ranking = await this.live(m, version);
    const saved = await savePublishedRanking(this.db.dataSource, { month: m, schemeVersion: version, dataDigest: await ledgerDigest(this.db.dataSource), publishedBy: actor, ranking });
    this.analytics.invalidate(); // the ranking now carries its published mark
    return saved;
  }

  /** The published ranking beside today's recomputation under the same scheme, with what differs. */
  async publishedVsLive(month: string) {
    const m = await this.checkMonth(month);
    const published = await findPublishedRanking<ScoresJson>(this.db.dataSource, m);
    if (!published) throw new DomainError('NOT_PUBLISHED', `no ranking has been published for ${m}`);
    const live = await this.live(m, published.schemeVersion);
    const digestNow = await ledgerDigest(this.db.dataSource);
    return { month: m, published, live, ledgerChanged: digestNow !== published.dataDigest, changes: compareRankings(published.ranking, live) };
  }
}
