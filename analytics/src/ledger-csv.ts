import { DuckDBTypeId, type DuckDBConnection, type DuckDBDecimalType, type DuckDBType } from '@duckdb/node-api';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { CopyOut } from './pg-copy.js';
import { traceEvent } from './stage-trace.js';

// The COPY path of the ledger loader: PostgreSQL writes CSV (COPY … TO STDOUT) into temporary files,
// DuckDB's CSV reader loads them with the column types given (no sniffing).
//
// Where the CPU goes (province, per inspection row, before this file): PostgreSQL 2.0 µs, this process
// 1.0 µs, DuckDB 1.9 µs. So each side does the least it can: PostgreSQL writes its own text of each
// column (no casts, no to_json: a cast to text or an inner select cost it a third more), the CSV bytes go
// from the socket to the file in large writes (pg-copy.ts: CopyOut), and DuckDB turns PostgreSQL's text
// into its types (char(n) padding, array text).

/** How a column crosses: what COPY writes, the type read_csv reads it as, the DuckDB value of CSV column `c`. */
interface CsvColumn {
  name: string;
  /** what COPY selects; the bare column where PostgreSQL's own output is what DuckDB reads */
  select: string;
  type: string;
  value: (c: string) => string;
}

// PostgreSQL's text of a one-dimensional array: {a,b}; an element with a comma, quote, brace, backslash
// or white space, or an empty one, is quoted ("a,b", "" ) with \" and \\ inside; an unquoted NULL is a
// null element. Without a quote and without the word NULL, the commas split it; otherwise each element is
// found by a regular expression, unquoted, and NULL made null.
const ARRAY_ELEMENT = String.raw`(?s)"(?:[^"\\]|\\.)*"|[^,{}"]+`;
const ESCAPED = String.raw`(?s)\\(.)`;
const listValue = (c: string, list: string): string => {
  const text = `CASE WHEN ${c} IS NULL THEN NULL WHEN NOT contains(${c}, '"') AND NOT contains(${c}, 'NULL')
      THEN CASE WHEN ${c} = '{}' THEN CAST([] AS VARCHAR[]) ELSE string_split(${c}[2:-2], ',') END
    ELSE list_transform(regexp_extract_all(${c}, '${ARRAY_ELEMENT}'),
      x -> CASE WHEN x = 'NULL' THEN NULL WHEN starts_with(x, '"') THEN regexp_replace(x[2:-2], '${ESCAPED}', '\\1', 'g') ELSE x END) END`;
  return list === 'VARCHAR[]' ? text : `CAST(${text} AS ${list})`;
};

/**
 * How one column of the DuckDB catalog is copied, given its PostgreSQL type (regtype text). PostgreSQL's
 * own output is used wherever DuckDB reads it exactly; a column of another type than the ledger's is cast
 * on the PostgreSQL side as before, so a wrong type still fails there with PostgreSQL's message.
 */
function csvColumn(name: string, type: DuckDBType, pgType: string, table: string): CsvColumn {
  const q = `"${name}"`;
  const raw = (csvType: string, value: (c: string) => string = (c) => c): CsvColumn => ({ name, select: q, type: csvType, value });
  const cast = (select: string, csvType: string): CsvColumn => ({ name, select, type: csvType, value: (c) => c });
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      if (pgType === 'text' || pgType === 'character varying') return raw('VARCHAR');
      // char(n) is written with its padding, which ::text would drop: DuckDB drops it instead
      if (pgType === 'character') return raw('VARCHAR', (c) => `rtrim(${c}, ' ')`);
      return cast(`${q}::text`, 'VARCHAR');
    case DuckDBTypeId.INTEGER:
      return pgType === 'integer' || pgType === 'smallint' ? raw('INTEGER') : cast(`${q}::int4`, 'INTEGER');
    case DuckDBTypeId.BIGINT:
      return ['bigint', 'integer', 'smallint'].includes(pgType) ? raw('BIGINT') : cast(`${q}::int8`, 'BIGINT');
    case DuckDBTypeId.BOOLEAN:
      // COPY writes t/f, which DuckDB reads as booleans
      return pgType === 'boolean' ? raw('BOOLEAN') : cast(`${q}::boolean`, 'BOOLEAN');
    case DuckDBTypeId.DATE:
      // YYYY-MM-DD: copyThroughCsv sets DateStyle ISO for its transactions
      return pgType === 'date' ? raw('DATE') : cast(`${q}::date`, 'DATE');
    case DuckDBTypeId.DECIMAL: {
      // numeric's text is exact, and DuckDB parses it into the decimal without a double in between
      const { width, scale } = type as DuckDBDecimalType;
      return pgType === 'numeric' ? raw(`DECIMAL(${width},${scale})`) : cast(`${q}::numeric`, `DECIMAL(${width},${scale})`);
    }
    case DuckDBTypeId.LIST:
      if (pgType !== 'text[]' && pgType !== 'character varying[]') {
        throw new Error(`ledger copy: ${table}.${name} is ${pgType} in PostgreSQL; the loader copies lists of text only`);
      }
      return raw('VARCHAR', (c) => listValue(c, type.toString()));
    default:
      throw new Error(`analytics/sql/schema.sql: ${table}.${name} has type ${type.toString()}, which the ledger loader cannot copy`);
  }
}

