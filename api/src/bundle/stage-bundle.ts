import { createHash, type Hash } from 'node:crypto';
import type pg from 'pg';
import type { EntityManager } from 'typeorm';
import { copyCapableClient } from '../../../analytics/src/pg-copy.js';
import { BUNDLE_FILES, sqlType, type FileSpec, type TableName } from './bundle-files.js';
import type { ProblemList } from './bundle-problem.js';
import { setImmediate as turn } from 'node:timers/promises';
import { pieceChecker, type BundleRecord } from './bundle-records.js';
import { copyIn } from './copy-rows.js';
import { copyText, STAGING_META, type CheckedPiece } from './checked-piece.js';
import type { RawTable } from './raw-table.js';

// The streaming import (issue 14): each file, or each 8 MB piece of a large one, has its cells checked
// in JS (bundle-records.ts) and its records go straight into a staging table of their own, inside the
// import's transaction; nothing per row stays in this process. Every check across records, and the
// write, then work on these tables in SQL (check-bundle.ts, write-bundle.ts).
//
// bundle_<table> holds, per record: the line it starts on, the columns whose cell was wrong (already
// reported; later checks leave them alone), `first` (its key could be read and no earlier record has
// the same key: the record that stands for that key), `in_db` (its key was already in the ledger, set
// just before the write), then the file's columns as the ledger stores them (a wrong cell is NULL).

/** One bundle file once staged: what the checks and the write need to know of it besides its rows. */
export interface StagedFile {
  spec: FileSpec;
  label: string;
  /** the columns the file has: a correction changes only these */
  present: ReadonlySet<string>;
  /** required columns the header lacks (reported once): NULL in every record, even over the database's value */
  missing: ReadonlySet<string>;
  rows: number;
  /** sha256 of the records as staged: their COPY text lines, in the file's order (audit/import-entries.ts) */
  digest: Hash;
  /** a unique index on its key holds (index()): no two records share a key, and the duplicate check has nothing to find */
  keysUnique?: boolean;
}

export const stagingTable = (table: TableName) => `bundle_${table}`;

// PGlite's node-postgres adapter has no COPY streams: there, rows go in by one INSERT per CHUNK rows,
// passed as one jsonb parameter.
const CHUNK = 5000;
/** a staged file this small gets no index and no statistics of its own */
const SMALL_FILE = 1000;
/** rows checked between two turns of the event loop, in which the COPY of the piece before carries on */
const CHECK_SLICE = 2048;

/** the file's columns as the ledger stores them, for a column list with types */
const fileColumns = (spec: FileSpec) => spec.columns.map((c) => `"${c.name}" ${sqlType(c)}`).join(', ');
/** the columns each staged line fills, in copyLine's order */
const stagedColumns = (spec: FileSpec) => [...STAGING_META.map((c) => c.name), ...spec.columns.map((c) => c.name)];

const keyedByOwnKey = (spec: FileSpec) => spec.key.length < spec.columns.length;

/** The staging tables of every bundle file (empty for a file the bundle lacks, so every check's SQL finds them). */
export class BundleStage {
  readonly files: StagedFile[] = [];
  private constructor(private readonly m: EntityManager, private readonly client: pg.ClientBase | undefined) {}

  static async open(m: EntityManager): Promise<BundleStage> {
    for (const spec of BUNDLE_FILES) {
      const meta = STAGING_META.map((c) => `${c.name} ${c.type} NOT NULL`).join(', ');
      await m.query(`DROP TABLE IF EXISTS ${stagingTable(spec.table)}`);
      await m.query(`CREATE TEMP TABLE ${stagingTable(spec.table)} (${meta}, in_db boolean NOT NULL DEFAULT false, ${fileColumns(spec)}) ON COMMIT DROP`);
    }
    return new BundleStage(m, await copyCapableClient(m));
  }

  /** the COPY of the piece before, still running while the next piece is checked */
  private copying: Promise<unknown> = Promise.resolve();
  /** how long the reader waited for PostgreSQL to take in a COPY (HW_IMPORT_STAGES) */
  waitedMs = 0;

  /**
   * Checks one file or piece (its header too, the first time) and stages its records; the reader's `convert`.
   * With COPY, the piece's COPY is left running when this returns: PostgreSQL takes in one piece while
   * the next is checked here (the cell checks pause every CHECK_SLICE rows so its lines keep flowing),
   * two pieces in memory at most. `staged` waits for the last.
   */
  async take(table: RawTable, problems: ProblemList, before?: StagedFile): Promise<StagedFile> {
    const checker = pieceChecker(table, problems, before?.present);
    const records: BundleRecord[] = [];
    for (let i = 0; i < table.rows.length; i++) {
      if (i % CHECK_SLICE === CHECK_SLICE - 1) await turn();
      records.push(checker.check(table.rows[i]));
    }
    const spec = checker.spec;
    const f = this.fileFor(spec, checker.label, checker.present, before);
    f.rows += records.length;
    const text = copyText(spec, records);
    f.digest.update(text);
    if (!this.client) {
      const t = performance.now();
      await this.insertJson(spec, records);
      this.waitedMs += performance.now() - t;
      return f;
    }
    await this.copy(spec, text);
    return f;
  }

  /** Whether pieces can be staged by COPY (takeChecked); PGlite cannot. */
  get copies(): boolean {
    return this.client !== undefined;
  }

