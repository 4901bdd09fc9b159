import type pg from 'pg';
import type { TableName } from './bundle-files.js';

// Loading 1.5 M inspections measured 390 k rows/s into a bare table, 121 k with its two secondary
// indexes and 49 k with its two foreign keys too (issue 14): PostgreSQL checks a foreign key row by row
// and grows each index entry by entry. For a large load the import drops a table's foreign keys and
// secondary indexes inside its own transaction, inserts, then builds each index in one sort and
// re-adds each foreign key, which PostgreSQL validates in one anti-join over the table. The definitions
// are read back from the catalogue, so they come back exactly as the migrations made them; a crash or a
// refusal rolls the DDL back with everything else. The price: dropping a constraint locks the table (and
// the one it references) against readers too until the import commits, which is why small loads keep
// the row-by-row checks.
//
// Into an empty table (a first import) the primary key and unique constraints go too, with the foreign
// keys of other tables that reference them: 11.2 M inspections went in in 11.2 s without the primary
// key and 29.5 s with it, and the key then builds in about 8 s. Into a table that holds rows they stay:
// the insert's ON CONFLICT needs them, and rebuilding them would sort what the table already held.

/** Below this many new rows the row-by-row checks cost less than rebuilding (and readers are not blocked). */
export const BULK_ROWS = 50_000;

/** An index or a constraint as the catalogue gives it back: its name and what makes it again. */
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

interface Constraint extends Definition {
  /** the table the constraint is on */
  table: string;
  /** its own foreign key, its own key or unique constraint, or another table's foreign key that references it */
  kind: 'key' | 'unique' | 'referencing';
}

/** What a load sets aside of `table`: its foreign keys, and with `tableEmpty` its keys and the foreign keys that reference them. */
async function constraintsSetAside(client: pg.ClientBase, table: TableName, tableEmpty: boolean): Promise<Constraint[]> {
  const { rows } = await client.query<Constraint>(
    `SELECT CASE WHEN conrelid <> $1::regclass THEN 'referencing' WHEN contype = 'f' THEN 'key' ELSE 'unique' END AS kind,
            conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS definition
       FROM pg_constraint
      WHERE (conrelid = $1::regclass AND (contype = 'f' OR ($2 AND contype IN ('p', 'u'))))
         OR ($2 AND confrelid = $1::regclass AND conrelid <> $1::regclass AND contype = 'f')
      ORDER BY conname`,
    [table, tableEmpty],
  );
  return rows;
}

/**
 * Runs `load` with the table's foreign keys and non-unique indexes dropped, then puts them back. With
 * `tableEmpty`, its primary key and unique constraints are dropped too, and the foreign keys of other
 * tables that reference them; the keys come back first, so that every foreign key finds its key.
 */
export async function withConstraintsSetAside<T>(client: pg.ClientBase, table: TableName, load: () => Promise<T>, tableEmpty = false): Promise<T> {
  const all = await constraintsSetAside(client, table, tableEmpty);
  const [keys, uniques, referencing] = (['key', 'unique', 'referencing'] as const).map((k) => all.filter((c) => c.kind === k));
  const { rows: indexes } = await client.query<Definition>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
     WHERE i.indrelid = $1::regclass AND NOT i.indisunique AND NOT i.indisprimary ORDER BY c.relname`,
    [table],
  );
  const drop = (d: Constraint) => client.query(`ALTER TABLE ${d.table} DROP CONSTRAINT "${d.name}"`);
  const add = (d: Constraint) => client.query(`ALTER TABLE ${d.table} ADD CONSTRAINT "${d.name}" ${d.definition}`);
  for (const k of [...referencing, ...keys, ...uniques]) await drop(k);
  for (const i of indexes) await client.query(`DROP INDEX "${i.name}"`);
  const result = await load();
  // an index build sorts in maintenance_work_mem; the default 64 MB spills a nation table to disk
  await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
  for (const u of uniques) await add(u);
  for (const i of indexes) await client.query(i.definition);
  for (const k of [...keys, ...referencing]) await add(k);
  return result;
}
