import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { assertMayRead, readScope, writeUnit } from '../common/ledger-scope.js';
import { LedgerWriter } from '../common/ledger-writer.js';
import { SUBMISSION_SORTS, type CreateSubmissionDto, type SubmissionQueryDto } from './submissions.dto.js';

export interface SubmissionView { id: string; unitCode: string; kind: string; period: string | null; submittedOn: string }

const SELECT = `s.id::text AS id, s.unit_code AS "unitCode", s.kind, s.period, s.submitted_on AS "submittedOn"`;
const MONTHLY = ['monthly_report', 'dispatch_table'];

/** 报送: a unit's reports to the city, read and filed by that unit. */
@Injectable()
export class SubmissionsService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  list(u: TokenClaims, q: SubmissionQueryDto) {
    const w = new Where().maybe('s.unit_code = ?', q.unit).maybe('s.kind = ?', q.kind).maybe('s.period = ?', q.period).maybe('s.unit_code = ?', readScope(u));
    return listPage<SubmissionView>(this.db.dataSource, { select: SELECT, from: 'submissions s', where: w, sort: q.sort ?? '-submitted_on', sorts: SUBMISSION_SORTS, page: q.page, pageSize: q.pageSize });
  }

  async one(u: TokenClaims, id: string): Promise<SubmissionView> {
    const s = await find(this.db.dataSource.manager, id);
    assertMayRead(u, [s.unitCode], `submission ${id}`);
    return s;
  }

  async create(u: TokenClaims, d: CreateSubmissionDto): Promise<SubmissionView> {
    const id = await this.writer.write(u, async (tx) => {
      const unit = writeUnit(u, d.unitCode, 'submission');
      if (MONTHLY.includes(d.kind) && !d.period) throw new DomainError('BAD_PARAMETER', `period is required for a ${d.kind} (the month it reports, YYYY-MM)`);
      if (!MONTHLY.includes(d.kind) && d.period) throw new DomainError('BAD_PARAMETER', `period: a ${d.kind} has no period`);
      tx.notFuture(d.submittedOn, 'submittedOn');
      const [known] = (await tx.m.query(`SELECT 1 FROM units WHERE code = $1`, [unit])) as unknown[];
      if (!known) throw new DomainError('BAD_REFERENCE', `unitCode: no unit ${unit} in the ledger`);
      const [row] = (await tx.m.query(`INSERT INTO submissions (unit_code, kind, period, submitted_on) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
        [unit, d.kind, d.period ?? null, d.submittedOn])) as { id: string }[];
      tx.audit('submission.create', 'submissions', row.id, null, await find(tx.m, row.id));
      return row.id;
    });
    return this.one(u, id);
  }
}

async function find(m: EntityManager, id: string): Promise<SubmissionView> {
  const [s] = /^\d{1,18}$/.test(id) ? ((await m.query(`SELECT ${SELECT} FROM submissions s WHERE s.id = $1::bigint`, [id])) as SubmissionView[]) : [];
  if (!s) throw new DomainError('UNKNOWN_RECORD', `no submission ${id}`);
  return s;
}
