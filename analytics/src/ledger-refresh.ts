import type { DuckDBConnection } from '@duckdb/node-api';
import type { DataSource, EntityManager } from 'typeorm';
import { sqlFile } from './sql-files.js';
import { traceEvent, traceStage } from './stage-trace.js';
import { appendRows, columnsOf, copyTables, LEDGER_TABLES, type CopyOptions, type LedgerTable } from './ledger-loader.js';

// Incremental refresh of the analytics copy, so a write is reflected in seconds on a large ledger: only the ledger rows written since the copy was
// taken are replaced. PostgreSQL notes each written row's key with its transaction id (migration
// LedgerChanges); the copy remembers the snapshot it was read at, and the changes to apply are those of
// the transactions that snapshot did not see.

/** A PostgreSQL snapshot (pg_snapshot as text): which transactions a copy of the ledger has seen. */
export type LedgerSnapshot = string;

export interface RefreshResult {
  /** the snapshot the copy now reflects */
  snapshot: LedgerSnapshot;
  /** tables whose changed rows were replaced, and tables reloaded whole (a bulk write, or pruned changes) */
  replaced: Partial<Record<LedgerTable, number>>;
  reloaded: LedgerTable[];
  /**
   * The units whose scores the applied changes may move (old and new rows alike,
   * analytics/sql/refresh/touched-units), or 'all' after a whole reload or a change of the units or the
   * campaigns: what an incremental recompute of the scores must redo (scoped-scores.ts).
   */
  touched: string[] | 'all';
  ms: number;
}

// Tables whose change may move any unit's scores: the unit tree (peers), the campaigns (windows, months).
const TOUCH_ALL: readonly LedgerTable[] = ['units', 'campaigns', 'campaign_phases'];

interface Change {
  table_name: string;
  pk: Record<string, string | number> | null;
}

const KEY_SEPARATOR = '\u001f';

export interface RefreshOptions extends CopyOptions {
  /**
   * In place of `stamp` when the changed rows were applied one by one (not a whole reload): the temp
   * tables of analytics/sql/refresh/derived-keys then name what the changes mean for the derived tables,
   * so that they can be kept up for those keys (prepare.ts upkeepDerived) rather than rebuilt whole.
   */
  stampChanges?: (conn: DuckDBConnection, snapshot: LedgerSnapshot, tables: readonly LedgerTable[]) => Promise<void>;
}

// Tables whose changed rows say which derived rows to keep up (analytics/sql/refresh/derived-keys).
const DERIVED_KEYS: readonly LedgerTable[] = ['inspections', 'findings', 'enterprises', 'hazards', 'actions', 'assignments', 'feedback'];

/** The snapshot of now, taken before a copy is read: a later copy can only have seen more. */
export async function snapshotNow(ds: DataSource | EntityManager): Promise<LedgerSnapshot> {
  const [r] = await ds.query(`SELECT pg_current_snapshot()::text AS s`);
  return r.s as string;
}

/** Whether some transaction that `since` did not see has changed the ledger (one indexed query). */
export async function ledgerChangedSince(ds: DataSource, since: LedgerSnapshot): Promise<boolean> {
  const [r] = await ds.query(
    `SELECT EXISTS (SELECT 1 FROM ledger_changes WHERE xid >= pg_snapshot_xmin($1::pg_snapshot)
       AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot))
     OR (SELECT through >= pg_snapshot_xmin($1::pg_snapshot) FROM ledger_changes_pruned) AS changed`, [since]);
  return r.changed === true;
}

/**
 * Brings the DuckDB copy from snapshot `since` to now. Row changes are applied in one DuckDB transaction
 * from one PostgreSQL snapshot, so a query sees the copy before or after, never between. A table written
 * in bulk, or changes already pruned, make the changed tables reload whole (copyTables, one snapshot).
 * `o.stamp` runs in the DuckDB transaction that applies the changes, given the snapshot the copy then
 * reflects.
 */
export async function refreshFromLedger(ds: DataSource, conn: DuckDBConnection, since: LedgerSnapshot, o: RefreshOptions = {}): Promise<RefreshResult> {
  const started = performance.now();
  const before = await snapshotNow(ds);
  const done = (r: Omit<RefreshResult, 'ms'>): RefreshResult => ({ ...r, ms: Math.round(performance.now() - started) });

  const outcome = await ds.transaction('REPEATABLE READ', async (pg) => {
    const snapshot = await snapshotNow(pg); // the first statement: exactly this transaction's snapshot
    const [{ pruned }] = await pg.query(`SELECT through >= pg_snapshot_xmin($1::pg_snapshot) AS pruned FROM ledger_changes_pruned`, [since]);
    const changes: Change[] = await pg.query(
      `SELECT table_name, pk FROM ledger_changes
        WHERE xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(xid, $1::pg_snapshot)`, [since]);
    const byTable = groupChanges(changes);
    traceEvent('refresh: change notes read', { notes: changes.length, tables: [...byTable.keys()] });
    const whole = pruned || [...byTable.values()].some((keys) => keys === 'whole');
    if (whole) return { whole: true as const, tables: pruned ? [...LEDGER_TABLES] : [...byTable.keys()] };
    const replaced: Partial<Record<LedgerTable, number>> = {};
    const touched = new Set<string>();
    const touchesAll = [...byTable.keys()].some((t) => TOUCH_ALL.includes(t));
    // with nothing to apply the marker still moves on, so that pruned notes the copy never needed do
    // not make a later start reload it whole
    if (byTable.size === 0 && !o.stamp) return { whole: false as const, snapshot, replaced, touched: [] as string[] };
    await conn.run('BEGIN TRANSACTION');
    try {
      await conn.run(sqlFile('refresh/derived-keys/schema.sql'));
      for (const [table, keys] of byTable) {
        replaced[table] = await traceStage(`refresh: ${table} rows applied`, () => replaceRows(pg, conn, table, keys as Map<string, Record<string, string | number>>, touchesAll ? undefined : touched), (n) => ({ rows: n }));
      }
      await traceStage('refresh: derived tables and marker', async () => (o.stampChanges ?? o.stamp)?.(conn, snapshot, [...byTable.keys()]));
      await traceStage('refresh: DuckDB commit', () => conn.run('COMMIT'));
    } catch (e) {
      await conn.run('ROLLBACK');
      throw e;
    }
    return { whole: false as const, snapshot, replaced, touched: touchesAll ? 'all' as const : [...touched].sort() };
  });
  if (!outcome.whole) return done({ snapshot: outcome.snapshot, replaced: outcome.replaced, reloaded: [], touched: outcome.touched });
  // in LEDGER_TABLES order, as a full load
  const tables = LEDGER_TABLES.filter((t) => outcome.tables.includes(t));
  // the tables not reloaded are known current only as of `before`
  await copyTables(ds, conn, tables, { stamp: o.stamp && ((c, _read, t) => o.stamp!(c, before, t)) });
  return done({ snapshot: before, replaced: {}, reloaded: tables, touched: 'all' });
}

