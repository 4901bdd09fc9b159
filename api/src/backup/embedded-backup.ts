import { readOnlyCheckpoint } from '../audit/audit-checkpoints.js';
import { releaseHeldMirror } from '../audit/audit-key.js';
import { RefusedError } from '../cli/usage-error.js';
import { auditRestore } from './restore-audit.js';
import { acquireDataDirLock, DataDirInUseError } from '../database/data-dir-lock.js';
import { openDatabase } from '../database/data-source.js';
import { currentGeneration, stageEmptyGeneration, stageGeneration } from '../database/embedded-store.js';
import { MIGRATIONS } from '../database/migrations/index.js';
import { payloadStream, verifyEmbeddedArchive, writeEmbeddedArchive } from './backup-archive.js';
import { untarInto } from './tar.js';
import type { BackupManifest } from './backup-manifest.js';
import { ledgerFacts } from './ledger-facts.js';
import { stageOutput } from './output-file.js';

/** The lock refusal, saying what to do about the usual holder: a running server. */
class BackupDataDirInUseError extends DataDirInUseError {
  constructor(e: DataDirInUseError, what: 'back up' | 'restore') {
    super(e.dataDir, e.pid);
    this.message = `cannot ${what} DATA_DIR ${e.dataDir}: process ${e.pid} (usually the server) is using it. ` +
      `Stop the server and run the command again; or, to keep the server running, run it on PostgreSQL (DATABASE_URL), where backup and restore work beside it`;
  }
}

function lock(dataDir: string, what: 'back up' | 'restore'): () => void {
  try {
    return acquireDataDirLock(dataDir);
  } catch (e) {
    throw e instanceof DataDirInUseError ? new BackupDataDirInUseError(e, what) : e;
  }
}

/**
 * Backs up the current generation. Under the DATA_DIR lock nothing else writes it; the copy that is
 * archived is a staged one, opened only to read its figures and closed cleanly, so the archive holds a
 * shut-down database and the current generation is not even opened.
 */
export async function backupEmbedded(dataDir: string, out: string, force: boolean): Promise<BackupManifest> {
  const output = stageOutput(out, force);
  const release = lock(dataDir, 'back up');
  try {
    if (!currentGeneration(dataDir)) throw new RefusedError(`there is no database in DATA_DIR ${dataDir} to back up; check DATA_DIR (or set DATABASE_URL for PostgreSQL)`);
    const stage = stageGeneration(dataDir);
    try {
      const db = await openDatabase({ embeddedDir: stage.dir, migrate: false, auditDir: dataDir });
      let facts;
      let auditCheckpoint;
      try {
        facts = await ledgerFacts((sql, params) => db.dataSource.query(sql, params));
        auditCheckpoint = await readOnlyCheckpoint(db.dataSource, 'backup');
      } finally {
        await db.close();
      }
      const manifest = await writeEmbeddedArchive(stage.dir, output.tmp, { createdAt: new Date().toISOString(), ...facts, auditCheckpoint });
      output.commit();
      return manifest;
    } finally {
      stage.discard();
    }
  } catch (e) {
    output.discard();
    throw e;
  } finally {
    release();
  }
}

/**
 * Restores an embedded archive: checks manifest and checksum first, unpacks into a new generation,
 * opens it and compares its rows with the manifest, and only then makes it current by the atomic
 * rename of CURRENT. Any refusal or a kill before that rename leaves the previous data as it was.
 */
export async function restoreEmbedded(dataDir: string, from: string): Promise<BackupManifest> {
  const archive = await verifyEmbeddedArchive(from);
  const { manifest } = archive;
  const known = MIGRATIONS.map((m) => m.name);
  if (manifest.schema && !known.includes(manifest.schema)) {
    throw new RefusedError(`${from} was made by a newer version of this program (its schema ends with migration ${manifest.schema}, unknown here); restore it with that version; nothing was changed`);
  }
  const release = lock(dataDir, 'restore');
  try {
    const stage = stageEmptyGeneration(dataDir);
    try {
      try {
        await untarInto(payloadStream(archive), stage.dir);
      } catch (e) {
        throw new RefusedError(`${from} could not be unpacked (${(e as Error).message}); nothing was changed`);
      }
      let facts;
      try {
        const db = await openDatabase({ embeddedDir: stage.dir, migrate: false });
        try {
          facts = await ledgerFacts((sql, params) => db.dataSource.query(sql, params));
        } finally {
          await db.close();
        }
      } catch (e) {
        throw new RefusedError(`the database in ${from} could not be opened (${(e as Error).message}); nothing was changed`);
      }
      const differing = Object.keys({ ...manifest.rowCounts, ...facts.rowCounts }).filter((t) => manifest.rowCounts[t] !== facts.rowCounts[t]);
      if (differing.length) {
        throw new RefusedError(`the restored copy does not hold the rows the manifest lists (${differing.map((t) => `${t}: ${facts.rowCounts[t] ?? 'missing'} ≠ ${manifest.rowCounts[t] ?? 'missing'}`).join(', ')}); nothing was changed`);
      }
    } catch (e) {
      stage.discard();
      throw e;
    }
    // the restore is on the trail it brought back, with a checkpoint that starts the mirror's new history
    let restored;
    try {
      restored = await openDatabase({ embeddedDir: stage.dir, auditDir: dataDir, holdAuditMirror: true });
      try {
        await auditRestore(restored.dataSource, from, manifest.createdAt);
      } finally {
        await restored.close();
      }
    } catch (e) {
      stage.discard();
      throw e;
    }
    // after the checks: once CURRENT names the new folder it must not be discarded
    stage.commit();
    releaseHeldMirror(restored.dataSource);
    return manifest;
  } finally {
    release();
  }
}
