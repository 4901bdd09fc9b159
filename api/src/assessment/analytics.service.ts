import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';
import type { Database } from '../database/data-source.js';
import { DATABASE } from '../common/tokens.js';

/**
 * The analytics engine as the server sees it: one DuckDB copy of the ledger, reloaded when the ledger's
 * version counter (migration LedgerVersion) has moved since it was loaded — whoever wrote — and results
 * cached per version. Concurrent requests share one reload and one computation.
 */
@Injectable()
export class AnalyticsService implements OnModuleDestroy {
  private engine?: AnalyticsEngine;
  private loadedVersion?: string;
  private loading?: Promise<AnalyticsEngine>;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  private async version(): Promise<string> {
    const [r] = await this.db.dataSource.query(`SELECT last_value::text || ':' || is_called::text AS v FROM ledger_version`);
    return r.v;
  }

  /** Forgets computed results; the next read reloads if the ledger changed. */
  invalidate(): void {
    this.cache.clear();
  }

  private async engineFor(version: string): Promise<AnalyticsEngine> {
    if (this.engine && this.loadedVersion === version) return this.engine;
    if (!this.loading) {
      this.loading = (async () => {
        // a fresh copy is swapped in whole, so a query never reads a half-reloaded table
        const v = await this.version();
        const engine = await AnalyticsEngine.create();
        await engine.loadFromLedger(this.db.dataSource);
        const old = this.engine;
        this.engine = engine;
        this.loadedVersion = v;
        this.cache.clear();
        if (old) setTimeout(() => void old.close(), 30_000).unref();
        return engine;
      })().finally(() => { this.loading = undefined; });
    }
    return this.loading;
  }

  async current(): Promise<AnalyticsEngine> {
    return this.engineFor(await this.version());
  }

  /** A computed result, shared by concurrent callers and kept while the ledger does not change. */
  async cached<T>(key: string, compute: (engine: AnalyticsEngine) => Promise<T>): Promise<T> {
    const v = await this.version();
    const k = `${v}|${key}`;
    let hit = this.cache.get(k) as Promise<T> | undefined;
    if (!hit) {
      hit = this.engineFor(v).then(compute);
      this.cache.set(k, hit);
      hit.catch(() => this.cache.delete(k));
    }
    return hit;
  }

  async onModuleDestroy(): Promise<void> {
    await this.loading?.catch(() => undefined);
    await this.engine?.close();
  }
}
