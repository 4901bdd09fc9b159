import {
  DuckDBDataChunk,
  DuckDBTypeId,
  dateValue,
  decimalValue,
  listValue,
  type DuckDBAppender,
  type DuckDBConnection,
  type DuckDBDecimalType,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import pgCopy from 'pg-copy-streams';
import type { DataSource, EntityManager } from 'typeorm';
import { copyCapableClient } from './pg-copy.js';
import type { LedgerSnapshot } from './ledger-refresh.js';

// Copies ledger tables from PostgreSQL (or PGlite) into the DuckDB tables of analytics/sql/schema.sql.
// The DuckDB catalog says which columns to read and how: each column's DuckDB type picks the select
// expression on the PostgreSQL side and the conversion on the way in, so nothing here names a column.

/** The ledger tables in the order they are loaded. */
export const LEDGER_TABLES = [
  'campaigns', 'campaign_phases', 'units', 'enterprises', 'inspections', 'findings', 'hazards', 'actions', 'leaders',
  'leader_inspections', 'assignments', 'feedback', 'drills', 'submissions',
] as const;
export type LedgerTable = (typeof LEDGER_TABLES)[number];

// The appender takes at most one vector (2048 rows) a chunk.
const CHUNK_ROWS = 2048;
// Rows fetched from PostgreSQL at a time: a national ledger (25M rows) never sits in memory whole.
const FETCH_ROWS = 50_000;

export interface Column {
  name: string;
  type: DuckDBType;
  /** what to select from PostgreSQL for it */
  select: string;
  /** the selected value (as node-postgres returns it, never null here) to a DuckDB value */
  convert: (v: unknown) => DuckDBValue;
  /** the COPY path: what PostgreSQL writes into the CSV, the type DuckDB reads it as, and the DuckDB
   *  expression (of the CSV column named `c`) that gives the column's value; `inner`, a value computed
   *  once per row in an inner select, for `select` to use */
  csv: { select: string; type: string; value: (c: string) => string; inner?: string };
}

function column(name: string, type: DuckDBType, table: string): Column {
  const q = `"${name}"`;
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      // ::text also drops the padding of char(n)
      return { name, type, select: `${q}::text`, convert: (v) => v as string, csv: { select: `${q}::text`, type: 'VARCHAR', value: (c) => c } };
    case DuckDBTypeId.INTEGER:
      return { name, type, select: `${q}::int4`, convert: (v) => v as number, csv: { select: `${q}::int4`, type: 'INTEGER', value: (c) => c } };
    case DuckDBTypeId.BIGINT:
      // int8 arrives as a string from node-postgres: keep it exact
      return { name, type, select: `${q}::text`, convert: (v) => BigInt(v as string), csv: { select: `${q}::int8`, type: 'BIGINT', value: (c) => c } };
    case DuckDBTypeId.BOOLEAN:
      // ::text is 'true'/'false' (COPY itself would write 't'/'f')
      return { name, type, select: q, convert: (v) => v as boolean, csv: { select: `${q}::text`, type: 'BOOLEAN', value: (c) => c } };
    case DuckDBTypeId.DATE:
      // a day count, so that no time zone of the client or the server can shift the calendar day
      // COPY writes the date as YYYY-MM-DD (copyThroughCsv sets DateStyle ISO for its transaction), which
      // DuckDB's CSV reader parses faster than it adds a day count to a date
      return { name, type, select: `(${q} - date '1970-01-01')`, convert: (v) => dateValue(v as number), csv: { select: q, type: 'DATE', value: (c) => c } };
    case DuckDBTypeId.DECIMAL: {
      const { width, scale } = type as DuckDBDecimalType;
      // the scaled integer as text: numeric never passes through a double
      return {
        name, type,
        select: `(${q} * 1${'0'.repeat(scale)})::numeric(38,0)::text`,
        convert: (v) => decimalValue(BigInt(v as string), width, scale),
        // numeric's text is exact, and DuckDB parses it into the decimal without a double in between
        csv: { select: `${q}::text`, type: `DECIMAL(${width},${scale})`, value: (c) => c },
      };
    }
    case DuckDBTypeId.LIST: {
      // On the COPY path, PostgreSQL's own array text ({a,b}) where no element is quoted, which the
      // array output writes at a fraction of to_json's cost and DuckDB splits on its commas; an element
      // that needs quoting (a comma, a quote, a brace, a space, an empty string…) sends its row as JSON.
      // Unquoted, NULL can only be a null element, and the text starts with '{' where JSON starts with '['.
      // The array text is made once, in an inner select (csv.inner) that OFFSET 0 keeps from being
      // merged into the outer one, which would make it twice.
      const list = type.toString();
      const text = `"${name}$text"`;
      return {
        name, type, select: `to_json(${q})::text`, convert: (v) => listValue(JSON.parse(v as string) as string[]),
        csv: {
          inner: `${q}::text AS ${text}`,
          select: `CASE WHEN strpos(${text}, '"') = 0 THEN ${text} ELSE to_json(${q})::text END`,
          type: 'VARCHAR',
          value: (c) => `CASE WHEN ${c} IS NULL THEN NULL WHEN ${c} = '{}' THEN CAST([] AS ${list})
            WHEN starts_with(${c}, '{') THEN CAST(list_transform(string_split(substr(${c}, 2, length(${c}) - 2), ','),
              x -> CASE WHEN x = 'NULL' THEN NULL ELSE x END) AS ${list})
            ELSE CAST(CAST(${c} AS JSON) AS ${list}) END`,
        },
      };
    }
    default:
      throw new Error(`analytics/sql/schema.sql: ${table}.${name} has type ${type.toString()}, which the ledger loader cannot copy`);
  }
}

