import type { DataSource } from 'typeorm';

/**
 * Forgets the ledger's change notes older than `olderThan` (a PostgreSQL interval) and records the
 * newest transaction forgotten: an analytics copy taken before it reloads whole instead of missing a
 * change (analytics/src/ledger-refresh.ts). Returns the number of notes removed.
 */
export async function pruneLedgerChanges(ds: DataSource, olderThan = '1 day'): Promise<number> {
  return ds.transaction(async (m) => {
    // a SELECT around the DELETE: TypeORM answers a bare DELETE … RETURNING with [rows, count]
    const [gone]: { n: number; through: string | null }[] = await m.query(
      `WITH gone AS (DELETE FROM ledger_changes WHERE noted_at < now() - $1::interval RETURNING xid)
       SELECT count(*)::int AS n, max(xid::text::bigint)::text AS through FROM gone`, [olderThan]);
    if (gone.through !== null) {
      await m.query(`UPDATE ledger_changes_pruned SET through = greatest(through, $1::text::xid8)`, [gone.through]);
    }
    return gone.n;
  });
}
