import type { AuditCheckpoint } from '../audit/audit-checkpoints.js';

// What an embedded backup says about itself (manifest.json, the archive's first entry). A restore checks
// it before it touches DATA_DIR: the format it can read, the engine, and the payload's size and sha256.
export const BACKUP_FORMAT = 'hw-hazard-campaign-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const PAYLOAD_NAME = 'pgdata.tar.gz';

export interface BackupManifest {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  engine: 'embedded';
  createdAt: string;
  /** the ledger_version counter (migration LedgerVersion) when the copy was taken */
  ledgerVersion: string;
  /** the last migration the copied database had run */
  schema: string;
  /** rows in every table of the public schema */
  rowCounts: Record<string, number>;
  payload: { name: string; bytes: number; sha256: string };
  /** the audit trail's signed head in the copy (audit/audit-checkpoints.ts) */
  auditCheckpoint?: AuditCheckpoint;
}

/** The problem with a parsed manifest, or undefined when this code can restore it. */
export function manifestProblem(m: unknown): string | undefined {
  const x = m as Partial<BackupManifest> | null;
  if (!x || typeof x !== 'object' || x.format !== BACKUP_FORMAT) return `its manifest is not a ${BACKUP_FORMAT} manifest`;
  if (x.formatVersion !== BACKUP_FORMAT_VERSION) return `it is backup format version ${x.formatVersion}; this program reads version ${BACKUP_FORMAT_VERSION}`;
  if (x.engine !== 'embedded') return `its manifest names engine "${x.engine}", and only embedded archives carry a manifest`;
  if (!x.payload || typeof x.payload.sha256 !== 'string' || !Number.isInteger(x.payload.bytes)) return 'its manifest does not describe the payload';
  if (!x.rowCounts || typeof x.rowCounts !== 'object') return 'its manifest has no row counts';
  return undefined;
}
