import { createHash } from 'node:crypto';
import { keyOf, type BundleFile, type Row } from '../bundle/bundle-records.js';
import type { LedgerState, KeyedTable } from '../bundle/ledger-state.js';
import type { AuditEntry } from './audit-chain.js';

// An import leaves one entry per file it wrote to (more for a very large file: KEYS_PER_ENTRY record keys each):
// the sha256 of the file's rows as read, how many, and the keys of the records it brought in, so that
// `audit show KEY` names the import a record came from. Corrections keep one entry per record
// (bundle.correct, with before and after).

const KEYS_PER_ENTRY = 10_000;

/** A record's key as the API and `audit show` spell it: the key value, or the parts joined by | */
const recordKey = (key: string[], row: Row) => key.map((k) => String(row[k] ?? '')).join('|');

/**
 * What canonicalJson(row) gives for a bundle row, so the digest is unchanged, without sorting the names
 * again for each of a million rows: a row holds its file's columns (scalars, or lists of strings), so
 * the sorted names are worked out once per file.
 */
export function rowSerialiser(columns: string[]): (row: Row) => string {
  const names = [...columns].sort().map((c) => ({ c, prefix: `${JSON.stringify(c)}:` }));
  return (row) => {
    let out = '';
    for (const { c, prefix } of names) {
      const v = row[c];
      if (v === undefined) continue;
      out += (out ? ',' : '{') + prefix + (Array.isArray(v) ? `[${v.map((x) => JSON.stringify(x)).join(',')}]` : JSON.stringify(v));
    }
    return out ? `${out}}` : '{}';
  };
}

/** the digest is fed in pieces of about this many characters, not a row at a time */
const DIGEST_PIECE = 1 << 16;

/** `corrections` are the import's bundle.correct entries; a file that brought nothing in and corrected nothing wrote nothing, and leaves no entry. */
export function importEntries(actor: string, files: BundleFile[], state: LedgerState, corrections: AuditEntry[], counts: Record<string, { inserted: number }>): AuditEntry[] {
  const out: AuditEntry[] = [];
  for (const f of files) {
    const spec = f.spec;
    const corrected = corrections.filter((c) => c.tableName === spec.table).length;
    const inserted = counts[spec.file]?.inserted ?? 0;
    const keyed = (state.keyed as Partial<Record<string, Map<string, { db?: Row }>>>)[spec.table as KeyedTable];
    const digest = createHash('sha256');
    const brought: string[] = [];
    const serialise = rowSerialiser(spec.columns.map((c) => c.name));
    let piece = '';
    for (const r of f.records) {
      piece += serialise(r.row) + '\n';
      if (piece.length >= DIGEST_PIECE) {
        digest.update(piece);
        piece = '';
      }
      if (!keyed?.get(keyOf(spec, r.row))?.db) brought.push(recordKey(spec.key, r.row));
    }
    digest.update(piece);
    // A file without a key of its own (findings, feedback …) is known by whole rows, which the ledger
    // state does not load: its candidates are all its rows and the count says how many were new. All
    // or none is exact; a part is listed with all candidates and says so.
    if (inserted === 0) brought.length = 0;
    const exact = brought.length === inserted;
    if (brought.length === 0 && corrected === 0) continue;
    const parts = Math.max(1, Math.ceil(brought.length / KEYS_PER_ENTRY));
    for (let p = 0; p < parts; p++) {
      out.push({
        actor, action: 'bundle.import', tableName: spec.table, recordKey: parts > 1 ? `${spec.file}#${p + 1}/${parts}` : spec.file,
        before: null,
        after: { file: spec.file, rows: f.records.length, digest: digest.copy().digest('hex'), new: inserted, corrected, ...(exact ? {} : { keysInclude: 'the new records and records the ledger held already' }), part: p + 1, parts, keys: brought.slice(p * KEYS_PER_ENTRY, (p + 1) * KEYS_PER_ENTRY) },
      });
    }
  }
  return out;
}
