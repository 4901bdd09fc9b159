import fs from 'node:fs';
import type { Command } from '../cli/commands/command.js';
import { EXIT, RefusedError, UsageError } from '../cli/usage-error.js';
import { archiveKind } from './backup-archive.js';
import { backupEmbedded, restoreEmbedded } from './embedded-backup.js';
import { describeCounts } from './ledger-facts.js';
import { securityEvent } from '../common/security-log.js';
import { backupPostgres, restorePostgres } from './postgres-backup.js';

// npm run cli -- backup --out PATH [--force]   and   npm run cli -- restore --from PATH
// The engine is the one the environment selects (DATABASE_URL, else DATA_DIR); a backup restores only
// into the engine that made it.

function path(value: string | boolean | undefined, option: string): string {
  if (typeof value !== 'string' || !value) throw new UsageError(`${option} PATH is required`);
  return value;
}

export const backupCommand: Command = {
  options: { out: { type: 'string' }, force: { type: 'boolean' } },
  async run(v, positionals, env) {
    if (positionals.length) throw new UsageError(`backup takes no PATH argument; use --out ${positionals[0]}`);
    const out = path(v.out, '--out');
    if (env.databaseUrl) {
      const r = await backupPostgres(env.databaseUrl, out, v.force === true, env.dataDir);
      process.stdout.write(`backup written: ${out} (PostgreSQL ${r.server}, pg_dump custom format, ${r.bytes} bytes; sha256 in ${out}.sha256; audit head ${r.auditCheckpoint.entries}:${r.auditCheckpoint.headHash} in ${out}.audit-checkpoint.json)\n`);
    } else {
      const m = await backupEmbedded(env.dataDir, out, v.force === true);
      process.stdout.write(`backup written: ${out} (embedded, ${fs.statSync(out).size} bytes, ledger version ${m.ledgerVersion}, ` +
        `${describeCounts(m.rowCounts)}, payload sha256 ${m.payload.sha256})\n`);
    }
    return EXIT.done;
  },
};

export const restoreCommand: Command = {
  options: { from: { type: 'string' } },
  async run(v, positionals, env) {
    if (positionals.length) throw new UsageError(`restore takes no PATH argument; use --from ${positionals[0]}`);
    const from = path(v.from, '--from');
    const kind = archiveKind(from);
    if (env.databaseUrl) {
      if (kind !== 'postgres') {
        throw new RefusedError(`${from} is a backup of the embedded database (DATA_DIR), not of PostgreSQL; restore it without DATABASE_URL, ` +
          `with DATA_DIR set to the folder to restore into; nothing was changed`);
      }
      const facts = await restorePostgres(env.databaseUrl, from, env.dataDir);
      if (!facts.checksummed) process.stderr.write(`note: no ${from}.sha256 beside the backup, so its checksum was not checked (it was read to the end before the restore)\n`);
      securityEvent('backup.restored', { engine: 'postgres', from, rowCounts: facts.rowCounts });
      process.stdout.write(`restored ${from} into PostgreSQL (${describeCounts(facts.rowCounts)})\n`);
    } else {
      if (kind !== 'embedded') {
        throw new RefusedError(`${from} is a PostgreSQL backup (pg_dump custom format), not of the embedded database; ` +
          `set DATABASE_URL to the PostgreSQL database to restore it into (or use pg_restore); nothing was changed`);
      }
      const m = await restoreEmbedded(env.dataDir, from);
      securityEvent('backup.restored', { engine: 'embedded', from, dataDir: env.dataDir, backupOf: m.createdAt, ledgerVersion: m.ledgerVersion });
      process.stdout.write(`restored ${from} into DATA_DIR ${env.dataDir} (backup of ${m.createdAt}, ledger version ${m.ledgerVersion}, ${describeCounts(m.rowCounts)})\n`);
    }
    return EXIT.done;
  },
};
