import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { assertEnterpriseWritable, assertMayRead, readScope } from '../common/ledger-scope.js';
import { LedgerWriter } from '../common/ledger-writer.js';
import { DRILL_SORTS, type CreateDrillDto, type DrillQueryDto } from './drills.dto.js';

export interface DrillView { id: string; enterpriseCreditCode: string; unitCode: string; drilledOn: string }

const SELECT = `d.id::text AS id, d.enterprise_credit_code AS "enterpriseCreditCode", e.unit_code AS "unitCode", d.drilled_on AS "drilledOn"`;
const FROM = 'drills d JOIN enterprises e ON e.credit_code = d.enterprise_credit_code';

/** 应急演练: a drill has no reporting unit of its own; it belongs to the enterprise's jurisdiction. */
@Injectable()
export class DrillsService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  list(u: TokenClaims, q: DrillQueryDto) {
    const w = new Where().maybe('e.unit_code = ?', q.unit).maybe('d.enterprise_credit_code = ?', q.enterprise)
      .maybe('d.drilled_on >= ?::date', q.from).maybe('d.drilled_on <= ?::date', q.to).maybe('e.unit_code = ?', readScope(u));
    return listPage<DrillView>(this.db.dataSource, { select: SELECT, from: FROM, where: w, sort: q.sort ?? '-drilled_on', sorts: DRILL_SORTS, page: q.page, pageSize: q.pageSize });
  }

  async one(u: TokenClaims, id: string): Promise<DrillView> {
    const d = await find(this.db.dataSource.manager, id);
    assertMayRead(u, [d.unitCode], `drill ${id}`);
    return d;
  }

  async create(u: TokenClaims, d: CreateDrillDto): Promise<DrillView> {
    const id = await this.writer.write(u, async (tx) => {
      await assertEnterpriseWritable(tx.m, u, d.enterpriseCreditCode);
      tx.notFuture(d.drilledOn, 'drilledOn');
      const [row] = (await tx.m.query(`INSERT INTO drills (enterprise_credit_code, drilled_on) VALUES ($1, $2) RETURNING id::text AS id`,
        [d.enterpriseCreditCode, d.drilledOn])) as { id: string }[];
      tx.audit('drill.create', 'drills', row.id, null, await find(tx.m, row.id));
      return row.id;
    });
    return this.one(u, id);
  }
}

async function find(m: EntityManager, id: string): Promise<DrillView> {
  const [d] = /^\d{1,18}$/.test(id) ? ((await m.query(`SELECT ${SELECT} FROM ${FROM} WHERE d.id = $1::bigint`, [id])) as DrillView[]) : [];
  if (!d) throw new DomainError('UNKNOWN_RECORD', `no drill ${id}`);
  return d;
}
