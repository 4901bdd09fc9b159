import fs from 'node:fs';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import type { DataSource } from 'typeorm';
import { DEFAULT_SCHEME, type SchemeParams } from './default-scheme.js';
import { monthCalendar } from './calendar.js';
import { ConnectionPool } from './connection-pool.js';
import type { CalendarJson, CoverageJson, DispatchJson, OneCaseThreeChecks, ScoreRow, ScoresJson, TraceJson } from './contracts.js';
import { computeCoverage } from './coverage.js';
import { explainUnit, type Explanation } from './explain.js';
import { computeFigures, probeScores, usedParams, type FigureParts, type MonthFigures } from './figures.js';
import { weightStability, type StabilityOptions, type WeightStability } from './stability.js';
import { copyLedger, copyTables, LEDGER_TABLES, type CopyOptions, type LedgerTable } from './ledger-loader.js';
import { createMarker, fitsLedger, ledgerIdentity, openCopyFile, writeMarker, type StoredCopy } from './persisted-copy.js';
import { ledgerChangedSince, refreshFromLedger, type LedgerSnapshot, type RefreshOptions, type RefreshResult } from './ledger-refresh.js';
import { monthWindow, type MonthWindow } from './month-window.js';
import { derivedFrom, rebuildDerived, upkeepDerived } from './prepare.js';
import { cutToScope, mergeScores, scoreScope } from './scoped-scores.js';
import type { QueryFile } from './query-file.js';
import { sqlFile } from './sql-files.js';
import { traceEvent, traceStage, tracing } from './stage-trace.js';
import { computeTrace, oneCaseThreeChecks } from './trace.js';
import { jsonRows, type JsonRow } from './types.js';

// Run once when the engine starts, in this order: the ledger tables, then the macros the queries use.
export const DEFINITIONS = [
  'schema.sql',
  'macros.sql',
  'scoring/hazard-outcomes.sql',
  'scoring/enterprise-checks.sql',
  'scoring/leader-months.sql',
  'scoring/owed-submissions.sql',
  'scoring/missed-feedback.sql',
  'scoring/missed-hazards.sql',
  'prepare/shared/window-inspection-firsts.sql',
  'prepare/shared/window-hazard-months.sql',
  'kept-figures/schema.sql',
];

/** The engine's setting against DuckDB's checkpoint at a commit (create says why); the bench's load uses it too. */
export const NO_AUTOMATIC_CHECKPOINT = `SET GLOBAL checkpoint_threshold = '1000GB'`;

// Two statements at a time: each holds a libuv thread (4 by default) and DuckDB parallelises inside a
// statement anyway; the rest of the process keeps the other threads.
const QUERY_CONNECTIONS = 2;

export interface EngineOptions {
  /**
   * A DuckDB file that keeps the copy between starts (persisted-copy.ts): the next engine on it replays
   * the ledger's changes since the copy instead of loading it whole. In memory when absent.
   */
  file?: string;
  /** told why a persisted copy was thrown away (it is then loaded whole) */
  log?: (message: string) => void;
}

/**
 * The analytics store: a DuckDB copy of the ledger (in memory, or persisted in a file) and the figures
 * computed from it (dispatch tables, scores and ranking, traceback). Kept apart from the ORM (STYLE.md,
 * after twenty).
 */
