import type { Hash } from 'node:crypto';
import type { FileSpec } from '../bundle/bundle-files.js';
import { CanonicalText, canonicalJson, type AuditEntry } from './audit-chain.js';

// An import leaves one entry per file it wrote to (more for a very large file: KEYS_PER_ENTRY record keys each):
// the sha256 of the file's records as read (their COPY text lines as staged: line, the columns found
// wrong (none, in an import), whether it stands for its key, then the cells as the ledger stores them,
// bundle/checked-piece.ts), how many, and the keys of the records it brought in, so that
// `audit show KEY` names the import a record came from. Corrections keep one entry per record
// (bundle.correct, with before and after).

const KEYS_PER_ENTRY = 10_000;
export const BROUGHT_KEYS_PER_ENTRY = KEYS_PER_ENTRY;

// A record's key as the API and `audit show` spell it: the key value, or the parts joined by | (spelled
// in SQL by bundle/write-bundle.ts, which reads them from the staging table).

/** What the write knows of one file once written: how many records it inserted and corrected, and how many it brought (keys the ledger did not hold). */
export interface WrittenFile {
  inserted: number;
  corrected: number;
  brought: number;
}

/** The next page of keys after a line: the keys as a JSON list in JSON.stringify's form, and the page's last line. */
export type KeyPages = (after: number) => Promise<{ last: number; keys: string }>;

// The page's JSON text goes into the entry as it came, not parsed and written out again: at nation that
// was 25.6 M keys through JSON.parse and JSON.stringify. It takes the place of this slot in the entry's
// canonical JSON; no record key can hold it (the ledger refuses a NUL in any text).
const KEYS_SLOT = '\u0000keys';

/**
 * The entries of one staged file, a part (up to BROUGHT_KEYS_PER_ENTRY keys) at a time, the keys read a
 * page at a time (`keys(after)`: the next page after that line, in the file's order): a nation's 11 M
 * inspection keys never sit in memory together. A file that brought nothing in and corrected nothing
 * wrote nothing, and leaves no entry.
 */
export async function* importEntries(
  actor: string,
  f: { spec: FileSpec; rows: number; digest: Hash },
  w: WrittenFile,
  keys: KeyPages,
): AsyncGenerator<AuditEntry[]> {
  const spec = f.spec;
  // A file without a key of its own (findings, feedback …) is known by whole rows, which are not looked
  // up: its candidates are all its rows and the count says how many were new. All or none is exact; a
  // part is listed with all candidates and says so.
  const brought = w.inserted === 0 ? 0 : w.brought;
  const exact = brought === w.inserted;
  if (brought === 0 && w.corrected === 0) return;
  const digest = f.digest.copy().digest('hex');
  const parts = Math.max(1, Math.ceil(brought / KEYS_PER_ENTRY));
  let after = 0;
  for (let p = 0; p < parts; p++) {
    const page = brought === 0 ? { last: after, keys: '[]' } : await keys(after);
    after = page.last;
    const fields = { file: spec.file, rows: f.rows, digest, new: w.inserted, corrected: w.corrected, ...(exact ? {} : { keysInclude: 'the new records and records the ledger held already' }), part: p + 1, parts };
    yield [{
      actor, action: 'bundle.import', tableName: spec.table, recordKey: parts > 1 ? `${spec.file}#${p + 1}/${parts}` : spec.file,
      before: null,
      after: new CanonicalText(canonicalJson({ ...fields, keys: KEYS_SLOT }).replace(JSON.stringify(KEYS_SLOT), () => page.keys)),
    }];
  }
}
