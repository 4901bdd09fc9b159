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
import type { DataSource } from 'typeorm';

// Copies ledger tables from PostgreSQL (or PGlite) into the DuckDB tables of analytics/sql/schema.sql.
// The DuckDB catalog says which columns to read and how: each column's DuckDB type picks the select
// expression on the PostgreSQL side and the conversion on the way in, so nothing here names a column.

/** The ledger tables in the order they are loaded. */
export const LEDGER_TABLES = [
  'campaigns', 'units', 'enterprises', 'inspections', 'findings', 'hazards', 'actions', 'leaders',
  'leader_inspections', 'assignments', 'feedback', 'drills', 'submissions',
] as const;
export type LedgerTable = (typeof LEDGER_TABLES)[number];

// The appender takes at most one vector (2048 rows) a chunk.
const CHUNK_ROWS = 2048;
// Rows fetched from PostgreSQL at a time: a national ledger (25M rows) never sits in memory whole.
const FETCH_ROWS = 50_000;

interface Column {
  name: string;
  type: DuckDBType;
  /** what to select from PostgreSQL for it */
  select: string;
  /** the selected value (as node-postgres returns it, never null here) to a DuckDB value */
  convert: (v: unknown) => DuckDBValue;
}

function column(name: string, type: DuckDBType, table: string): Column {
  const q = `"${name}"`;
  switch (type.typeId) {
    case DuckDBTypeId.VARCHAR:
      // ::text also drops the padding of char(n)
      return { name, type, select: `${q}::text`, convert: (v) => v as string };
    case DuckDBTypeId.INTEGER:
      return { name, type, select: `${q}::int4`, convert: (v) => v as number };
    case DuckDBTypeId.BIGINT:
      // int8 arrives as a string from node-postgres: keep it exact
      return { name, type, select: `${q}::text`, convert: (v) => BigInt(v as string) };
    case DuckDBTypeId.BOOLEAN:
      return { name, type, select: q, convert: (v) => v as boolean };
    case DuckDBTypeId.DATE:
      // a day count, so that no time zone of the client or the server can shift the calendar day
      return { name, type, select: `(${q} - date '1970-01-01')`, convert: (v) => dateValue(v as number) };
    case DuckDBTypeId.DECIMAL: {
      const { width, scale } = type as DuckDBDecimalType;
      // the scaled integer as text: numeric never passes through a double
      return {
        name, type,
        select: `(${q} * 1${'0'.repeat(scale)})::numeric(38,0)::text`,
        convert: (v) => decimalValue(BigInt(v as string), width, scale),
      };
    }
    case DuckDBTypeId.LIST:
      // as JSON text, whatever array parser the driver has
      return { name, type, select: `to_json(${q})::text`, convert: (v) => listValue(JSON.parse(v as string) as string[]) };
    default:
      throw new Error(`analytics/sql/schema.sql: ${table}.${name} has type ${type.toString()}, which the ledger loader cannot copy`);
  }
}

async function columnsOf(conn: DuckDBConnection, table: string): Promise<Column[]> {
  const empty = await conn.runAndReadAll(`SELECT * FROM ${table} LIMIT 0`);
  const types = empty.columnTypes();
  return empty.columnNames().map((name, i) => column(name, types[i], table));
}

/** Appends rows (objects keyed by column name) through the appender, one data chunk at a time. */
function appendRows(appender: DuckDBAppender, columns: Column[], rows: Record<string, unknown>[]): void {
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

/**
 * Replaces the DuckDB copy of `tables` with the rows PostgreSQL holds now. The tables are read in one
 * REPEATABLE READ transaction, so together they are one snapshot of the ledger (no hazard without its
 * enterprise when a write lands between two reads), and written in one DuckDB transaction: queries
 * running meanwhile see the old copy until the commit. Returns the number of rows copied.
 */
export async function copyTables(ds: DataSource, conn: DuckDBConnection, tables: readonly LedgerTable[]): Promise<number> {
  for (const table of tables) {
    if (!LEDGER_TABLES.includes(table)) throw new Error(`unknown ledger table ${JSON.stringify(table)}`);
  }
  let rows = 0;
  await conn.run('BEGIN TRANSACTION');
  try {
    await ds.transaction('REPEATABLE READ', async (pg) => {
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
    });
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
  return rows;
}
