import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { isCityUser } from '../../auth/scope.js';
import { KINDS_NEEDING_ENTERPRISE, KINDS_NEEDING_TARGET_UNIT } from '../../bundle/bundle-files.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, toNumber, Where } from '../common/list-query.js';
import { assertEnterpriseWritable, assertMayRead, assertMayWriteUnit, outOfScope, scopeByUnitOrEnterprise, writeUnit } from '../common/ledger-scope.js';
import { LedgerWriter, type LedgerTx } from '../common/ledger-writer.js';
import { ACTION_SORTS, type ActionQueryDto, type CreateActionDto, type UpdateActionDto } from './actions.dto.js';
import { pagedContract } from '../../../../analytics/src/arrow.js';

export interface ActionView {
  actionId: string; unitCode: string; kind: string; actedOn: string; enterpriseCreditCode: string | null; hazardLedgerNo: string | null;
  targetUnitCode: string | null; persons: number; amountWan: number | null; crime: boolean;
}

/** GET /api/actions as Arrow: the same rows, the date as Date32, the fine exact (numeric(14,2) as Decimal128 scale 2) */
export const ACTION_LIST_ARROW = pagedContract<ActionView>([
  { name: 'actionId', type: 'utf8' }, { name: 'unitCode', type: 'code' }, { name: 'kind', type: 'code' }, { name: 'actedOn', type: 'date' },
  { name: 'enterpriseCreditCode', type: 'utf8' }, { name: 'hazardLedgerNo', type: 'utf8' }, { name: 'targetUnitCode', type: 'code' },
  { name: 'persons', type: 'int' }, { name: 'amountWan', type: { decimal: 2 } }, { name: 'crime', type: 'bool' },
]);

const SELECT = `a.action_id AS "actionId", a.unit_code AS "unitCode", a.kind, a.acted_on AS "actedOn", a.enterprise_credit_code AS "enterpriseCreditCode",
  a.hazard_ledger_no AS "hazardLedgerNo", a.target_unit_code AS "targetUnitCode", a.persons, a.amount_wan AS "amountWan", a.crime`;
const view = (r: Record<string, unknown>) => ({ ...r, amountWan: toNumber(r.amountWan) }) as ActionView;
const COLUMNS: Record<string, string> = {
  kind: 'kind', actedOn: 'acted_on', enterpriseCreditCode: 'enterprise_credit_code', hazardLedgerNo: 'hazard_ledger_no',
  targetUnitCode: 'target_unit_code', persons: 'persons', amountWan: 'amount_wan', crime: 'crime',
};

/** 执法: a unit's enforcement actions; a unit's users also read actions about their enterprises or aimed at their unit. */
@Injectable()
export class ActionsService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  list(u: TokenClaims, q: ActionQueryDto) {
    const w = new Where().maybe('a.unit_code = ?', q.unit).maybe('a.kind = ?', q.kind).maybe('a.enterprise_credit_code = ?', q.enterprise)
      .maybe('a.hazard_ledger_no = ?', q.hazard).maybe('a.acted_on >= ?::date', q.from).maybe('a.acted_on <= ?::date', q.to);
    scopeByUnitOrEnterprise(w, u, 'a.unit_code', 'a.enterprise_credit_code', ['a.target_unit_code = ?']);
    return listPage(this.db.dataSource, { select: SELECT, from: 'actions a', where: w, sort: q.sort ?? '-acted_on', sorts: ACTION_SORTS, page: q.page, pageSize: q.pageSize, map: view });
  }

  async one(u: TokenClaims, id: string): Promise<ActionView> {
    const a = await find(this.db.dataSource.manager, id);
    assertMayRead(u, [a.unitCode, a.jurisdiction, a.targetUnitCode], `action ${id}`);
    return strip(a);
  }

  async create(u: TokenClaims, d: CreateActionDto): Promise<ActionView> {
    const id = await this.writer.write(u, async (tx) => {
      const unit = writeUnit(u, d.unitCode, 'action');
      const actionId = d.actionId ?? `ACT-${unit}-${d.actedOn.replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
      const [exists] = (await tx.m.query(`SELECT 1 FROM actions WHERE action_id = $1`, [actionId])) as unknown[];
      if (exists) throw new DomainError('CONFLICT', `actionId: action ${actionId} exists already`);
      const row = { kind: d.kind, actedOn: d.actedOn, enterpriseCreditCode: d.enterpriseCreditCode ?? null, hazardLedgerNo: d.hazardLedgerNo ?? null,
        targetUnitCode: d.targetUnitCode ?? null, persons: d.persons ?? 1, amountWan: d.amountWan ?? null, crime: d.crime ?? false };
      await check(tx, u, row);
      await tx.m.query(
        `INSERT INTO actions (action_id, unit_code, kind, acted_on, enterprise_credit_code, hazard_ledger_no, target_unit_code, persons, amount_wan, crime)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [actionId, unit, row.kind, row.actedOn, row.enterpriseCreditCode, row.hazardLedgerNo, row.targetUnitCode, row.persons, row.amountWan, row.crime]);
      tx.audit('action.create', 'actions', actionId, null, strip(await find(tx.m, actionId)));
      return actionId;
    });
    return this.one(u, id);
  }

  async update(u: TokenClaims, id: string, d: UpdateActionDto): Promise<ActionView> {
    await this.writer.write(u, async (tx) => {
      const before = strip(await find(tx.m, id, true));
      assertMayWriteUnit(u, before.unitCode, `action ${id}`);
      const merged = { ...before, ...d };
      await check(tx, u, merged);
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [k, col] of Object.entries(COLUMNS)) {
        const v = (d as Record<string, unknown>)[k];
        if (v !== undefined) { params.push(v); sets.push(`${col} = $${params.length}`); }
      }
      if (!sets.length) return;
      await tx.m.query(`UPDATE actions SET ${sets.join(', ')} WHERE action_id = $1`, params);
      tx.audit('action.update', 'actions', id, before, strip(await find(tx.m, id)));
    });
    return this.one(u, id);
  }
}

