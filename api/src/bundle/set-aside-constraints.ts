import type pg from 'pg';
import type { TableName } from './bundle-files.js';

// Loading 1.5 M inspections measured 390 k rows/s into a bare table, 121 k with its two secondary
// indexes and 49 k with its two foreign keys too (issue 14): PostgreSQL checks a foreign key row by row
// and grows each index entry by entry. For a large load the import drops a table's foreign keys and
// secondary indexes inside its own transaction, inserts, then builds each index in one sort and
// re-adds each foreign key, which PostgreSQL validates in one anti-join over the table. The definitions
// are read back from the catalogue, so they come back exactly as the migrations made them; a crash or a
// refusal rolls the DDL back with everything else. Primary keys and unique constraints stay: the insert's
// ON CONFLICT needs them. The price: dropping a constraint locks the table (and the one it references)
// against readers too until the import commits, which is why small loads keep the row-by-row checks.

/** Below this many new rows the row-by-row checks cost less than rebuilding (and readers are not blocked). */
export const BULK_ROWS = 50_000;

interface Definition {
  name: string;
  definition: string;
}

/**
 * Whether a load of `rows` new rows into `table` is worth setting its constraints aside: a large load
 * that is at least a quarter of what the table holds (re-adding a foreign key re-reads the whole table).
 */
export async function worthSettingAside(client: pg.ClientBase, table: TableName, rows: number, bulkRows = BULK_ROWS): Promise<boolean> {
  if (rows < bulkRows) return false;
  const { rows: r } = await client.query<{ n: string }>(`SELECT greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE oid = $1::regclass`, [table]);
  return rows * 4 >= Number(r[0]?.n ?? 0);
}

/** Runs `load` with the table's foreign keys and non-unique indexes dropped, then puts them back. */
export async function withConstraintsSetAside<T>(client: pg.ClientBase, table: TableName, load: () => Promise<T>): Promise<T> {
  const { rows: keys } = await client.query<Definition>(
    `SELECT conname AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint WHERE conrelid = $1::regclass AND contype = 'f' ORDER BY conname`,
    [table],
  );
  const { rows: indexes } = await client.query<Definition>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname`,
    [table],
  );
  for (const k of keys) await client.query(`ALTER TABLE ${table} DROP CONSTRAINT "${k.name}"`);
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
  const result = await load();
  // an index build sorts in maintenance_work_mem; the default 64 MB spills a nation table to disk
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const i of indexes) await client.query(i.definition);
  for (const k of keys) await client.query(`ALTER TABLE ${table} ADD CONSTRAINT "${k.name}" ${k.definition}`);
  return result;
}
