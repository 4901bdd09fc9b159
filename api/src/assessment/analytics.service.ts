import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';
import type { Database } from '../database/data-source.js';
import { DATABASE } from '../common/tokens.js';
import { LedgerListener } from './ledger-listener.js';

// How often the copy checks the ledger when nothing told it of a change: the backstop for a missed
// notification (a dropped LISTEN connection); one indexed query a tick, off the request path.
const BACKSTOP_MS = 1000;

/**
 * The analytics engine as the server sees it: one DuckDB copy of the ledger, kept current by applying
 * the ledger's changes (analytics/src/ledger-refresh.ts), and results cached until the copy changes.
 *
 * A request does not ask the database whether the ledger moved. The copy is checked only after something
 * may have changed it: a write of this process (LedgerWriter calls `invalidate`), a NOTIFY from another
 * process on the same PostgreSQL (the CLI, a second server), or the backstop tick. The embedded folder
 * has one writer, this process.
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
  private listener?: LedgerListener;
  private backstop?: NodeJS.Timeout;

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  onModuleInit(): void {
    this.backstop = setInterval(() => this.ledgerMayHaveChanged(), BACKSTOP_MS).unref();
    if (this.db.kind === 'postgres' && this.db.url) {
      this.listener = new LedgerListener(this.db.url, () => this.ledgerMayHaveChanged(), (m) => this.log.warn(m));
      this.listener.start();
    }
  }

  /** The ledger may have changed (a notification, the backstop): check before the next result. */
  ledgerMayHaveChanged(): void {
    this.epoch++;
  }

  /** Something the results depend on was written by this process: check the ledger and forget results. */
  invalidate(): void {
    this.epoch++;
    this.cache.clear();
  }

  /** The copy, brought up to date when something may have changed since it was last checked. */
  private fresh(): Promise<AnalyticsEngine> {
    if (this.engine && this.checkedEpoch === this.epoch) return Promise.resolve(this.engine);
    const target = this.epoch;
    if (this.pending?.epoch === target) return this.pending.run;
    // one check at a time: a check asked for later starts after the one running (its snapshot is later)
    const before = this.pending?.run.catch(() => undefined);
    const run = (async () => {
      await before;
      return this.bringUpTo(target);
    })();
    this.pending = { epoch: target, run };
    run.finally(() => { if (this.pending?.run === run) this.pending = undefined; }).catch(() => undefined);
    return run;
  }

  private async bringUpTo(target: number): Promise<AnalyticsEngine> {
    if (this.engine && this.checkedEpoch >= target) return this.engine;
    const ds = this.db.dataSource;
    if (!this.engine) {
      const engine = await AnalyticsEngine.create();
      await engine.refresh(ds);
      this.engine = engine;
      this.generation++;
    } else if (await this.engine.stale(ds)) {
      const engine = this.engine;
      this.refreshing = (async () => {
        await Promise.allSettled([...this.running]);
        await engine.refresh(ds);
      })();
      try {
        await this.refreshing;
      } finally {
        this.refreshing = undefined;
      }
      this.generation++;
      this.cache.clear();
    }
    this.checkedEpoch = Math.max(this.checkedEpoch, target);
    return this.engine;
  }

  /** Runs `work` on a current copy that no refresh changes while it runs. */
  async run<T>(work: (engine: AnalyticsEngine) => Promise<T>): Promise<T> {
    const engine = await this.leasable();
    return this.lease(engine, work);
  }

  private async leasable(): Promise<AnalyticsEngine> {
    let engine = await this.fresh();
    while (this.refreshing) {
      await this.refreshing.catch(() => undefined);
      engine = await this.fresh();
    }
    return engine;
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

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.backstop);
    await this.listener?.stop();
    await this.pending?.run.catch(() => undefined);
    await Promise.allSettled([...this.running]);
    await this.engine?.close();
  }
}
