import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { appendAudit, canonicalJson } from '../audit/audit-chain.js';
import { recordCheckpoint, type AuditCheckpoint } from '../audit/audit-checkpoints.js';
import { DomainError } from '../common/domain-error.js';

// The tables whose content a ranking is computed from; their digest is stored with a published ranking
// so that anyone can tell later whether the ledger has changed since.
const LEDGER_TABLES = ['units', 'enterprises', 'inspections', 'findings', 'hazards', 'actions', 'leaders',
  'leader_inspections', 'assignments', 'feedback', 'drills', 'submissions', 'campaigns'];

export async function ledgerDigest(ds: DataSource): Promise<string> {
  const h = createHash('sha256');
  for (const t of LEDGER_TABLES) {
    // row text without surrogate ids, in a stable order: the same ledger gives the same digest on any engine
    const cols = (await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1 AND column_name <> 'id' ORDER BY ordinal_position`, [t]))
      .map((r: { column_name: string }) => `"${r.column_name}"`).join(', ');
    const [row] = await ds.query(`SELECT md5(coalesce(string_agg(r::text, E'\\n' ORDER BY r::text), '')) AS d, count(*)::int AS n FROM (SELECT ${cols} FROM ${t}) r`);
    h.update(`${t}:${row.n}:${row.d}\n`);
  }
  return h.digest('hex');
}

export interface PublishedRanking<R = unknown> {
  month: string;
  schemeVersion: string;
  dataDigest: string;
  publishedAt: string;
  publishedBy: string;
  /** the audit trail's signed head at publishing (audit/audit-checkpoints.ts); null for rankings published before it existed */
  auditCheckpoint: AuditCheckpoint | null;
  ranking: R;
}

export async function loadPublishedRanking<R = unknown>(ds: DataSource, month: string): Promise<PublishedRanking<R>> {
  const found = await findPublishedRanking<R>(ds, month);
  if (!found) throw new DomainError('NOT_PUBLISHED', `no ranking has been published for ${month}`);
  return found;
}

export async function findPublishedRanking<R = unknown>(ds: DataSource, month: string): Promise<PublishedRanking<R> | undefined> {
  const rows = await ds.query(`SELECT month, scheme_version, data_digest, payload, published_at, published_by, audit_checkpoint FROM published_rankings WHERE month = $1`, [month]);
  if (!rows.length) return undefined;
  const r = rows[0];
  return {
    month: r.month,
    schemeVersion: r.scheme_version,
    dataDigest: r.data_digest,
    publishedAt: new Date(r.published_at).toISOString(),
    publishedBy: r.published_by,
    auditCheckpoint: r.audit_checkpoint ?? null,
    ranking: typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload,
  };
}

/**
 * Freezes a month's ranking. A month is published once: a published ranking never moves afterwards. The
 * publishing is an audit entry, and the trail's signed head (which includes that entry) is stored with
 * the ranking, so a later loss of entries up to it shows against the ranking too.
 */
export async function savePublishedRanking(ds: DataSource, p: Omit<PublishedRanking, 'publishedAt' | 'auditCheckpoint'>): Promise<PublishedRanking> {
  await ds.transaction(async (m) => {
    const [taken] = await m.query(`SELECT 1 FROM published_rankings WHERE month = $1 FOR UPDATE`, [p.month]);
    if (taken) throw new DomainError('ALREADY_PUBLISHED', `the ranking of ${p.month} was published already and cannot change`);
    await appendAudit(m, [{ actor: p.publishedBy, action: 'ranking.publish', tableName: 'published_rankings', recordKey: p.month, before: null,
      after: { month: p.month, schemeVersion: p.schemeVersion, dataDigest: p.dataDigest, rankingSha256: createHash('sha256').update(canonicalJson(p.ranking)).digest('hex') } }]);
    const checkpoint = await recordCheckpoint(m, 'publish');
    const inserted = await m.query(
      `INSERT INTO published_rankings (month, scheme_version, data_digest, payload, published_by, audit_checkpoint) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (month) DO NOTHING RETURNING month`,
      [p.month, p.schemeVersion, p.dataDigest, JSON.stringify(p.ranking), p.publishedBy, JSON.stringify(checkpoint)],
    );
    if (!inserted.length) throw new DomainError('ALREADY_PUBLISHED', `the ranking of ${p.month} was published already and cannot change`);
  });
  return loadPublishedRanking(ds, p.month);
}
