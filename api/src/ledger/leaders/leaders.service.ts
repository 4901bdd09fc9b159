import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { assertEnterpriseWritable, assertMayRead, assertMayWriteUnit, scopeByUnitOrEnterprise, writeUnit } from '../common/ledger-scope.js';
import { LedgerWriter } from '../common/ledger-writer.js';
import { LEADER_INSPECTION_SORTS, LEADER_SORTS, type CreateLeaderDto, type CreateLeaderInspectionDto, type LeaderInspectionQueryDto, type LeaderQueryDto, type UpdateLeaderDto } from './leaders.dto.js';

export interface LeaderView { unitCode: string; name: string; role: 'main' | 'member' }
export interface LeaderInspectionView { id: string; unitCode: string; leaderName: string; inspectedOn: string; enterpriseCreditCode: string | null }

const LEADER = `l.unit_code AS "unitCode", l.name, l.role`;
const LEADER_INSPECTION = `li.id::text AS id, li.unit_code AS "unitCode", li.leader_name AS "leaderName", li.inspected_on AS "inspectedOn",
  li.enterprise_credit_code AS "enterpriseCreditCode"`;

/** 领导干部: a unit's roster and its leaders' inspections (I4). A roster is read and kept by its own unit. */
@Injectable()
export class LeadersService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  list(u: TokenClaims, q: LeaderQueryDto) {
    const w = new Where().maybe('l.unit_code = ?', q.unit).maybe('l.role = ?', q.role);
    scopeByUnitOrEnterprise(w, u, 'l.unit_code', null);
    return listPage<LeaderView>(this.db.dataSource, { select: LEADER, from: 'leaders l', where: w, sort: q.sort ?? 'unit', sorts: LEADER_SORTS, page: q.page, pageSize: q.pageSize });
  }

  create(u: TokenClaims, d: CreateLeaderDto): Promise<LeaderView> {
    return this.writer.write(u, async (tx) => {
      const unit = writeUnit(u, d.unitCode, 'leader');
      const [known] = (await tx.m.query(`SELECT 1 FROM units WHERE code = $1`, [unit])) as unknown[];
      if (!known) throw new DomainError('BAD_REFERENCE', `unitCode: no unit ${unit} in the ledger`);
      if (await findLeader(tx.m, unit, d.name)) throw new DomainError('CONFLICT', `name: ${d.name} is on unit ${unit}'s roster already`);
      await tx.m.query(`INSERT INTO leaders (unit_code, name, role) VALUES ($1, $2, $3)`, [unit, d.name, d.role]);
      const after = (await findLeader(tx.m, unit, d.name))!;
      tx.audit('leader.create', 'leaders', `${unit}|${d.name}`, null, after);
      return after;
    });
  }

  update(u: TokenClaims, unit: string, name: string, d: UpdateLeaderDto): Promise<LeaderView> {
    return this.writer.write(u, async (tx) => {
      assertMayWriteUnit(u, unit, `the roster of unit ${unit}`);
      const before = await findLeader(tx.m, unit, name, true);
      if (!before) throw new DomainError('UNKNOWN_RECORD', `no leader ${name} on unit ${unit}'s roster`);
      await tx.m.query(`UPDATE leaders SET role = $3 WHERE unit_code = $1 AND name = $2`, [unit, name, d.role]);
      const after = (await findLeader(tx.m, unit, name))!;
      tx.audit('leader.update', 'leaders', `${unit}|${name}`, before, after);
      return after;
    });
  }

  inspections(u: TokenClaims, q: LeaderInspectionQueryDto) {
    const w = new Where().maybe('li.unit_code = ?', q.unit).maybe('li.leader_name = ?', q.leader).maybe('li.enterprise_credit_code = ?', q.enterprise)
      .maybe('li.inspected_on >= ?::date', q.from).maybe('li.inspected_on <= ?::date', q.to);
    scopeByUnitOrEnterprise(w, u, 'li.unit_code', 'li.enterprise_credit_code');
    return listPage<LeaderInspectionView>(this.db.dataSource, {
      select: LEADER_INSPECTION, from: 'leader_inspections li', where: w, sort: q.sort ?? '-inspected_on', sorts: LEADER_INSPECTION_SORTS, page: q.page, pageSize: q.pageSize,
    });
  }

  async inspection(u: TokenClaims, id: string): Promise<LeaderInspectionView> {
    const li = await findLeaderInspection(this.db.dataSource.manager, id);
    assertMayRead(u, [li.unitCode, li.jurisdiction], `leader inspection ${id}`);
    const { jurisdiction: _j, ...view } = li;
    return view;
  }

  async createInspection(u: TokenClaims, d: CreateLeaderInspectionDto): Promise<LeaderInspectionView> {
    const id = await this.writer.write(u, async (tx) => {
      const unit = writeUnit(u, d.unitCode, 'leader inspection');
      tx.notFuture(d.inspectedOn, 'inspectedOn');
      if (!(await findLeader(tx.m, unit, d.leaderName))) throw new DomainError('BAD_REFERENCE', `leaderName: ${d.leaderName} is not on unit ${unit}'s roster`);
      if (d.enterpriseCreditCode) await assertEnterpriseWritable(tx.m, u, d.enterpriseCreditCode);
      const [row] = (await tx.m.query(
        `INSERT INTO leader_inspections (unit_code, leader_name, inspected_on, enterprise_credit_code) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
        [unit, d.leaderName, d.inspectedOn, d.enterpriseCreditCode ?? null])) as { id: string }[];
      const { jurisdiction: _j, ...after } = await findLeaderInspection(tx.m, row.id);
      tx.audit('leader_inspection.create', 'leader_inspections', row.id, null, after);
      return row.id;
    });
    return this.inspection(u, id);
  }
}

async function findLeader(m: EntityManager, unit: string, name: string, lock = false): Promise<LeaderView | undefined> {
  const [l] = (await m.query(`SELECT ${LEADER} FROM leaders l WHERE l.unit_code = $1 AND l.name = $2${lock ? ' FOR UPDATE' : ''}`, [unit, name])) as LeaderView[];
  return l;
}

async function findLeaderInspection(m: EntityManager, id: string): Promise<LeaderInspectionView & { jurisdiction: string | null }> {
  if (!/^\d{1,18}$/.test(id)) throw new DomainError('UNKNOWN_RECORD', `no leader inspection ${id}`);
  const [li] = (await m.query(
    `SELECT ${LEADER_INSPECTION}, e.unit_code AS jurisdiction FROM leader_inspections li LEFT JOIN enterprises e ON e.credit_code = li.enterprise_credit_code WHERE li.id = $1::bigint`,
    [id])) as (LeaderInspectionView & { jurisdiction: string | null })[];
  if (!li) throw new DomainError('UNKNOWN_RECORD', `no leader inspection ${id}`);
  return li;
}
