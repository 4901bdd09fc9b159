import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { EnvError, readEnv } from './config/env.js';
import { acquireDataDirLock, DataDirInUseError } from './database/data-dir-lock.js';
import { openDatabase, type Database } from './database/data-source.js';
import { prepareDataDir, stageGeneration } from './database/embedded-store.js';
import { ensureAdmin, ledgerIsEmpty, loadDemoLedger } from './first-start.js';
import { createApp } from './server.js';
import { releaseHeldMirror } from './audit/audit-key.js';
import { stopOnSignals } from './common/shutdown.js';

const log = new Logger('main');

/** The database, and for the embedded folder the release of its lock (the last step of a stop). */
async function openServerDatabase(env: ReturnType<typeof readEnv>): Promise<{ db: Database; releaseLock?: () => void }> {
  if (env.databaseUrl) return { db: await openDatabase({ databaseUrl: env.databaseUrl, auditDir: env.dataDir }) };
  const releaseLock = acquireDataDirLock(env.dataDir);
  const { dir } = prepareDataDir(env.dataDir);
  let db = await openDatabase({ embeddedDir: dir, auditDir: env.dataDir });
  if (await ledgerIsEmpty(db.dataSource)) {
    // the demo ledger goes in through a staged copy, so a kill during the first start leaves an empty folder, not a broken one
    await db.close();
    const stage = stageGeneration(env.dataDir);
    const staged = await openDatabase({ embeddedDir: stage.dir, auditDir: env.dataDir, holdAuditMirror: true });
    try {
      await loadDemoLedger(staged.dataSource, (s) => log.log(s));
      await staged.close();
      stage.commit();
      releaseHeldMirror(staged.dataSource);
    } catch (e) {
      await staged.close().catch(() => undefined);
      stage.discard();
      throw e;
    }
    db = await openDatabase({ embeddedDir: (prepareDataDir(env.dataDir)).dir, auditDir: env.dataDir });
  }
  return { db, releaseLock };
}

async function main(): Promise<void> {
  const env = readEnv();
  const { db, releaseLock } = await openServerDatabase(env);
  await ensureAdmin(db.dataSource, env.adminPassword, (s) => log.log(s));
  const app = await createApp({ env, db });
  await app.listen(env.port, env.host);
  log.log(`serving on http://${env.host}:${env.port} (${db.kind === 'embedded' ? `embedded database in ${env.dataDir}` : 'PostgreSQL'})`);
  stopOnSignals({ app, db, releaseLock, log });
}

main().catch((e: unknown) => {
  if (e instanceof EnvError) console.error(`configuration error: ${e.message}`);
  else if (e instanceof DataDirInUseError) console.error(e.message);
  else console.error(e);
  process.exit(1);
});
