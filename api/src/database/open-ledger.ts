import { releaseHeldMirror } from '../audit/audit-key.js';
import type { Env } from '../config/env.js';
import { acquireDataDirLock } from './data-dir-lock.js';
import { openDatabase, type Database } from './data-source.js';
import { prepareDataDir, stageGeneration } from './embedded-store.js';

export interface LedgerSession {
  db: Database;
  /** true when the embedded folder was created by this call (no database existed) */
  fresh: boolean;
  /** keeps what was written (embedded: swaps the staged copy in); without it, `close` drops the writes */
  commit(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens the ledger for one command. On PostgreSQL the caller's transaction is the unit of safety. In the
 * embedded folder a writing command works on a staged copy that becomes current only on `commit`, so a
 * kill or a refusal midway leaves the previous state whole (see embedded-store.ts).
 */
export async function openLedger(env: Env, mode: 'read' | 'write'): Promise<LedgerSession> {
  if (env.databaseUrl) {
    const db = await openDatabase({ databaseUrl: env.databaseUrl, auditDir: env.dataDir });
    return { db, fresh: false, commit: async () => undefined, close: () => db.close() };
  }
  const release = acquireDataDirLock(env.dataDir);
  try {
    const { dir, fresh } = prepareDataDir(env.dataDir);
    if (mode === 'read') {
      const db = await openDatabase({ embeddedDir: dir, auditDir: env.dataDir });
      return { db, fresh, commit: async () => undefined, close: async () => { await db.close(); release(); } };
    }
    const stage = stageGeneration(env.dataDir);
    const db = await openDatabase({ embeddedDir: stage.dir, auditDir: env.dataDir, holdAuditMirror: true });
    let committed = false;
    return {
      db,
      fresh,
      async commit() {
        await db.close();
        stage.commit();
        committed = true;
        releaseHeldMirror(db.dataSource);
      },
      async close() {
        if (!committed) {
          await db.close();
          stage.discard();
        }
        release();
      },
    };
  } catch (e) {
    release();
    throw e;
  }
}
