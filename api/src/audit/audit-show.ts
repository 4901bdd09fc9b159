import type { DataSource } from 'typeorm';
import type { AuditEntry } from './audit-chain.js';

// What the trail says about one record: the entries that name it, and the import entries whose list of
// record keys holds it (an import writes one entry per file, audit/import-entries.ts).

/** an entry as stored: what was appended, with its id and time */
export interface ShownEntry extends AuditEntry {
  id: string;
  at: string;
}

export async function auditEntriesOf(ds: DataSource, recordKey: string): Promise<ShownEntry[]> {
  return (await ds.query(
    `SELECT a.id::text AS id, to_char(a.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, a.actor, a.action, a.table_name AS "tableName",
            a.record_key AS "recordKey", a.before, a.after
       FROM audit_log a
      WHERE a.record_key IN ($1, $2)
         OR (a.action = 'bundle.import' AND jsonb_typeof(a.after -> 'keys') = 'array' AND jsonb_exists(a.after -> 'keys', $1))
      ORDER BY a.id`,
    // a bundle correction names a record of a two-part key as its JSON key (["140500","张三"]), the API as 140500|张三
    [recordKey, JSON.stringify(recordKey.split('|'))],
  )) as ShownEntry[];
}

const MAX = 160;
const brief = (v: unknown) => {
  const s = JSON.stringify(v);
  return s.length > MAX ? `${s.slice(0, MAX)}…` : s;
};

/** One line an operator reads: which import brought the record in, or what changed it. */
export function describeEntry(e: ShownEntry, recordKey: string): string {
  const head = `#${e.id} ${e.at} ${e.actor} ${e.action}`;
  if (e.action === 'bundle.import') {
    const a = e.after as { file?: string; source?: string; rows?: number; digest?: string };
    return `${head}: brought ${recordKey} into ${e.tableName} from ${a.file ?? e.recordKey}${a.source ? ` of ${a.source}` : ''} (import of ${a.rows} rows, sha256 of the rows ${a.digest})`;
  }
  return `${head} ${e.tableName} ${e.recordKey}: ${e.before === null ? '' : `before ${brief(e.before)} `}after ${brief(e.after)}`;
}