async function csvColumns(leader: pg.ClientBase, conn: DuckDBConnection, table: string): Promise<CsvColumn[]> {
  const empty = await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`);
  const types = empty.columnTypes();
  const { rows } = await leader.query<{ name: string; type: string }>(
    `SELECT attname AS name, atttypid::regtype::text AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped`, [table]);
  const pgTypes = new Map(rows.map((r) => [r.name, r.type]));
  return empty.columnNames().map((name, i) => {
    const pgType = pgTypes.get(name);
    if (!pgType) throw new Error(`ledger copy: PostgreSQL's ${table} has no column ${name} (analytics/sql/schema.sql has)`);
    return csvColumn(name, types[i], pgType, table);
  });
}

/** A second connection whose transaction reads the snapshot of the leader's (SET TRANSACTION SNAPSHOT). */
export interface SnapshotClient {
  client: pg.ClientBase;
  release(): Promise<void>;
}

/** One COPY: a whole table, or a range of its pages (ctid) when the table is large. */
interface Piece {
  table: string;
  columns: CsvColumn[];
  /** pages [from, to) of the table; `to` absent: to its end */
  pages?: { from: number; to?: number };
  file: string;
}

export interface CsvCopyOptions {
  /** COPY streams at once (ANALYTICS_COPY_STREAMS, 2): PostgreSQL writes CSV on one core a backend, so
   *  two backends reading one exported snapshot keep both cores of a small machine busy beside DuckDB */
  streams?: number;
  /** a table larger than this many pages (ANALYTICS_COPY_PIECE_PAGES, 4096 of 8 KB: 32 MB) goes in ranges
   *  of pages of this size: DuckDB loads one range while PostgreSQL writes the next, instead of reading
   *  the largest table alone at the end */
  piecePages?: number;
}

const fromEnv = (name: string, otherwise: number) => Math.max(1, Number(process.env[name]) || otherwise);
// Files written but not yet loaded, at most: what the copy holds on disk stays a few pieces.
const WAITING_FILES = 4;

/**
 * Copies `tables` through COPY into the caller's DuckDB transaction, on the leader's snapshot (`more`
 * opens further connections on it). The largest tables first, in pieces; up to o.streams pieces are
 * written at once, each on a connection of its own, and DuckDB loads them in their order (the rows land
 * in each table in PostgreSQL's order, as one COPY would give them). Temporary files go, failure or not.
 * Exactness: dates travel as ISO text, decimals as numeric's exact text, lists as array text; a NULL is
 * an unquoted empty field and an empty string a quoted one (allow_quoted_nulls=false keeps them apart);
 * PostgreSQL's row count of every piece is checked against DuckDB's.
 */
export async function copyThroughCsv(leader: pg.ClientBase, conn: DuckDBConnection, tables: readonly string[], more?: () => Promise<SnapshotClient>,
  o: CsvCopyOptions = {}): Promise<number> {
  const streams = o.streams ?? fromEnv('ANALYTICS_COPY_STREAMS', 2);
  const piecePages = o.piecePages ?? fromEnv('ANALYTICS_COPY_PIECE_PAGES', 4096);
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'hw-ledger-copy-'));
  const extra: SnapshotClient[] = [];
  let rows = 0;
  let failed: unknown;
  const written: Promise<number>[] = [];
  let loaded = 0;
  let loading: Promise<void> = Promise.resolve();
  const wake: (() => void)[] = [];
  try {
    // dates as YYYY-MM-DD whatever the session's DateStyle; LOCAL: until this transaction ends
    await leader.query(`SET LOCAL DateStyle TO ISO, YMD`);
    const pieces = await plan(leader, conn, tables, dir, piecePages);
    for (const table of tables) await conn.run(`DELETE FROM ${table}`);
    const clients = [leader];
    for (let i = 1; more && i < Math.min(streams, pieces.length); i++) {
      const c = await more();
      extra.push(c);
      clients.push(c.client);
    }
    // DuckDB loads the pieces in order, each once its file is complete
    loading = (async () => {
      for (const [i, piece] of pieces.entries()) {
        // traced: how long DuckDB waited for PostgreSQL's file, then loaded it. Whether the connection is ever
        // idle during a load says whether work (the derived tables) could be slipped in between the pieces
        const asked = performance.now();
        while (written.length <= i) {
          if (failed !== undefined) return;
          await new Promise<void>((r) => wake.push(r));
        }
        const expected = await written[i];
        const got = performance.now();
        rows += await csvIn(conn, piece, expected);
        traceEvent(`ledger copy: piece ${i} (${piece.table}) waited ${(got - asked).toFixed(0)} ms, loaded ${(performance.now() - got).toFixed(0)} ms`);
        loaded = i + 1;
        wake.splice(0).forEach((r) => r());
      }
    })();
    loading.catch((e) => { failed ??= e; wake.splice(0).forEach((r) => r()); });
    let next = 0;
    const stream = async (client: pg.ClientBase) => {
      while (next < pieces.length && failed === undefined) {
        if (next - loaded >= WAITING_FILES + clients.length) {
          await new Promise<void>((r) => wake.push(r));
          continue;
        }
        const i = next++;
        const out = csvOut(client, pieces[i]);
        written[i] = out;
        wake.splice(0).forEach((r) => r());
        await out;
      }
    };
    await Promise.all(clients.map((c) => stream(c).catch((e) => { failed ??= e; wake.splice(0).forEach((r) => r()); })));
    if (failed === undefined) await loading;
    if (failed !== undefined) throw failed;
  } finally {
    // DuckDB must let go of the files before they go
    await loading.catch(() => undefined);
    await Promise.allSettled(written);
    for (const c of extra) await c.release().catch(() => undefined);
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
  return rows;
}

