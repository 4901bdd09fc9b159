import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { assertEnterpriseWritable, assertMayRead, assertMayWriteUnit, scopeByUnitOrEnterprise, writeUnit } from '../common/ledger-scope.js';
import { LedgerWriter, type LedgerTx } from '../common/ledger-writer.js';
import { queryFlag } from '../common/validators.js';
import { FINDING_SORTS, INSPECTION_SORTS, type CorrectInspectionDto, type CreateInspectionDto, type FindingQueryDto, type InspectionQueryDto } from './inspections.dto.js';
import { pagedContract } from '../../../../analytics/src/arrow.js';

/** a row of GET /api/findings: one problem found by one inspection */
export interface FindingRow { inspectionId: string; finding: string; unitCode: string; enterpriseCreditCode: string; inspectedOn: string }

export interface InspectionView {
  inspectionId: string; unitCode: string; enterpriseCreditCode: string; inspectedOn: string; signedBy: string[];
  majorHazardsFound: number; correctsInspectionId: string | null; correctedBy: string | null; findings: string[];
}

/** GET /api/inspections as Arrow: the same rows, the date as Date32, codes as dictionaries, signers and findings as lists */
export const INSPECTION_LIST_ARROW = pagedContract<InspectionView>([
  { name: 'inspectionId', type: 'utf8' }, { name: 'unitCode', type: 'code' }, { name: 'enterpriseCreditCode', type: 'utf8' },
  { name: 'inspectedOn', type: 'date' }, { name: 'signedBy', type: 'codes' }, { name: 'majorHazardsFound', type: 'int' },
  { name: 'correctsInspectionId', type: 'utf8' }, { name: 'correctedBy', type: 'utf8' }, { name: 'findings', type: 'codes' },
]);

const CORRECTED_BY = `(SELECT c.inspection_id FROM inspections c WHERE c.corrects_inspection_id = i.inspection_id ORDER BY c.inspection_id LIMIT 1)`;
const SELECT = `i.inspection_id AS "inspectionId", i.unit_code AS "unitCode", i.enterprise_credit_code AS "enterpriseCreditCode",
  i.inspected_on AS "inspectedOn", i.signed_by AS "signedBy", i.major_hazards_found AS "majorHazardsFound",
  i.corrects_inspection_id AS "correctsInspectionId", ${CORRECTED_BY} AS "correctedBy",
  COALESCE((SELECT array_agg(f.finding ORDER BY f.finding) FROM findings f WHERE f.inspection_id = i.inspection_id), '{}') AS findings`;
const NOT_SUPERSEDED = `NOT EXISTS (SELECT 1 FROM inspections c WHERE c.corrects_inspection_id = i.inspection_id)`;

/**
 * 检查 and their findings. A signed inspection is never edited: a correction is a new record naming the
 * one it corrects (corrects_inspection_id), and only the latest record of a chain can be corrected.
 */
