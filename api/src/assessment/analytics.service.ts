import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import path from 'node:path';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';
import type { MonthFigures } from '../../../analytics/src/figures.js';
import { keptFiguresKey } from '../../../analytics/src/kept-figures.js';
import { assessedMonths, loadCampaigns } from '../campaign/campaign.js';
import type { Database } from '../database/data-source.js';
import { DATABASE, ENV } from '../common/tokens.js';
import { NotificationListener } from '../common/notification-listener.js';
import type { Env } from '../config/env.js';
import type { ScoresJson } from '../../../analytics/src/contracts.js';
import { loadScheme } from './scheme-store.js';
import { traceEvent, traceStage } from '../../../analytics/src/stage-trace.js';

// How often the copy checks the ledger when nothing told it of a change: the backstop for a missed
// notification (a dropped LISTEN connection); one indexed query a tick, off the request path.
const BACKSTOP_MS = 1000;
// How long the copy stays unchanged after scores computed incrementally before the whole figures are
// computed and kept for a later start: off the request path, and not after every edit of a burst.
const KEEP_AFTER_MS = 2000;

interface ScoreBase {
  /** the months and scheme parameters they were computed for: anything else is computed whole */
  fits: string;
  scores: ScoresJson[];
  /** the units whose scores refreshes have touched since */
  touched: string[] | 'all';
}

function touchedUnion(a: string[] | 'all', b: string[] | 'all'): string[] | 'all' {
  return a === 'all' || b === 'all' ? 'all' : [...new Set([...a, ...b])];
}

/**
 * The analytics engine as the server sees it: one DuckDB copy of the ledger, kept current by applying
 * the ledger's changes (analytics/src/ledger-refresh.ts), and results cached until the copy changes.
 *
 * A request does not ask the database whether the ledger moved. The copy is checked only after something
 * may have changed it: a write of this process (LedgerWriter calls `invalidate`), a NOTIFY from another
 * process on the same PostgreSQL (the CLI, a second server), or the backstop tick. The embedded folder
 * has one writer, this process, whose NOTIFY arrives by the time its COMMIT returns.
 *
 * A refresh changes the copy in place, so it waits for the computations running on it and holds new
 * ones back until it has committed: a result is computed on one state of the copy, never across two.
 */