/** The pieces of `tables`: the largest tables first, those above piecePages cut into page ranges. */
async function plan(leader: pg.ClientBase, conn: DuckDBConnection, tables: readonly string[], dir: string, piecePages: number): Promise<Piece[]> {
  const { rows: sizes } = await leader.query<{ t: string; pages: string }>(
    `SELECT t, pg_relation_size(t::regclass) / current_setting('block_size')::int AS pages
      FROM unnest($1::text[]) WITH ORDINALITY AS x(t, i) ORDER BY pg_relation_size(t::regclass) DESC, i`, [[...tables]]);
  // a range of ctid is read by a TID range scan from PostgreSQL 14; before, each piece would scan the table
  const { rows: [{ version }] } = await leader.query<{ version: number }>(`SELECT current_setting('server_version_num')::int AS version`);
  const pieces: Piece[] = [];
  for (const { t: table, pages } of sizes) {
    const columns = await csvColumns(leader, conn, table);
    const n = Number(pages);
    if (n <= piecePages || version < 140000) {
      pieces.push({ table, columns, file: path.join(dir, `${table}.csv`) });
      continue;
    }
    // the last range is open: pages added since the size was read hold no row of this snapshot, but
    // nothing is left to chance
    for (let from = 0; from < n; from += piecePages) {
      const to = from + piecePages < n ? from + piecePages : undefined;
      pieces.push({ table, columns, pages: { from, to }, file: path.join(dir, `${table}.${from}.csv`) });
    }
  }
  return pieces;
}

/**
 * COPY of one piece into its file; PostgreSQL's row count. A whole table whose columns all go as they are
 * uses COPY's table form, which costs PostgreSQL less than a query.
 */
async function csvOut(client: pg.ClientBase, piece: Piece): Promise<number> {
  const { table, columns, pages } = piece;
  const list = columns.map((c) => c.select).join(', ');
  const bare = columns.every((c) => c.select === `"${c.name}"`);
  const range = pages && [`ctid >= '(${pages.from},0)'`, ...(pages.to === undefined ? [] : [`ctid < '(${pages.to},0)'`])].join(' AND ');
  const source = !range && bare ? `${table} (${list})` : `(SELECT ${list} FROM ${table}${range ? ` WHERE ${range}` : ''})`;
  const out = client.query(new CopyOut(`COPY ${source} TO STDOUT WITH (FORMAT csv)`));
  await pipeline(out, await fileSink(piece.file));
  return out.rowCount;
}

// Bytes gathered before each write: fs.createWriteStream writes every socket chunk (about 8 KB) on its
// own, a thread-pool round trip each, which cost more CPU than cutting the COPY messages.
const WRITE_BYTES = 1 << 20;

/** A file written WRITE_BYTES at a time. */
async function fileSink(file: string): Promise<Writable> {
  const handle = await fs.promises.open(file, 'w');
  let held: Buffer[] = [];
  let size = 0;
  const flush = async () => {
    const chunks = held;
    held = [];
    size = 0;
    if (chunks.length > 0) await handle.writev(chunks);
  };
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      held.push(chunk);
      size += chunk.length;
      if (size < WRITE_BYTES) done();
      else flush().then(() => done(), done);
    },
    final(done) {
      flush().then(() => handle.close()).then(() => done(), done);
    },
    destroy(e, done) {
      handle.close().then(() => done(e), () => done(e));
    },
  });
}

async function csvIn(conn: DuckDBConnection, piece: Piece, expected: number): Promise<number> {
  const { table, columns, file } = piece;
  const types = columns.map((c, i) => `'c${i}': '${c.type}'`).join(', ');
  const r = await conn.run(`INSERT INTO ${table} SELECT ${columns.map((c, i) => c.value(`c${i}`)).join(', ')}
    FROM read_csv('${file.replace(/'/g, "''")}', columns = {${types}}, header = false, auto_detect = false,
      delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false, strict_mode = true)`);
  const loaded = Number(r.rowsChanged);
  await fs.promises.rm(file, { force: true });
  // a mismatch would mean the CSV was misread: better no copy than a wrong one
  if (loaded !== expected) throw new Error(`ledger copy of ${table}: PostgreSQL wrote ${expected} rows, DuckDB read ${loaded}`);
  return loaded;
}