export async function columnsOf(conn: DuckDBConnection, table: string): Promise<Column[]> {
  const empty = await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`);
  const types = empty.columnTypes();
  return empty.columnNames().map((name, i) => column(name, types[i], table));
}

/** Appends rows (objects keyed by column name) through the appender, one data chunk at a time. */
export function appendRows(appender: DuckDBAppender, columns: Column[], rows: Record<string, unknown>[]): void {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const slice = rows.slice(start, start + CHUNK_ROWS);
    const chunk = DuckDBDataChunk.create(columns.map((c) => c.type), slice.length);
    chunk.setColumns(columns.map((c) => slice.map((r) => {
      const v = r[c.name];
      return v === null || v === undefined ? null : c.convert(v);
    })));
    appender.appendDataChunk(chunk);
  }
}

export interface CopyOptions {
  /**
   * Runs inside the DuckDB transaction that replaces the tables, before it commits, given the snapshot
   * the rows were read at: what is written there (the persisted copy's marker) commits with the rows or
   * not at all.
   */
  stamp?: (conn: DuckDBConnection, snapshot: LedgerSnapshot, tables: readonly LedgerTable[]) => Promise<void>;
}

export interface CopyResult {
  rows: number;
  /** the PostgreSQL snapshot all the tables were read at */
  snapshot: LedgerSnapshot;
}

/**
 * Replaces the DuckDB copy of `tables` with the rows PostgreSQL holds now. The tables are read on one
 * REPEATABLE READ snapshot (shared with the extra connections of the COPY path), so together they are
 * one state of the ledger (no hazard without its enterprise when a write lands between two reads), and
 * written in one DuckDB transaction: queries running meanwhile see the old copy until the commit.
 * From a PostgreSQL server the rows come as CSV through COPY (copyThroughCsv); from PGlite, whose
 * driver adapter has no COPY streams and which has one connection, through a cursor (copyThroughCursor).
 */
export async function copyLedger(ds: DataSource, conn: DuckDBConnection, tables: readonly LedgerTable[], o: CopyOptions = {}): Promise<CopyResult> {
  for (const table of tables) {
    if (!LEDGER_TABLES.includes(table)) throw new Error(`unknown ledger table ${JSON.stringify(table)}`);
  }
  let rows = 0;
  await conn.run('BEGIN TRANSACTION');
  try {
    const snapshot = await ds.transaction('REPEATABLE READ', async (pg) => {
      // the first statement: exactly the snapshot every table below is read at
      const [{ s }] = await pg.query(`SELECT pg_current_snapshot()::text AS s`);
      const client = await copyCapableClient(pg);
      rows = client ? await copyThroughCsv(client, conn, tables, () => sharedSnapshotClient(ds, client)) : await copyThroughCursor(pg, conn, tables);
      return s as string;
    });
    await o.stamp?.(conn, snapshot, tables);
    await conn.run('COMMIT');
    return { rows, snapshot };
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
}

/** copyLedger's row count, for callers that keep no snapshot. */
export async function copyTables(ds: DataSource, conn: DuckDBConnection, tables: readonly LedgerTable[], o: CopyOptions = {}): Promise<number> {
  return (await copyLedger(ds, conn, tables, o)).rows;
}

/** Rows fetched FETCH_ROWS at a time and converted value by value into appender chunks. */
export async function copyThroughCursor(pg: EntityManager, conn: DuckDBConnection, tables: readonly LedgerTable[]): Promise<number> {
  let rows = 0;
  for (const table of tables) {
    const columns = await columnsOf(conn, table);
    await conn.run(`DELETE FROM ${table}`);
    const appender = await conn.createAppender(table);
    try {
      // a cursor, so that rows arrive FETCH_ROWS at a time (cursors live in the transaction)
      await pg.query(`DECLARE ledger_copy NO SCROLL CURSOR FOR
        SELECT ${columns.map((c) => `${c.select} AS "${c.name}"`).join(', ')} FROM ${table}`);
      for (;;) {
        const batch: Record<string, unknown>[] = await pg.query(`FETCH FORWARD ${FETCH_ROWS} FROM ledger_copy`);
        appendRows(appender, columns, batch);
        rows += batch.length;
        if (batch.length < FETCH_ROWS) break;
      }
      await pg.query('CLOSE ledger_copy');
    } finally {
      appender.closeSync();
    }
  }
  return rows;
}

// COPY streams at once: PostgreSQL writes one table's CSV per backend on one core, so two or three
// backends reading one exported snapshot are what a reload gains beside DuckDB's own CSV threads.
const COPY_STREAMS = Math.max(1, Number(process.env.ANALYTICS_COPY_STREAMS) || 2);

/** A second connection whose transaction reads the snapshot of `leader`'s (SET TRANSACTION SNAPSHOT). */
export interface SnapshotClient {
  client: pg.ClientBase;
  release(): Promise<void>;
}

/**
 * Each table goes out of PostgreSQL as CSV (COPY … TO STDOUT) into a temporary file, which DuckDB's
 * multi-threaded CSV reader loads with the column types given, no sniffing. Up to COPY_STREAMS tables
 * are written at once, the largest first, each on a connection of its own that imported the leader's
 * snapshot (`more` opens one); DuckDB loads each file as it is complete, one after the other, in the
 * caller's transaction. Memory holds stream buffers, never a table.
 * Exactness: dates travel as ISO text, decimals as numeric's exact text, lists as array text or JSON; a
 * NULL is an unquoted empty field and an empty string a quoted one (allow_quoted_nulls=false keeps them apart).
 */
export async function copyThroughCsv(leader: pg.ClientBase, conn: DuckDBConnection, tables: readonly LedgerTable[], more?: () => Promise<SnapshotClient>): Promise<number> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hw-ledger-copy-'));
  const extra: SnapshotClient[] = [];
  let rows = 0;
  // DuckDB loads one file at a time, in the order the files are complete
  let loading: Promise<unknown> = Promise.resolve();
  let failed: unknown;
  try {
    // dates as YYYY-MM-DD whatever the session's DateStyle; LOCAL: until this transaction ends
    await leader.query(`SET LOCAL DateStyle TO ISO, YMD`);
    const columns = new Map<LedgerTable, Column[]>();
    for (const table of tables) columns.set(table, await columnsOf(conn, table));
    const queue = await largestFirst(leader, tables);
    const clients = [leader];
    if (more) {
      for (let i = 1; i < Math.min(COPY_STREAMS, queue.length); i++) {
        const c = await more();
        extra.push(c);
        clients.push(c.client);
      }
    }
    const stream = async (client: pg.ClientBase) => {
      for (let table = queue.shift(); table && failed === undefined; table = queue.shift()) {
        const file = path.join(dir, `${table}.csv`);
        const copied = await csvOut(client, table, columns.get(table)!, file);
        const t = table;
        loading = loading.then(async () => {
          if (failed === undefined) rows += await csvIn(conn, t, columns.get(t)!, file, copied);
        }).catch((e) => { failed ??= e; });
      }
    };
    await Promise.all(clients.map((c) => stream(c).catch((e) => { failed ??= e; })));
    await loading;
    if (failed !== undefined) throw failed;
  } finally {
    await loading.catch(() => undefined); // DuckDB must let go of the files before they go
    for (const c of extra) await c.release().catch(() => undefined);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
  return rows;
}

/** The tables by their size on disk, largest first: the longest COPY starts first and ends the soonest. */
async function largestFirst(client: pg.ClientBase, tables: readonly LedgerTable[]): Promise<LedgerTable[]> {
  const r = await client.query<{ t: string }>(
    `SELECT t FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY pg_relation_size(t::regclass) DESC, i`, [[...tables]]);
  return r.rows.map((x) => x.t as LedgerTable);
}

/**
 * Opens a connection of `ds`'s pool reading the same snapshot as `leader`'s REPEATABLE READ transaction:
 * the leader exports its snapshot, the new transaction imports it before its first query.
 */
export async function sharedSnapshotClient(ds: DataSource, leader: pg.ClientBase): Promise<SnapshotClient> {
  const { rows: [{ id }] } = await leader.query<{ id: string }>(`SELECT pg_export_snapshot() AS id`);
  const runner = ds.createQueryRunner();
  try {
    const client = (await runner.connect()) as pg.ClientBase;
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await client.query(`SET TRANSACTION SNAPSHOT '${id.replace(/'/g, "''")}'`);
    await client.query(`SET LOCAL DateStyle TO ISO, YMD`);
    return {
      client,
      async release() {
        try {
          await client.query('COMMIT');
        } finally {
          await runner.release();
        }
      },
    };
  } catch (e) {
    await runner.release();
    throw e;
  }
}