@Injectable()
export class AnalyticsService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('analytics');
  private engine?: AnalyticsEngine;
  /** the copy's contents: a cached result belongs to one generation */
  private generation = 0;
  /** bumped whenever the ledger may have changed; the copy is checked when it is behind */
  private epoch = 0;
  private checkedEpoch = -1;
  private pending?: { epoch: number; run: Promise<AnalyticsEngine> };
  private readonly running = new Set<Promise<unknown>>();
  private refreshing?: Promise<unknown>;
  private readonly cache = new Map<string, Promise<unknown>>();
  private listener?: NotificationListener;
  private unlisten?: () => Promise<void>;
  private backstop?: NodeJS.Timeout;
  /**
   * The last scores computed for each scheme version, with the units the refreshes since have touched:
   * the next scores recompute only those units' peers (engine.updatedScores) instead of every unit.
   */
  private readonly scoreBases = new Map<string, ScoreBase>();
  private keepTimer?: NodeJS.Timeout;
  private keeping?: Promise<void>;
  /** abandons the background figures when a refresh begins: they would be of a state already gone */
  private keepAbort?: AbortController;

  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(ENV) private readonly env: Env) {}

  async onModuleInit(): Promise<void> {
    this.backstop = setInterval(() => this.ledgerMayHaveChanged(), BACKSTOP_MS).unref();
    if (this.db.kind === 'postgres' && this.db.url) {
      // a change, a new LISTEN and a lost one all mean "may have changed": a notification sent while away is lost
      const changed = (why: string) => () => {
        traceEvent(`ledger may have changed: ${why}`);
        this.ledgerMayHaveChanged();
      };
      this.listener = new NotificationListener(this.db.url, 'ledger_changed', { notify: changed('notification'), live: changed('LISTEN live'), lost: changed('LISTEN lost') }, (m) => this.log.warn(m));
      this.listener.start();
    } else if (this.db.listen) {
      // embedded: a write of this process that bypasses LedgerWriter (an import) notifies here
      this.unlisten = await this.db.listen('ledger_changed', () => this.ledgerMayHaveChanged());
    }
  }

  /** The ledger may have changed (a notification, the backstop): check before the next result. */
  ledgerMayHaveChanged(): void {
    this.epoch++;
  }

  /** Something the results depend on was written by this process: check the ledger and forget results. */
  invalidate(): void {
    traceEvent('invalidate: a write of this process, results dropped', { cached: this.cache.size });
    this.epoch++;
    this.cache.clear();
  }

  /**
   * The copy, checked against the ledger at least once since `target` (an epoch): a reader asks for the
   * epoch of its arrival, so it sees every write acknowledged before it came, and does not chase writes
   * that come after it (under a stream of writes it would never be served).
   */
  private fresh(target = this.epoch): Promise<AnalyticsEngine> {
    if (this.engine && this.checkedEpoch >= target) return Promise.resolve(this.engine);
    if (this.pending && this.pending.epoch >= target) return this.pending.run;
    // one check at a time: a check asked for later starts after the one running (its snapshot is later)
    const before = this.pending?.run.catch(() => undefined);
    const epoch = this.epoch;
    const run = (async () => {
      await before;
      return this.bringUpTo(epoch);
    })();
    this.pending = { epoch, run };
    run.finally(() => { if (this.pending?.run === run) this.pending = undefined; }).catch(() => undefined);
    return run;
  }

  private async bringUpTo(target: number): Promise<AnalyticsEngine> {
    if (this.engine && this.checkedEpoch >= target) return this.engine;
    const ds = this.db.dataSource;
    if (!this.engine) {
      const engine = await this.createEngine();
      await engine.refresh(ds);
      this.engine = engine;
      this.generation++;
    } else if (await traceStage('stale check', () => this.engine!.stale(ds), (stale) => ({ stale }))) {
      const engine = this.engine;
      // the whole figures being kept in the background (seconds of CPU at nation scale) would only be of
      // the state this refresh replaces: stop them, so that the scoped scores after the edit do not share
      // the cores with them; the quiet after those scores computes them again (keepLater)
      if (this.keepAbort && !this.keepAbort.signal.aborted) {
        traceEvent('kept figures (background) abandoned: a refresh begins');
        this.keepAbort.abort();
      }
      this.refreshing = (async () => {
        await traceStage('refresh: waited for the leases running', () => Promise.allSettled([...this.running]), (r) => ({ leases: r.length }));
        const r = await traceStage('refresh', () => engine.refresh(ds), (x) => ({ replaced: x.replaced, reloaded: x.reloaded, touched: x.touched === 'all' ? 'all' : x.touched.length }));
        for (const base of this.scoreBases.values()) base.touched = touchedUnion(base.touched, r.touched);
      })();
      try {
        await this.refreshing;
      } finally {
        this.refreshing = undefined;
      }
      this.generation++;
      traceEvent('results dropped: the copy changed', { cached: this.cache.size, generation: this.generation });
      this.cache.clear();
    }
    this.checkedEpoch = Math.max(this.checkedEpoch, target);
    return this.engine;
  }

  /**
   * The engine on the persisted copy of ANALYTICS_DIR (a start replays the changes since it), or in
   * memory when there is none or another process holds its file (a second server on the same folder).
   */
  private async createEngine(): Promise<AnalyticsEngine> {
    if (!this.env.analyticsDir) return AnalyticsEngine.create();
    const file = path.join(this.env.analyticsDir, 'ledger-copy.duckdb');
    try {
      return await AnalyticsEngine.create({ file, log: (m) => this.log.warn(m) });
    } catch (e) {
      this.log.warn(`analytics copy ${file} not used, the copy is kept in memory: ${(e as Error).message.split('\n')[0]}`);
      return AnalyticsEngine.create();
    }
  }

  /** Runs `work` on a current copy that no refresh changes while it runs. */
  async run<T>(work: (engine: AnalyticsEngine) => Promise<T>): Promise<T> {
    const engine = await this.leasable();
    return this.lease(engine, work);
  }

  private async leasable(): Promise<AnalyticsEngine> {
    const target = this.epoch;
    await this.fresh(target);
    // a refresh applying changes in place: wait for it to commit (it is short) rather than read across it
    while (this.refreshing) await this.refreshing.catch(() => undefined);
    return this.engine!;
  }

  // Registered in the same turn as the check above, so a refresh starting later waits for it.
  private lease<T>(engine: AnalyticsEngine, work: (engine: AnalyticsEngine) => Promise<T>): Promise<T> {
    const p = work(engine);
    this.running.add(p);
    p.finally(() => this.running.delete(p)).catch(() => undefined);
    return p;
  }

  /** A computed result, shared by concurrent callers and kept while the copy does not change. */
  async cached<T>(key: string, compute: (engine: AnalyticsEngine) => Promise<T>): Promise<T> {
    const engine = await this.leasable();
    const k = `${this.generation}|${key}`;
    let hit = this.cache.get(k) as Promise<T> | undefined;
    if (!hit) {
      hit = this.lease(engine, compute);
      this.cache.set(k, hit);
      hit.catch(() => this.cache.delete(k));
    }
    return hit;
  }

  /**
   * One assessed month's dispatch tables and scores under a scheme. Every month of the campaign is
   * computed in one pass (the engine's figures: the cost of one month), and shared by the ranking, the
   * trend, the dispatch tables and the exports until the copy changes. Callers check the month first.
   */
  async monthFigures(month: string, version = 'default'): Promise<MonthFigures> {
    const found = (await this.allFigures(version)).find((f) => f.month === month);
    if (found) return found;
    // not an assessed month: the engine refuses it in its own words
    const scheme = await loadScheme(this.db.dataSource, version);
    const [one] = await this.run((engine) => engine.figures([month], scheme.params, scheme.version));
    return one;
  }

  /** Every assessed month's figures under a scheme version, for this state of the copy. */
  private allFigures(version: string): Promise<MonthFigures[]> {
    return this.cached(`figures:${version}`, async (engine) => {
      const { scheme, months, fits } = await this.scoresFor(version);
      // a start on a persisted copy whose ledger has not changed serves the figures it kept
      const key = keptFiguresKey(months, scheme.params, scheme.version);
      let figures = await engine.keptFigures(this.db.dataSource, key);
      if (!figures) {
        figures = await traceStage(`whole figures (asked): ${months.length} months computed`, () => engine.figures(months, scheme.params, scheme.version));
        await engine.keepFigures(key, figures).catch((e: Error) => this.log.warn(`figures not kept with the analytics copy: ${e.message}`));
      }
      // under the lease: no refresh has touched a unit since these scores
      this.scoreBases.set(version, { fits, scores: figures.map((f) => f.scores), touched: [] });
      return figures;
    });
  }

  /** A scheme version's parameters and every campaign's assessed months (each computed with its campaign). */
  private async scoresFor(version: string) {
    const scheme = await loadScheme(this.db.dataSource, version);
    const months = (await loadCampaigns(this.db.dataSource)).flatMap(assessedMonths);
    return { scheme, months, fits: JSON.stringify({ months, params: scheme.params, version: scheme.version }) };
  }

  /**
   * One assessed month's scores under a scheme: the whole figures' when they are computed for this state
   * of the copy, else the previous scores with only the rankings of the touched units' parents recomputed
   * (engine.updatedScores: after an edit, a few parents instead of every unit), else the whole figures.
   */
  async monthScores(month: string, version = 'default'): Promise<ScoresJson> {
    const all = await this.derived(`scores:${version}`, async () => {
      const whole = this.cache.get(`${this.generation}|figures:${version}`) as Promise<MonthFigures[]> | undefined;
      if (whole) return (await whole).map((f) => f.scores);
      const { scheme, months, fits } = await this.scoresFor(version);
      // the base is read and replaced under one lease, so that no refresh's touched units are lost between
      const updated = await this.run(async (engine) => {
        const base = this.scoreBases.get(version);
        if (!base || base.fits !== fits) return undefined;
        const scores = await traceStage('scoped scores', () => engine.updatedScores(months, scheme.params, scheme.version, base.scores, base.touched),
          () => ({ touched: base.touched === 'all' ? 'all' : base.touched.length }));
        this.scoreBases.set(version, { fits, scores, touched: [] });
        return scores;
      });
      if (updated) this.keepLater(version);
      return updated ?? (await this.allFigures(version)).map((f) => f.scores);
    });
    return all.find((s) => s.month === month) ?? (await this.monthFigures(month, version)).scores;
  }

  /**
   * The whole figures, computed and kept with the persisted copy once it has been quiet KEEP_AFTER_MS after
   * an incremental recompute of the scores: a restart then serves them at once, and the dispatch tables
   * are ready for this state of the copy. No lease is held, so a refresh never waits for this work.
   */
  private keepLater(version: string): void {
    clearTimeout(this.keepTimer);
    this.keepTimer = setTimeout(() => {
      const before = this.keeping ?? Promise.resolve();
      this.keeping = before.then(() => this.keepWhole(version)).catch((e: Error) => this.log.warn(`figures not kept with the analytics copy: ${e.message}`));
    }, KEEP_AFTER_MS);
    this.keepTimer.unref();
  }

  private async keepWhole(version: string): Promise<void> {
    const engine = this.engine;
    const generation = this.generation;
    // a copy in memory keeps nothing for a start: its dispatch tables are computed when asked
    if (!engine?.persisted || this.cache.has(`${generation}|figures:${version}`)) return;
    // read before the figures' transactions begin: a refresh committed meanwhile only makes them look older
    const snapshot = engine.copySnapshot;
    const { scheme, months } = await this.scoresFor(version);
    const abort = new AbortController();
    this.keepAbort = abort;
    let figures: MonthFigures[];
    try {
      figures = await traceStage(`kept figures (background): ${months.length} months computed`, () => engine.figures(months, scheme.params, scheme.version, abort.signal));
    } catch (e) {
      if (abort.signal.aborted) return; // a refresh began: not an error, and not worth keeping
      throw e;
    } finally {
      if (this.keepAbort === abort) this.keepAbort = undefined;
    }
    await traceStage('kept figures (background): written', () => engine.keepFigures(keptFiguresKey(months, scheme.params, scheme.version), figures, snapshot));
    // no refresh has committed since the snapshot: they are this state's figures, for the dispatch tables
    if (engine.copySnapshot === snapshot && this.generation === generation && !this.refreshing) {
      const k = `${generation}|figures:${version}`;
      if (!this.cache.has(k)) this.cache.set(k, Promise.resolve(figures));
    }
  }

  /**
   * A value made from other cached results, with no engine work of its own (a ranking with its movement):
   * kept, like them, while the copy does not change. Never holds a lease, so it may read cached results.
   */
  async derived<T>(key: string, make: () => Promise<T>): Promise<T> {
    await this.leasable();
    const k = `${this.generation}|${key}`;
    let hit = this.cache.get(k) as Promise<T> | undefined;
    if (!hit) {
      hit = make();
      this.cache.set(k, hit);
      hit.catch(() => this.cache.delete(k));
    }
    return hit;
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.backstop);
    clearTimeout(this.keepTimer);
    await this.keeping;
    await this.listener?.stop();
    await this.unlisten?.().catch(() => undefined);
    await this.pending?.run.catch(() => undefined);
    await Promise.allSettled([...this.running]);
    await this.engine?.close();
  }
}