  /**
   * Stages a piece checked elsewhere (checked-piece.ts, a worker thread's): the same as `take` gives for
   * the same piece. The pieces of a file come in its order, each after the one before is taken.
   */
  async takeChecked(c: CheckedPiece, before?: StagedFile): Promise<StagedFile> {
    const spec = BUNDLE_FILES.find((s) => s.file === c.file)!;
    const f = this.fileFor(spec, c.label, before?.present ?? new Set(c.present), before);
    f.rows += c.rows;
    f.digest.update(c.copy);
    await this.copy(spec, c.copy);
    return f;
  }

  /** The file a piece belongs to: the one its earlier pieces made, else a new one. */
  private fileFor(spec: FileSpec, label: string, present: ReadonlySet<string>, before?: StagedFile): StagedFile {
    if (before) return before;
    const missing = new Set(spec.columns.filter((c) => c.required && !present.has(c.name)).map((c) => c.name));
    const f: StagedFile = { spec, label, present, missing, rows: 0, digest: createHash('sha256') };
    this.files.push(f);
    return f;
  }

  /**
   * Starts the COPY of a piece's lines once the piece before is in (one COPY at a time on the
   * connection) and leaves it running: a failed one fails at the next piece, or in `staged`.
   */
  private async copy(spec: FileSpec, text: string | Uint8Array): Promise<void> {
    const waitStart = performance.now();
    await this.copying;
    this.waitedMs += performance.now() - waitStart;
    if (text.length === 0) return;
    const copy = copyIn(this.client!, stagingTable(spec.table), stagedColumns(spec), slices(text));
    this.copying = copy;
    copy.catch(() => undefined);
  }

  /** Once the reader is done: the last piece's COPY has finished. */
  async staged(): Promise<void> {
    await this.copying;
  }

  private async insertJson(spec: FileSpec, records: BundleRecord[]): Promise<void> {
    if (records.length === 0) return;
    const first = (r: BundleRecord) => !spec.key.some((k) => r.invalid.has(k));
    const types = [...STAGING_META.map((c) => `${c.name} ${c.type}`), fileColumns(spec)].join(', ');
    const names = stagedColumns(spec).map((c) => `"${c}"`).join(', ');
    const sql = `INSERT INTO ${stagingTable(spec.table)} (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS v(${types})`;
    for (let i = 0; i < records.length; i += CHUNK) {
      const chunk = records.slice(i, i + CHUNK).map((r) => ({ ...r.row, line: r.at.line, invalid: [...r.invalid], first: first(r) }));
      await this.m.query(sql, [JSON.stringify(chunk)]);
    }
  }

  /**
   * Once every file is staged: each key's first record stands for it (a later one is a duplicate,
   * reported by the duplicate check), and the larger files get an index on their key for the checks.
   */
  async index(): Promise<void> {
    const total = this.files.reduce((n, f) => n + f.rows, 0);
    // asked once, at the first file large enough for an index (a small import never asks)
    let version: number | undefined;
    const serverVersion = async () => (version ??= ((await this.m.query(`SELECT current_setting('server_version_num')::int AS v`)) as { v: number }[])[0].v);
    for (const f of this.files) {
      const t = stagingTable(f.spec.table);
      const key = f.spec.key.map((k) => `"${k}"`).join(', ');
      // a few rows are read faster without: these statements are most of a small import's checks. In a
      // large bundle a small file still gets its statistics: without them the planner guessed a 118-row
      // bundle_units large and checked 370 k inspections' units in a nested loop over it (3.4 s, not 0.1 s)
      if (f.rows < SMALL_FILE) {
        if (total >= SMALL_FILE) {
          // the hazard rules look each hazard's inspection up by its key (hazard-rules.sql): unindexed, a
          // small inspections.csv beside a large hazards.csv would be read through once per hazard
          if (keyedByOwnKey(f.spec)) await this.m.query(`CREATE INDEX ON ${t} (${key}) WHERE first`);
          await this.m.query(`ANALYZE ${t}`);
        }
        continue;
      }
      // Nearly every bundle has no key twice. A unique index on the key says so in the one sort that
      // builds it, where the duplicate check sorts and windows every record (18 s at nation): once it
      // holds, that check is skipped. NULLs compare equal in the file (NULLS NOT DISTINCT, PostgreSQL 15).
      // When it does not hold (or cannot be built: a key too long for an index), the check lists them.
      if ((await serverVersion()) >= 150000) f.keysUnique = await this.tryQuery(`CREATE UNIQUE INDEX ON ${t} (${key}) NULLS NOT DISTINCT WHERE first`);
      if (!f.keysUnique && keyedByOwnKey(f.spec)) await this.m.query(`CREATE INDEX ON ${t} (${key}, line)`);
      // the audit reads the keys a file brought a page at a time, in line order (write-bundle.ts)
      await this.m.query(`CREATE INDEX ON ${t} (line)`);
      await this.m.query(`ANALYZE ${t}`);
    }
  }

  /** Runs a statement that may fail without failing the import: whether it succeeded. */
  private async tryQuery(sql: string): Promise<boolean> {
    await this.m.query('SAVEPOINT bundle_try');
    try {
      await this.m.query(sql);
      await this.m.query('RELEASE SAVEPOINT bundle_try');
      return true;
    } catch {
      await this.m.query('ROLLBACK TO SAVEPOINT bundle_try');
      return false;
    }
  }
}

const SLICE = 1 << 20;

/** A piece's COPY bytes in slices of a stream write's size (text whole: a slice could split a surrogate pair). */
function* slices(text: string | Uint8Array): Generator<string | Uint8Array> {
  if (typeof text === 'string') yield text;
  else for (let i = 0; i < text.length; i += SLICE) yield text.subarray(i, i + SLICE);
}
