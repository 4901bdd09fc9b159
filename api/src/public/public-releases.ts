import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-chain.js';
import { DomainError } from '../common/domain-error.js';

// The months the city office has released to the public (三公开), table public_releases. A release is
// an audit entry: who made a month's list public, and when, is part of the record.

export interface PublicRelease { month: string; releasedAt: string }

const row = (r: { month: string; released_at: Date | string }): PublicRelease => ({ month: r.month, releasedAt: new Date(r.released_at).toISOString() });

export async function listReleases(ds: DataSource): Promise<PublicRelease[]> {
  return (await ds.query(`SELECT month, released_at FROM public_releases ORDER BY month`)).map(row);
}

export async function findRelease(ds: DataSource, month: string): Promise<PublicRelease | undefined> {
  const [r] = await ds.query(`SELECT month, released_at FROM public_releases WHERE month = $1`, [month]);
  return r ? row(r) : undefined;
}

export async function release(ds: DataSource, month: string, actor: string): Promise<PublicRelease> {
  await ds.transaction(async (m) => {
    const inserted = await m.query(`INSERT INTO public_releases (month, released_by) VALUES ($1, $2) ON CONFLICT (month) DO NOTHING RETURNING month`, [month, actor]);
    if (!inserted.length) throw new DomainError('ALREADY_PUBLISHED', `三公开: ${month} 已向社会公开 (the list of ${month} was released already)`);
    await appendAudit(m, [{ actor, action: 'public.release', tableName: 'public_releases', recordKey: month, before: null, after: { month } }]);
  });
  return (await findRelease(ds, month))!;
}
