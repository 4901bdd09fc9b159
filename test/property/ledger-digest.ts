import type { DataSource } from 'typeorm';

// What "nothing was written" means, checked: every table of the database (the ledger, the audit log,
// users, schemes, rankings, alerts …), its row count and an md5 over its rows as JSON in a fixed order.
// Tables are listed from the catalogue, so a table added later is covered without editing this file.

export async function tableNames(ds: DataSource): Promise<string[]> {
  const rows: { t: string }[] = await ds.query(
    `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`);
  return rows.map((r) => r.t);
}

/** One query: `table count md5` per table, joined; equal strings mean equal contents. */
export async function ledgerDigest(ds: DataSource, tables: string[]): Promise<string> {
  const parts = tables.map((t) => `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(row_to_json(x)::text, '|' ORDER BY row_to_json(x)::text), '')) AS h FROM "${t}" x`);
  const rows: { t: string; n: number; h: string }[] = await ds.query(parts.join(' UNION ALL '));
  return rows.map((r) => `${r.t} ${r.n} ${r.h}`).join('\n');
}

/**
 * The next transaction id, taken by asking for one. Any write (insert, update, delete, row lock) needs a
 * transaction id, so when the next one after a request is the one after this, the request wrote nothing
 * and the digest need not be taken; when ids were used (a write, maybe rolled back), the digest decides.
 */
export async function nextXid(ds: DataSource): Promise<bigint> {
  const [{ x }] = (await ds.query(`SELECT pg_current_xact_id()::text AS x`)) as { x: string }[];
  return BigInt(x);
}
