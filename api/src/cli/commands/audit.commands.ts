import { verifyAuditChain } from '../../audit/audit-chain.js';
import { securityEvent } from '../../common/security-log.js';
import { recordCheckpoint } from '../../audit/audit-checkpoints.js';
import { auditPlace } from '../../audit/audit-key.js';
import { auditEntriesOf, describeEntry } from '../../audit/audit-show.js';
import { openLedger } from '../../database/open-ledger.js';
import { EXIT, UsageError } from '../usage-error.js';
import type { Command } from './command.js';

// npm run cli -- audit verify [--against COUNT:HASH] | audit checkpoint | audit show RECORD_KEY

function against(v: string | boolean | undefined): { entries: number; hash: string } | undefined {
  if (v === undefined) return undefined;
  const m = typeof v === 'string' ? /^([\d,]+):([0-9a-fA-F]{16,64})$/.exec(v.trim()) : null;
  if (!m) throw new UsageError(`--against takes the head an operator kept, COUNT:HASH as \`audit checkpoint\` prints it (e.g. 1250:3f9a…), got "${v}"`);
  return { entries: Number(m[1].replace(/,/g, '')), hash: m[2] };
}

export const auditVerifyCommand: Command = {
  options: { against: { type: 'string' } },
  async run(v, _p, env) {
    const kept = against(v.against);
    const session = await openLedger(env, 'read');
    try {
      const r = await verifyAuditChain(session.db.dataSource, { against: kept });
      if (r.ok) {
        process.stdout.write(`audit trail intact: ${r.entries} entries (head ${r.head.headId} ${r.head.headHash}; ${r.checkpoints} signed checkpoints agree${kept ? '; the kept head agrees' : ''})\n`);
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

export const auditCheckpointCommand: Command = {
  options: {},
  async run(_v, _p, env) {
    const session = await openLedger(env, 'write');
    try {
      const c = await recordCheckpoint(session.db.dataSource, 'operator');
      await session.commit();
      const place = auditPlace(session.db.dataSource);
      process.stdout.write(
        `audit head: ${c.entries} entries, head id ${c.headId}, hash ${c.headHash}\n` +
        `time: ${c.at}\nsignature: ${c.signature}\n` +
        `keep elsewhere (e.g. in the monthly briefing's footer): ${c.entries}:${c.headHash}\n` +
        `check later: npm run cli -- audit verify --against ${c.entries}:${c.headHash}\n` +
        `(checkpoint written to audit_checkpoints${place.mirrorFile ? ` and ${place.mirrorFile}` : ''})\n`,
      );
      return EXIT.done;
    } finally {
      await session.close();
    }
  },
};

export const auditShowCommand: Command = {
  options: {},
  async run(_v, positionals, env) {
    if (positionals.length !== 1) throw new UsageError('audit show takes one RECORD_KEY (a ledger number, credit code, inspection id, username …)');
    const session = await openLedger(env, 'read');
    try {
      const entries = await auditEntriesOf(session.db.dataSource, positionals[0]);
      if (!entries.length) {
        process.stdout.write(`no audit entry names ${positionals[0]}\n`);
        return EXIT.refused;
      }
      process.stdout.write(entries.map((e) => describeEntry(e, positionals[0])).join('\n') + '\n');
      return EXIT.done;
    } finally {
      await session.close();
    }
  },
};
