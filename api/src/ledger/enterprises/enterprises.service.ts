import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { COUNTY_LEVELS } from '../../bundle/bundle-files.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { assertMayRead, assertMayWriteUnit, readScope } from '../common/ledger-scope.js';
import { LedgerWriter, type LedgerTx } from '../common/ledger-writer.js';
import { queryFlag } from '../common/validators.js';
import { ENTERPRISE_SORTS, type CreateEnterpriseDto, type EnterpriseQueryDto, type UpdateEnterpriseDto } from './enterprises.dto.js';

const IN_SCOPE = `(e.industry <> 'other' OR e.risk_level IN ('larger','major'))`;
const SELECT = `e.credit_code AS "creditCode", e.name, e.unit_code AS "unitCode", e.industry, e.risk_level AS "riskLevel",
  e.high_risk AS "highRisk", e.parent_credit_code AS "parentCreditCode", e.main_leader AS "mainLeader", ${IN_SCOPE} AS "inScope"`;

export interface EnterpriseView {
  creditCode: string; name: string; unitCode: string; industry: string; riskLevel: string;
  highRisk: boolean; parentCreditCode: string | null; mainLeader: string | null; inScope: boolean;
}

const COLUMNS: Record<string, string> = {
  name: 'name', unitCode: 'unit_code', industry: 'industry', riskLevel: 'risk_level', highRisk: 'high_risk',
  parentCreditCode: 'parent_credit_code', mainLeader: 'main_leader',
};

/** 企业: a unit's users read and write the enterprises of their jurisdiction; the city all. */
@Injectable()
export class EnterprisesService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  list(u: TokenClaims, q: EnterpriseQueryDto) {
    const w = new Where()
      .maybe('e.unit_code = ?', q.unit)
      .maybe('e.industry = ?', q.industry)
      .maybe('e.risk_level = ?', q.riskLevel)
      .maybe('e.high_risk = ?', queryFlag(q.highRisk))
      .maybe(`position(? in e.name) > 0`, q.q);
    const inScope = queryFlag(q.inScope);
    if (inScope !== undefined) w.raw(inScope ? IN_SCOPE : `NOT ${IN_SCOPE}`);
    const s = readScope(u);
    if (s) w.add('e.unit_code = ?', s);
    return listPage<EnterpriseView>(this.db.dataSource, { select: SELECT, from: 'enterprises e', where: w, sort: q.sort ?? 'credit_code', sorts: ENTERPRISE_SORTS, page: q.page, pageSize: q.pageSize });
  }

  async one(u: TokenClaims, creditCode: string): Promise<EnterpriseView> {
    const e = await this.find(this.db.dataSource.manager, creditCode);
    assertMayRead(u, [e.unitCode], `enterprise ${creditCode}`);
    return e;
  }

  create(u: TokenClaims, dto: CreateEnterpriseDto): Promise<EnterpriseView> {
    return this.writer.write(u, async (tx) => {
      assertMayWriteUnit(u, dto.unitCode, `an enterprise in the jurisdiction of ${dto.unitCode}`);
      await this.checkRefs(tx, dto);
      await tx.m.query(
        `INSERT INTO enterprises (credit_code, name, unit_code, industry, risk_level, high_risk, parent_credit_code, main_leader)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [dto.creditCode, dto.name, dto.unitCode, dto.industry, dto.riskLevel, dto.highRisk, dto.parentCreditCode ?? null, dto.mainLeader ?? null]);
      const after = await this.find(tx.m, dto.creditCode);
      tx.audit('enterprise.create', 'enterprises', dto.creditCode, null, after);
      return after;
    });
  }

  update(u: TokenClaims, creditCode: string, dto: UpdateEnterpriseDto): Promise<EnterpriseView> {
    return this.writer.write(u, async (tx) => {
      const before = await this.find(tx.m, creditCode, true);
      assertMayWriteUnit(u, before.unitCode, `enterprise ${creditCode}`);
      if (dto.unitCode) assertMayWriteUnit(u, dto.unitCode, `an enterprise in the jurisdiction of ${dto.unitCode}`);
      if (dto.parentCreditCode === creditCode) throw new DomainError('BAD_REFERENCE', `parentCreditCode: an enterprise cannot be its own parent`);
      await this.checkRefs(tx, dto);
      const sets: string[] = [];
      const params: unknown[] = [creditCode];
      for (const [k, col] of Object.entries(COLUMNS)) {
        const v = (dto as Record<string, unknown>)[k];
        if (v !== undefined) { params.push(v); sets.push(`${col} = $${params.length}`); }
      }
      if (!sets.length) return before;
      await tx.m.query(`UPDATE enterprises SET ${sets.join(', ')} WHERE credit_code = $1`, params);
      const after = await this.find(tx.m, creditCode);
      tx.audit('enterprise.update', 'enterprises', creditCode, before, after);
      return after;
    });
  }

  private async checkRefs(tx: LedgerTx, dto: { unitCode?: string; parentCreditCode?: string }): Promise<void> {
    if (dto.unitCode) {
      const [unit] = (await tx.m.query(`SELECT level FROM units WHERE code = $1`, [dto.unitCode])) as { level: string }[];
      if (!unit) throw new DomainError('BAD_REFERENCE', `unitCode: no unit ${dto.unitCode} in the ledger`);
      if (!COUNTY_LEVELS.includes(unit.level)) throw new DomainError('NOT_COUNTY_LEVEL', `unitCode: an enterprise's jurisdiction must be a county-level unit; ${dto.unitCode} is ${unit.level}-level`);
    }
    if (dto.parentCreditCode) {
      const [p] = (await tx.m.query(`SELECT 1 FROM enterprises WHERE credit_code = $1`, [dto.parentCreditCode])) as unknown[];
      if (!p) throw new DomainError('BAD_REFERENCE', `parentCreditCode: no enterprise ${dto.parentCreditCode} in the ledger`);
    }
  }

  private async find(m: EntityManager, creditCode: string, lock = false): Promise<EnterpriseView> {
    const [e] = (await m.query(`SELECT ${SELECT} FROM enterprises e WHERE e.credit_code = $1${lock ? ' FOR UPDATE' : ''}`, [creditCode])) as EnterpriseView[];
    if (!e) throw new DomainError('UNKNOWN_RECORD', `no enterprise with credit code ${creditCode}`);
    return e;
  }
}
