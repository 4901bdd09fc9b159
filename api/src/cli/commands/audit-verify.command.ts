import { verifyAuditChain } from '../../audit/audit-chain.js';
import { openLedger } from '../../database/open-ledger.js';
import { securityEvent } from '../../common/security-log.js';
import { EXIT } from '../usage-error.js';
import type { Command } from './command.js';

export const auditVerifyCommand: Command = {
  options: {},
  async run(_v, _p, env) {
    const session = await openLedger(env, 'read');
    try {
      const r = await verifyAuditChain(session.db.dataSource);
      if (r.ok) {
        process.stdout.write(`audit trail intact: ${r.entries} entries\n`);
        return EXIT.done;
      }
      securityEvent('audit.verify_failed', { firstBadId: r.firstBadId, reason: r.reason });
      process.stdout.write(`audit trail broken at entry ${r.firstBadId}: ${r.reason}\n`);
      return EXIT.refused;
    } finally {
      await session.close();
    }
  },
};