export class AnalyticsEngine {
  private loading: Promise<unknown> = Promise.resolve();
  /** the PostgreSQL snapshot the copy reflects, once loaded from a ledger */
  private snapshot?: LedgerSnapshot;
  /** a persisted copy not yet checked against the ledger (the first refresh does) */
  private stored?: StoredCopy;
  /** the ledger the persisted copy is read from, once known */
  private ledger?: string;
  /** the checkpoints asked for, one after another (checkpointSoon) */
  private checkpointing: Promise<void> = Promise.resolve();
  /** the connection they run on: neither a refresh's nor a query's */
  private checkpointer?: DuckDBConnection;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly loader: DuckDBConnection,
    private readonly pool: ConnectionPool,
    private readonly o: EngineOptions,
  ) {}

  static async create(o: EngineOptions = {}): Promise<AnalyticsEngine> {
    const opened = o.file ? await openCopyFile(o.file) : { instance: await DuckDBInstance.create(':memory:'), fresh: true, discarded: undefined, stored: undefined };
    if (opened.discarded) o.log?.(`analytics copy ${o.file}: made anew, ${opened.discarded}`);
    const loader = await opened.instance.connect();
    // DuckDB checkpoints at the commit that takes its WAL past a threshold (16 MB): after a load of the
    // whole copy that is a rewrite of every table inside the load's commit, 10 s (file) to 38 s (memory)
    // at nation scale before the first figures. The engine checkpoints itself instead, after the writes
    // that need it, in the background (checkpointSoon); DuckDB still checkpoints at close.
    await loader.run(NO_AUTOMATIC_CHECKPOINT);
    if (opened.fresh) {
      // with the marker, in one transaction: a file whose start was cut short holds no marker and is made anew
      await loader.run('BEGIN TRANSACTION');
      for (const file of DEFINITIONS) await loader.run(sqlFile(file));
      await rebuildDerived(loader);
      if (o.file) await createMarker(loader);
      await loader.run('COMMIT');
    }
    const engine = new AnalyticsEngine(opened.instance, loader, await ConnectionPool.open(opened.instance, QUERY_CONNECTIONS), o);
    engine.stored = opened.stored;
    return engine;
  }

  /**
   * What every load and refresh writes in the transaction of its rows: the derived tables when their base
   * tables changed (prepare.ts) and, for a persisted copy, the marker. Together they commit or not at all,
   * so neither a reader nor a restart after a crash sees new rows with old derived tables.
   */
  private async persisting(ds: DataSource): Promise<RefreshOptions> {
    const ledger = this.o.file ? (this.ledger ??= await ledgerIdentity(ds)) : undefined;
    return {
      stamp: async (conn, snapshot, tables) => {
        if (derivedFrom(tables)) await rebuildDerived(conn, tables);
        if (ledger) await writeMarker(conn, ledger, snapshot);
      },
      // changed rows applied one by one: the derived rows they name are kept up, not the tables rebuilt
      stampChanges: async (conn, snapshot, tables) => {
        if (derivedFrom(tables)) await upkeepDerived(conn, tables);
        if (ledger) await writeMarker(conn, ledger, snapshot);
      },
    };
  }

  /** Copies the whole ledger from PostgreSQL (or PGlite) into the engine, replacing what it held. */
  async loadFromLedger(ds: DataSource): Promise<{ rows: number; ms: number }> {
    const run = this.loading.then(async () => {
      const started = performance.now();
      const replacing = this.snapshot !== undefined;
      const r = await copyLedger(ds, this.loader, LEDGER_TABLES, await this.persisting(ds));
      this.snapshot = r.snapshot;
      this.stored = undefined;
      this.checkpointAfterLoad(replacing);
      return { rows: r.rows, ms: Math.round(performance.now() - started) };
    });
    this.loading = run.catch(() => undefined);
    return run;
  }

  /** Whether the ledger has changed since the copy was taken (always true before a first load). */
  async stale(ds: DataSource): Promise<boolean> {
    return !this.snapshot || ledgerChangedSince(ds, this.snapshot);
  }

  /**
   * Applies the ledger's changes since the copy was taken: the changed rows only, or the changed tables
   * whole after a bulk write (ledger-refresh.ts). The first refresh of a persisted copy that fits the
   * ledger starts from the file's snapshot; when nothing was loaded yet, loads everything.
   */
  async refresh(ds: DataSource): Promise<RefreshResult> {
    const run = this.loading.then(async () => {
      const persisting = await this.persisting(ds);
      if (!this.snapshot && this.stored) {
        const stored = this.stored;
        this.stored = undefined;
        const unfit = await fitsLedger(ds, stored, this.ledger!);
        if (unfit) this.o.log?.(`analytics copy ${this.o.file}: loaded whole, ${unfit}`);
        else this.snapshot = stored.snapshot;
      }
      if (!this.snapshot) {
        const started = performance.now();
        const r = await copyLedger(ds, this.loader, LEDGER_TABLES, persisting);
        this.snapshot = r.snapshot;
        this.checkpointAfterLoad(false);
        return { snapshot: r.snapshot, replaced: {}, reloaded: [...LEDGER_TABLES], touched: 'all' as const, ms: Math.round(performance.now() - started) };
      }
      const walBefore = this.walBytes();
      const r = await refreshFromLedger(ds, this.loader, this.snapshot, persisting);
      // a WAL that shrank was checkpointed into the file by this refresh's commit, on the request path
      if (tracing() && this.o.file) traceEvent('refresh: copy WAL bytes before, after', [walBefore, this.walBytes()]);
      this.snapshot = r.snapshot;
      if (r.reloaded.length > 0) this.checkpointAfterLoad(true);
      return r;
    });
    this.loading = run.catch(() => undefined);
    return run;
  }

  /**
   * Replaces the copy of some tables only (after an import or an edit touched them). Reloads run one
   * after the other; queries meanwhile read the previous copy until a reload commits.
   */
  async reloadTables(ds: DataSource, tables: readonly LedgerTable[]): Promise<{ rows: number; ms: number }> {
    const run = this.loading.then(async () => {
      const started = performance.now();
      const rows = await copyTables(ds, this.loader, tables, { stamp: async (conn, _read, t) => { if (derivedFrom(t)) await rebuildDerived(conn, t); } });
      this.checkpointAfterLoad(true);
      return { rows, ms: Math.round(performance.now() - started) };
    });
    this.loading = run.catch(() => undefined);
    return run;
  }

  /**
   * After a load: a persisted copy's rows go into its file, and the rows a load replaced are reclaimed
   * (DuckDB vacuums deleted rows only at a checkpoint, in memory too). A first load into an empty copy in
   * memory has neither to do.
   */
  private checkpointAfterLoad(replacedRows: boolean): void {
    // A persisted copy is checkpointed after its kept figures, which follow the first figures: a
    // checkpoint holds back every commit while it runs (a whole copy's takes 30 s of CPU at nation), and
    // the first figures' kept-figures commit must not wait for it.
    if (replacedRows && !this.o.file) this.checkpointSoon('a load');
  }

  /**
   * A checkpoint in the background, after those asked for before it: queries go on meanwhile (a checkpoint
   * does not block readers); a refresh's commit may wait for it. A failure is told and left to the next
   * checkpoint, or to DuckDB's at close: the copy itself is whole either way (the WAL holds what the file
   * does not).
   */
  private checkpointSoon(after: string): void {
    this.checkpointing = this.checkpointing.then(async () => {
      this.checkpointer ??= await this.instance.connect();
      const conn = this.checkpointer;
      await traceStage(`copy checkpointed (after ${after})`, () => conn.run('CHECKPOINT'), () => ({ walBytes: this.walBytes() }));
    }).catch((e: Error) => this.o.log?.(`analytics copy: checkpoint after ${after} failed (DuckDB checkpoints at close): ${e.message.split('\n')[0]}`));
  }

  /** Once the loads, refreshes and background checkpoints asked for so far are done (tests, the bench). */
  async settled(): Promise<void> {
    await this.loading;
    await this.checkpointing;
  }

  private walBytes(): number | undefined {
    try {
      return fs.statSync(`${this.o.file}.wal`).size;
    } catch {
      return undefined;
    }
  }

  /** Runs one query file of analytics/sql with named parameters; JSON rows (analytics/src/types.ts). */
  readonly query: QueryFile = async (file: string, params: Record<string, DuckDBValue>): Promise<JsonRow[]> => {
    const sql = sqlFile(file);
    return this.pool.use(async (conn) => jsonRows(await conn.runAndReadAll(sql, usedParams(sql, params))));
  };

  /** The months' windows (monthWindow's checks and messages), before a connection is taken for the figures. */
  private async windows(months: string[]): Promise<MonthWindow[]> {
    const out: MonthWindow[] = [];
    for (const month of months) out.push(await monthWindow(this.query, month));
    return out;
  }

  private async computeFigures(months: string[], scheme: SchemeParams, version: string, parts: FigureParts, signal?: AbortSignal): Promise<MonthFigures[]> {
    const windows = await this.windows(months);
    return this.pool.use(async (conn) => {
      signal?.throwIfAborted();
      // the statement running is interrupted (DuckDB checks between its chunks); the transaction rolls back
      const stop = () => conn.interrupt();
      signal?.addEventListener('abort', stop);
      try {
        const figures = await computeFigures(conn, windows, scheme, version, parts);
        signal?.throwIfAborted();
        return figures;
      } finally {
        signal?.removeEventListener('abort', stop);
      }
    });
  }

  /**
   * The dispatch tables (调度表) and scores (打分排队) of several months, in the order asked: all the months
   * of a campaign in a few statements (analytics/src/figures.ts), each as dispatch() and scores() give it.
   * `signal` abandons them (work in the background that a newer state of the copy makes useless): the
   * statement running is interrupted and the promise rejects.
   */
  async figures(months: string[], scheme: SchemeParams, schemeVersion = 'default', signal?: AbortSignal): Promise<MonthFigures[]> {
    return this.computeFigures(months, scheme, schemeVersion, { dispatch: true, scores: true }, signal);
  }

  /**
   * Figures this persisted copy kept for `key` (kept-figures.ts), when the ledger has not changed since
   * the snapshot they were computed at; undefined otherwise, and always for a copy in memory.
   */
  async keptFigures(ds: DataSource, key: string): Promise<MonthFigures[] | undefined> {
    if (!this.o.file) return undefined;
    const [row] = await this.query('kept-figures/read.sql', { key });
    if (!row || await ledgerChangedSince(ds, row.snapshot as string)) return undefined;
    return JSON.parse(row.body as string) as MonthFigures[];
  }

  /** Whether the copy is kept in a file (it keeps figures for a later start). */
  get persisted(): boolean {
    return this.o.file !== undefined;
  }

  /** The PostgreSQL snapshot the copy reflects now (undefined before a first load). */
  get copySnapshot(): LedgerSnapshot | undefined {
    return this.snapshot;
  }

  /**
   * Keeps `figures` for a later start (a persisted copy only), as computed at `snapshot`: by default the
   * copy's now, for a caller that holds the copy still (AnalyticsService's lease). A caller that computed
   * them without a lease passes the snapshot it read before it began: a refresh committed meanwhile makes
   * the kept figures look older than they are, so a start computes them again, never serves them stale.
   */
  async keepFigures(key: string, figures: MonthFigures[], snapshot = this.snapshot): Promise<void> {
    if (!this.o.file || !snapshot) return;
    const params = { key, snapshot, body: JSON.stringify(figures) };
    await this.pool.use(async (conn) => {
      await conn.run('BEGIN TRANSACTION');
      try {
        await conn.run(sqlFile('kept-figures/forget.sql'));
        await conn.run(sqlFile('kept-figures/keep.sql'), params);
        await conn.run('COMMIT');
        if (tracing()) traceEvent('kept figures committed: JSON bytes, copy WAL bytes after', [params.body.length, this.walBytes()]);
      } catch (e) {
        await conn.run('ROLLBACK');
        throw e;
      }
    });
    // The figures' JSON (megabytes at nation scale) is in the WAL now, with the edits since the last
    // checkpoint: folded into the file in the background, not by a later refresh's commit (create)
    this.checkpointSoon('kept figures');
  }

  /** The scores of several months (the dispatch tables not computed): what the ranking needs after an edit. */
  async monthsScores(months: string[], scheme: SchemeParams, schemeVersion = 'default'): Promise<ScoresJson[]> {
    return (await this.computeFigures(months, scheme, schemeVersion, { dispatch: false, scores: true })).map((f) => f.scores);
  }

  /**
   * `base` (the scores of `months` before the refreshes that named `touched`) brought up to the copy as it
   * is now: only the rankings of the parents of touched units are recomputed (scoped-scores.ts), all of
   * them when `touched` is 'all'. Equal to monthsScores, at a fraction of its cost after a small edit.
   */
  async updatedScores(months: string[], scheme: SchemeParams, schemeVersion: string, base: ScoresJson[], touched: readonly string[] | 'all'): Promise<ScoresJson[]> {
    if (touched === 'all') return this.monthsScores(months, scheme, schemeVersion);
    const scope = await traceStage('scoped scores: scope', () => scoreScope(this.query, touched), (s) => ({ touched: touched.length, units: s.units.length, parents: s.parents.size }));
    if (scope.units.length === 0) return base;
    const prelude = (conn: DuckDBConnection) => traceStage('scoped scores: copy cut to the scope', () => cutToScope(conn, scope));
    const fresh = await traceStage(`scoped scores: ${months.length} months computed`,
      async () => (await this.computeFigures(months, scheme, schemeVersion, { dispatch: false, scores: true, prelude })).map((f) => f.scores));
    return traceStage('scoped scores: merged', async () => mergeScores(base, fresh, scope));
  }

  /** The dispatch tables (调度表) as of the end of `month` (bundle.md's dispatch JSON). */
  async dispatch(month: string): Promise<DispatchJson> {
    const [f] = await this.computeFigures([month], DEFAULT_SCHEME, 'default', { dispatch: true, scores: false });
    return f.dispatch;
  }

  /** Scores and ranking (打分排队) of the county-level units for `month` (bundle.md's scores JSON). */
  async scores(month: string, scheme: SchemeParams, schemeVersion = 'default'): Promise<ScoresJson> {
    const [f] = await this.computeFigures([month], scheme, schemeVersion, { dispatch: false, scores: true });
    return f.scores;
  }

  /**
   * How far each scheme weight may move before a rank of `month` changes (stability.ts), the counts
   * computed once and scores.sql run for each probe, all on one snapshot of the copy.
   */
  async stability(month: string, scheme: SchemeParams, o: StabilityOptions = {}): Promise<WeightStability[]> {
    return this.probe(month, scheme, (scoresAt) => weightStability(scheme, scoresAt, o));
  }

  /** `work` given the month's score rows under schemes that differ from `scheme` in weights only (figures.ts probeScores). */
  async probe<T>(month: string, scheme: SchemeParams, work: (scoresAt: (s: SchemeParams) => Promise<ScoreRow[]>) => Promise<T>): Promise<T> {
    const w = await monthWindow(this.query, month);
    return this.pool.use((conn) => probeScores(conn, w, scheme, work));
  }

  /** The records behind each count of one unit's score for `month`. */
  async explain(unit: string, month: string, scheme: SchemeParams, scores?: ScoresJson): Promise<Explanation> {
    // the month's scores under `scheme`, when the caller has them already (the server caches them)
    const s = scores ?? await this.scores(month, scheme, 'explain');
    return explainUnit(this.query, await monthWindow(this.query, month), unit, scheme, s);
  }

  /** 月度日历: the month's due dates of every county-level unit, met, open or overdue as of `asOf` (a CST day). */
  async calendar(month: string, asOf: string): Promise<CalendarJson> {
    return monthCalendar(this.query, await monthWindow(this.query, month), asOf);
  }

  /** The traceback lists (责任追溯) as of the end of `month`; `missed` under the scheme's lookback. */
  async trace(month: string, scheme: SchemeParams = DEFAULT_SCHEME): Promise<TraceJson> {
    return computeTrace(this.query, await monthWindow(this.query, month), scheme);
  }

  /** The phases and each county-level unit's inspection coverage duties as of the end of `month`. */
  async coverage(month: string): Promise<CoverageJson> {
    return computeCoverage(this.query, await monthWindow(this.query, month));
  }

  /** 一案三查 for one hazard: the enterprise's main leader, the supervising unit's leaders. */
  async oneCaseThreeChecks(ledgerNo: string): Promise<OneCaseThreeChecks> {
    return oneCaseThreeChecks(this.query, ledgerNo);
  }

  async close(): Promise<void> {
    await this.settled();
    this.checkpointer?.closeSync();
    await this.pool.close();
    this.loader.closeSync();
    this.instance.closeSync();
  }
}
