import { createHash } from 'node:crypto';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalJson, entryHash, GENESIS_HASH } from '../../audit/audit-chain.js';
import { auditPlace } from '../../audit/audit-key.js';

// The audit trail anchored: signed checkpoints in a table of their own (append-only like the trail),
// TRUNCATE refused on both by statement triggers (the row triggers never see a TRUNCATE), the
// checkpoint of a published ranking kept with it; and the chain re-keyed from plain SHA-256 to
// HMAC-SHA256 (audit/audit-key.ts). The product has not shipped, so the trail is re-keyed in place
// rather than carrying two schemes: a trail that does not verify under the old scheme is left as it
// is and the migration stops, since re-keying it would launder the tampering.
export class AuditAnchors1764400030000 implements MigrationInterface {
  name = 'AuditAnchors1764400030000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_checkpoints (
        id bigserial PRIMARY KEY,
        created_at timestamptz NOT NULL,
        entry_count bigint NOT NULL,
        head_id bigint NOT NULL,
        head_hash text NOT NULL,
        reason text NOT NULL,
        signature text NOT NULL
      );
      CREATE FUNCTION append_only_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP;
      END $$;
      CREATE TRIGGER trg_audit_checkpoints_append_only BEFORE UPDATE OR DELETE ON audit_checkpoints
        FOR EACH ROW EXECUTE FUNCTION append_only_refuse();
      CREATE TRIGGER trg_audit_checkpoints_no_truncate BEFORE TRUNCATE ON audit_checkpoints
        FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse();
      CREATE TRIGGER trg_audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION append_only_refuse();
      ALTER TABLE published_rankings ADD COLUMN audit_checkpoint jsonb;
    `);
    await rekey(q);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE published_rankings DROP COLUMN audit_checkpoint;
      DROP TRIGGER trg_audit_log_no_truncate ON audit_log;
      DROP TABLE audit_checkpoints;
      DROP FUNCTION append_only_refuse()`);
  }
}

interface Row { id: string; at: string; actor: string; action: string; table_name: string; record_key: string; before: unknown; after: unknown; prev_hash: string; hash: string }

async function rekey(q: QueryRunner): Promise<void> {
  const [{ n }] = (await q.query('SELECT count(*)::int AS n FROM audit_log')) as { n: number }[];
  if (n === 0) return;
  const { key } = auditPlace(q.connection);
  const rows = (await q.query(
    `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action, table_name, record_key, before, after, prev_hash, hash
       FROM audit_log ORDER BY audit_log.id`,
  )) as Row[];
  let oldPrev = GENESIS_HASH;
  let newPrev = GENESIS_HASH;
  const updates: { id: string; prev_hash: string; hash: string }[] = [];
  for (const r of rows) {
    const e = { id: r.id, at: r.at, actor: r.actor, action: r.action, tableName: r.table_name, recordKey: r.record_key, before: r.before, after: r.after };
    const old = createHash('sha256').update(oldPrev + canonicalJson(e)).digest('hex');
    if (r.prev_hash !== oldPrev || r.hash !== old) {
      throw new Error(`the audit trail does not verify at entry ${r.id} (unkeyed SHA-256 chain): it is not re-keyed, which would hide the change. Investigate, then restore a backup of an intact trail`);
    }
    const hash = entryHash(key, newPrev, e);
    updates.push({ id: r.id, prev_hash: newPrev, hash });
    oldPrev = old;
    newPrev = hash;
  }
  await q.query('ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only');
  for (let i = 0; i < updates.length; i += 5000) {
    await q.query(`UPDATE audit_log a SET prev_hash = v.prev_hash, hash = v.hash FROM jsonb_to_recordset($1::jsonb) AS v(id bigint, prev_hash text, hash text) WHERE a.id = v.id`,
      [JSON.stringify(updates.slice(i, i + 5000))]);
  }
  await q.query('ALTER TABLE audit_log ENABLE TRIGGER trg_audit_log_append_only');
}