async function csvOut(client: pg.ClientBase, table: string, columns: Column[], file: string): Promise<number> {
  const inner = columns.flatMap((c) => c.csv.inner ?? []);
  const from = inner.length ? `(SELECT *, ${inner.join(', ')} FROM ${table} OFFSET 0) ${table}` : table;
  const select = `SELECT ${columns.map((c) => c.csv.select).join(', ')} FROM ${from}`;
  const out = client.query(pgCopy.to(`COPY (${select}) TO STDOUT WITH (FORMAT csv)`));
  await pipeline(out, fs.createWriteStream(file));
  return out.rowCount;
}

async function csvIn(conn: DuckDBConnection, table: string, columns: Column[], file: string, expected: number): Promise<number> {
  await conn.run(`DELETE FROM ${table}`);
  const csvColumns = columns.map((c, i) => `'c${i}': '${c.csv.type}'`).join(', ');
  const r = await conn.run(`INSERT INTO ${table} SELECT ${columns.map((c, i) => c.csv.value(`c${i}`)).join(', ')}
    FROM read_csv('${file.replace(/'/g, "''")}', columns = {${csvColumns}}, header = false, auto_detect = false,
      delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, strict_mode = true)`);
  const loaded = Number(r.rowsChanged);
  await fs.promises.rm(file, { force: true });
  // a mismatch would mean the CSV was misread: better no copy than a wrong one
  if (loaded !== expected) throw new Error(`ledger copy of ${table}: PostgreSQL wrote ${expected} rows, DuckDB read ${loaded}`);
  return loaded;
}
