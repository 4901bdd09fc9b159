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
import type { DataSource, EntityManager } from 'typeorm';
import { copyCapableClient } from './pg-copy.js';
import { copyThroughCsv, type SnapshotClient } from './ledger-csv.js';
import type { LedgerSnapshot } from './ledger-refresh.js';

// Copies ledger tables from PostgreSQL (or PGlite) into the DuckDB tables of analytics/sql/schema.sql.
// The DuckDB catalog says which columns to read and how: each column's DuckDB type picks the select
// expression on the PostgreSQL side and the conversion on the way in, so nothing here names a column.
// This file holds the cursor path (PGlite, and the row-by-row refresh); ledger-csv.ts the COPY path.

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
      return { name, type, select: `to_json(${q})::text`, convert: (v) => listValue(JSON.parse(v as string) as string[]) };
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
