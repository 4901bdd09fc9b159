import os from 'node:os';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-chain.js';
import { recordCheckpoint } from '../audit/audit-checkpoints.js';

/**
 * Appends the restore to the restored trail and signs its head with reason `restore`: the checkpoint
 * mirror starts a new history there, since what it said about the replaced trail no longer applies.
 */
export async function auditRestore(ds: DataSource, from: string, backupCreatedAt: string | undefined): Promise<void> {
  await ds.transaction(async (m) => {
    await appendAudit(m, [{ actor: `cli:${os.userInfo().username}`, action: 'backup.restore', tableName: 'database', recordKey: from, before: null, after: { from, backupCreatedAt: backupCreatedAt ?? null } }]);
    await recordCheckpoint(m, 'restore');
  });
}