@Injectable()
export class InspectionsService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  list(u: TokenClaims, q: InspectionQueryDto) {
    const w = new Where()
      .maybe('i.unit_code = ?', q.unit)
      .maybe('i.enterprise_credit_code = ?', q.enterprise)
      .maybe('i.inspected_on >= ?::date', q.from)
      .maybe('i.inspected_on <= ?::date', q.to);
    const clean = queryFlag(q.clean);
    if (clean !== undefined) w.raw(clean ? 'i.major_hazards_found = 0' : 'i.major_hazards_found > 0');
    const current = queryFlag(q.current);
    if (current !== undefined) w.raw(current ? NOT_SUPERSEDED : `NOT ${NOT_SUPERSEDED}`);
    scopeByUnitOrEnterprise(w, u, 'i.unit_code', 'i.enterprise_credit_code');
    return listPage<InspectionView>(this.db.dataSource, { select: SELECT, from: 'inspections i', where: w, sort: q.sort ?? '-inspected_on', sorts: INSPECTION_SORTS, page: q.page, pageSize: q.pageSize });
  }

  async one(u: TokenClaims, id: string): Promise<InspectionView & { jurisdiction: string }> {
    const i = await find(this.db.dataSource.manager, id);
    assertMayRead(u, [i.unitCode, i.jurisdiction], `inspection ${id}`);
    return i;
  }

  findings(u: TokenClaims, q: FindingQueryDto) {
    const w = new Where().maybe('f.inspection_id = ?', q.inspection).maybe('f.finding = ?', q.finding).maybe('i.unit_code = ?', q.unit);
    const current = queryFlag(q.current);
    if (current !== undefined) w.raw(current ? NOT_SUPERSEDED : `NOT ${NOT_SUPERSEDED}`);
    scopeByUnitOrEnterprise(w, u, 'i.unit_code', 'i.enterprise_credit_code');
    return listPage<FindingRow>(this.db.dataSource, {
      select: `f.inspection_id AS "inspectionId", f.finding, i.unit_code AS "unitCode", i.enterprise_credit_code AS "enterpriseCreditCode", i.inspected_on AS "inspectedOn"`,
      from: 'findings f JOIN inspections i ON i.inspection_id = f.inspection_id', where: w, sort: q.sort ?? 'inspection_id', sorts: FINDING_SORTS, page: q.page, pageSize: q.pageSize,
    });
  }

  async create(u: TokenClaims, d: CreateInspectionDto): Promise<InspectionView> {
    const id = await this.writer.write(u, async (tx) => {
      const unit = writeUnit(u, d.unitCode, 'inspection');
      await assertEnterpriseWritable(tx.m, u, d.enterpriseCreditCode);
      return insert(tx, 'inspection.create', { ...d, unitCode: unit, correctsInspectionId: null }, null);
    });
    return find(this.db.dataSource.manager, id);
  }

  async correct(u: TokenClaims, originalId: string, d: CorrectInspectionDto): Promise<InspectionView> {
    const id = await this.writer.write(u, async (tx) => {
      const original = await find(tx.m, originalId, true);
      assertMayWriteUnit(u, original.unitCode, `inspection ${originalId}`);
      if (original.correctedBy) {
        throw new DomainError('INSPECTION_ALREADY_CORRECTED', `inspection ${originalId} was corrected by ${original.correctedBy}; correct that record instead`);
      }
      const enterprise = d.enterpriseCreditCode ?? original.enterpriseCreditCode;
      await assertEnterpriseWritable(tx.m, u, enterprise);
      return insert(tx, 'inspection.correct', {
        inspectionId: d.inspectionId, unitCode: original.unitCode, enterpriseCreditCode: enterprise,
        inspectedOn: d.inspectedOn ?? original.inspectedOn, signedBy: d.signedBy,
        majorHazardsFound: d.majorHazardsFound ?? original.majorHazardsFound, findings: d.findings ?? original.findings,
        correctsInspectionId: originalId,
      }, d.reason);
    });
    return find(this.db.dataSource.manager, id);
  }
}

interface NewInspection {
  inspectionId?: string; unitCode: string; enterpriseCreditCode: string; inspectedOn: string; signedBy: string[];
  majorHazardsFound: number; findings?: string[]; correctsInspectionId: string | null;
}

async function insert(tx: LedgerTx, action: string, n: NewInspection, reason: string | null): Promise<string> {
  tx.notFuture(n.inspectedOn, 'inspectedOn');
  const id = n.inspectionId ?? `INS-${n.unitCode}-${n.inspectedOn.replace(/-/g, '')}-${randomBytes(3).toString('hex')}`;
  const [exists] = (await tx.m.query(`SELECT 1 FROM inspections WHERE inspection_id = $1`, [id])) as unknown[];
  if (exists) throw new DomainError('CONFLICT', `inspectionId: inspection ${id} exists already; a signed inspection is corrected by a new record, never replaced`);
  await tx.m.query(
    `INSERT INTO inspections (inspection_id, unit_code, enterprise_credit_code, inspected_on, signed_by, major_hazards_found, corrects_inspection_id)
     VALUES ($1, $2, $3, $4, $5::text[], $6, $7)`,
    [id, n.unitCode, n.enterpriseCreditCode, n.inspectedOn, n.signedBy, n.majorHazardsFound, n.correctsInspectionId]);
  for (const f of n.findings ?? []) await tx.m.query(`INSERT INTO findings (inspection_id, finding) VALUES ($1, $2)`, [id, f]);
  const after = await find(tx.m, id);
  tx.audit(action, 'inspections', id, null, reason ? { ...after, reason } : after);
  return id;
}

async function find(m: EntityManager, id: string, lock = false): Promise<InspectionView & { jurisdiction: string }> {
  const [i] = (await m.query(
    `SELECT ${SELECT}, e.unit_code AS jurisdiction FROM inspections i JOIN enterprises e ON e.credit_code = i.enterprise_credit_code
      WHERE i.inspection_id = $1${lock ? ' FOR UPDATE OF i' : ''}`, [id])) as (InspectionView & { jurisdiction: string })[];
  if (!i) throw new DomainError('UNKNOWN_RECORD', `no inspection ${id}`);
  return i;
}
