import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { AnalyticsEngine } from '../../../analytics/src/engine.js';
import type { Database } from '../database/data-source.js';
import { DATABASE } from '../common/tokens.js';

/**
 * The analytics engine as the server sees it: one DuckDB copy of the ledger, reloaded after a write
 * (lazily, once, however many requests wait), and results cached until the next write.
 */
@Injectable()
export class AnalyticsService implements OnModuleDestroy {
  private engine?: AnalyticsEngine;
  private loading?: Promise<AnalyticsEngine>;
  private generation = 0;
  private loadedGeneration = -1;
  private readonly cache = new Map<string, Promise<unknown>>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** Call after every ledger write: the next read reloads. */
  invalidate(): void {
    this.generation++;
    this.cache.clear();
  }

  async current(): Promise<AnalyticsEngine> {
    if (this.engine && this.loadedGeneration === this.generation) return this.engine;
    if (!this.loading) {
      const gen = this.generation;
      this.loading = (async () => {
        // a fresh copy is swapped in whole, so a query never reads a half-reloaded table
        const engine = await AnalyticsEngine.create();
        await engine.loadFromLedger(this.db.dataSource);
        const old = this.engine;
        this.engine = engine;
        if (old) setTimeout(() => void old.close(), 30_000).unref();
        this.loadedGeneration = gen;
        return engine;
      })().finally(() => { this.loading = undefined; });
    }
    return this.loading;
  }

  /** A computed result, shared by concurrent callers and kept until the ledger changes. */
  cached<T>(key: string, compute: (engine: AnalyticsEngine) => Promise<T>): Promise<T> {
    let hit = this.cache.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = this.current().then(compute);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  async onModuleDestroy(): Promise<void> {
    await this.loading?.catch(() => undefined);
    await this.engine?.close();
  }
}