function groupChanges(changes: Change[]): Map<LedgerTable, Map<string, Record<string, string | number>> | 'whole'> {
  const out = new Map<LedgerTable, Map<string, Record<string, string | number>> | 'whole'>();
  for (const c of changes) {
    const table = c.table_name as LedgerTable;
    if (!LEDGER_TABLES.includes(table)) continue;
    if (c.pk === null) { out.set(table, 'whole'); continue; }
    let keys = out.get(table);
    if (keys === 'whole') continue;
    if (!keys) out.set(table, (keys = new Map()));
    keys.set(keyText(Object.values(c.pk)), c.pk);
  }
  return out;
}

const keyText = (values: unknown[]) => values.map(String).join(KEY_SEPARATOR);

/**
 * Drops the copy's rows with these keys and appends the rows PostgreSQL holds for them now (if any); adds
 * to `touched` the units whose scores the rows enter, before and after.
 */
async function replaceRows(
  pg: EntityManager, conn: DuckDBConnection, table: LedgerTable, keys: Map<string, Record<string, string | number>>, touched?: Set<string>,
): Promise<number> {
  const keyColumns = Object.keys(keys.values().next().value!);
  const columns = await columnsOf(conn, table);
  // the keys go in through the appender: no key text is ever spliced into SQL
  await conn.run('CREATE TEMP TABLE IF NOT EXISTS changed_keys (k VARCHAR)');
  await conn.run('DELETE FROM changed_keys');
  const appender = await conn.createAppender('changed_keys', 'main', 'temp');
  for (const k of keys.keys()) {
    appender.appendVarchar(k);
    appender.endRow();
  }
  appender.closeSync();
  // one key column is compared as it is: no string is built for every row of a large table
  const duckKey = keyColumns.length === 1 ? `"${keyColumns[0]}"::VARCHAR` : `concat_ws(chr(31), ${keyColumns.map((c) => `"${c}"::VARCHAR`).join(', ')})`;
  const matching = `${duckKey} IN (SELECT k FROM changed_keys)`;
  await whatRowsMean(conn, table, matching, touched);
  await conn.run(`DELETE FROM ${table} WHERE ${matching}`);

  // typed key arrays, so that PostgreSQL finds the rows by their primary key index
  const types = await keyTypes(pg, table, keyColumns);
  const arrays = keyColumns.map((c) => [...keys.values()].map((k) => String(k[c])));
  const rows: Record<string, unknown>[] = await pg.query(
    `SELECT ${columns.map((c) => `${c.select} AS "${c.name}"`).join(', ')} FROM ${table}
      WHERE (${keyColumns.map((c) => `"${c}"`).join(', ')}) IN
        (SELECT * FROM unnest(${keyColumns.map((_, i) => `$${i + 1}::${types[i]}[]`).join(', ')}))`, arrays);
  const rowAppender = await conn.createAppender(table);
  try {
    appendRows(rowAppender, columns, rows);
  } finally {
    rowAppender.closeSync();
  }
  if (rows.length) await whatRowsMean(conn, table, matching, touched);
  return rows.length;
}

/**
 * What `table`'s rows matching `where` mean for the figures: the units whose scores they enter, added to
 * `touched` (analytics/sql/refresh/touched-units), and the derived keys they change
 * (analytics/sql/refresh/derived-keys).
 */
async function whatRowsMean(conn: DuckDBConnection, table: LedgerTable, where: string, touched?: Set<string>): Promise<void> {
  const derived = DERIVED_KEYS.includes(table);
  if (!touched && !derived) return;
  await conn.run(`CREATE OR REPLACE TEMP TABLE changed_rows AS SELECT * FROM ${table} WHERE ${where}`);
  if (touched) {
    const r = await conn.runAndReadAll(sqlFile(`refresh/touched-units/${table}.sql`));
    for (const [unit] of r.getRows()) if (unit !== null) touched.add(String(unit));
  }
  if (derived) await conn.run(sqlFile(`refresh/derived-keys/${table}.sql`));
  await conn.run('DROP TABLE changed_rows');
}

async function keyTypes(pg: EntityManager, table: string, keyColumns: string[]): Promise<string[]> {
  const rows: { name: string; type: string }[] = await pg.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attname = ANY($2::text[])`, [table, keyColumns]);
  return keyColumns.map((c) => {
    const t = rows.find((r) => r.name === c)?.type;
    if (!t) throw new Error(`ledger_changes names ${table}.${c}, which the table does not have`);
    return t;
  });
}
