import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-chain.js';
import { DomainError } from '../common/domain-error.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';

export interface Scheme {
  version: string;
  basedOn: string | null;
  params: SchemeParams;
  note: string | null;
  createdAt: string;
}

function toScheme(r: { version: string; based_on: string | null; params: SchemeParams | string; note: string | null; created_at: Date | string }): Scheme {
  return {
    version: r.version,
    basedOn: r.based_on,
    params: typeof r.params === 'string' ? JSON.parse(r.params) : r.params,
    note: r.note,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

export async function loadScheme(ds: DataSource, version = 'default'): Promise<Scheme> {
  const rows = await ds.query(`SELECT version, based_on, params, note, created_at FROM scoring_schemes WHERE version = $1`, [version]);
  if (!rows.length) throw new DomainError('UNKNOWN_SCHEME', `no scoring scheme "${version}"; the versions are listed by GET /api/schemes`);
  return toScheme(rows[0]);
}

export async function listSchemes(ds: DataSource): Promise<Scheme[]> {
  const rows = await ds.query(`SELECT version, based_on, params, note, created_at FROM scoring_schemes ORDER BY created_at, version`);
  return rows.map(toScheme);
}

/** A scheme is never edited: a change is a new version that names the one it is based on. */
export async function createScheme(ds: DataSource, s: { version: string; basedOn: string; params: SchemeParams; note?: string }, actor: string): Promise<Scheme> {
  const exists = await ds.query(`SELECT 1 FROM scoring_schemes WHERE version = $1`, [s.version]);
  if (exists.length) throw new DomainError('CONFLICT', `version: scheme version "${s.version}" exists already; a scheme is never changed, choose a new version`);
  await loadScheme(ds, s.basedOn);
  await ds.transaction(async (m) => {
    const added = await m.query(`INSERT INTO scoring_schemes (version, based_on, params, note) VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING RETURNING version`,
      [s.version, s.basedOn, JSON.stringify(s.params), s.note ?? null]);
    if (!added.length) throw new DomainError('CONFLICT', `version: scheme version "${s.version}" exists already; a scheme is never changed, choose a new version`);
    await appendAudit(m, [{ actor, action: 'scheme.create', tableName: 'scoring_schemes', recordKey: s.version, before: null, after: { version: s.version, basedOn: s.basedOn, params: s.params, note: s.note ?? null } }]);
  });
  return loadScheme(ds, s.version);
}