type Fields = Pick<ActionView, 'kind' | 'actedOn' | 'enterpriseCreditCode' | 'hazardLedgerNo' | 'targetUnitCode' | 'amountWan'>;

/** What the action's kind needs, its references, and the writer's scope. */
async function check(tx: LedgerTx, u: TokenClaims, a: Fields): Promise<void> {
  tx.notFuture(a.actedOn, 'actedOn');
  if (KINDS_NEEDING_ENTERPRISE.includes(a.kind) && !a.enterpriseCreditCode) throw new DomainError('BAD_PARAMETER', `enterpriseCreditCode is required for an action of kind ${a.kind}`);
  if (KINDS_NEEDING_TARGET_UNIT.includes(a.kind) && !a.targetUnitCode) throw new DomainError('BAD_PARAMETER', `targetUnitCode is required for an action of kind ${a.kind}`);
  if (a.kind === 'penalty' && (a.amountWan === null || a.amountWan === undefined)) throw new DomainError('BAD_PARAMETER', 'amountWan is required for a penalty');
  if (a.enterpriseCreditCode) await assertEnterpriseWritable(tx.m, u, a.enterpriseCreditCode);
  if (a.targetUnitCode) {
    const [t] = (await tx.m.query(`SELECT 1 FROM units WHERE code = $1`, [a.targetUnitCode])) as unknown[];
    if (!t) throw new DomainError('BAD_REFERENCE', `targetUnitCode: no unit ${a.targetUnitCode} in the ledger`);
  }
  if (a.hazardLedgerNo) {
    const [h] = (await tx.m.query(
      `SELECT h.unit_code, h.found_on, e.unit_code AS jurisdiction FROM hazards h JOIN enterprises e ON e.credit_code = h.enterprise_credit_code WHERE h.ledger_no = $1`,
      [a.hazardLedgerNo])) as { unit_code: string; found_on: string; jurisdiction: string }[];
    if (!h) throw new DomainError('BAD_REFERENCE', `hazardLedgerNo: no hazard ${a.hazardLedgerNo} in the ledger`);
    if (!isCityUser(u) && h.unit_code !== u.unit && h.jurisdiction !== u.unit) throw outOfScope(`hazard ${a.hazardLedgerNo}`);
    if (a.kind === 'penalty' && a.actedOn < h.found_on) throw new DomainError('DATES_OUT_OF_ORDER', `actedOn ${a.actedOn}: a penalty for hazard ${a.hazardLedgerNo} cannot precede its finding (${h.found_on})`);
  }
}

type Stored = ActionView & { jurisdiction: string | null };
const strip = ({ jurisdiction: _j, ...a }: Stored): ActionView => a;

async function find(m: EntityManager, id: string, lock = false): Promise<Stored> {
  const [a] = (await m.query(
    `SELECT ${SELECT}, e.unit_code AS jurisdiction FROM actions a LEFT JOIN enterprises e ON e.credit_code = a.enterprise_credit_code
      WHERE a.action_id = $1${lock ? ' FOR UPDATE OF a' : ''}`, [id])) as Record<string, unknown>[];
  if (!a) throw new DomainError('UNKNOWN_RECORD', `no action ${id}`);
  return view(a) as Stored;
}
