import { Inject, Injectable } from '@nestjs/common';
import type { TokenClaims } from '../../auth/tokens.js';
import { COUNTY_LEVELS } from '../../bundle/bundle-files.js';
import { DomainError } from '../../common/domain-error.js';
import { CLOCK, DATABASE, type Clock } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { findHazard } from './hazards.repository.js';
import { assertEnterpriseWritable, writeUnit } from '../common/ledger-scope.js';
import { LedgerWriter, type LedgerTx } from '../common/ledger-writer.js';
import type { AssignHazardDto, CloseHazardDto, ConfirmHazardDto, FeedbackHazardDto, ListHazardDto, PlanHazardDto, RectifyHazardDto, ReportHazardDto } from './hazard-lifecycle.dto.js';
import { assertMayAct, assertMayGiveFeedback } from './hazard-access.js';
import * as rules from './hazard-rules.js';
import { hazardRow, lockHazard, sign, updateHazard } from './hazard-state.js';

/**
 * The hazard lifecycle. Each transition locks the hazard, checks who may act (the unit that reports the
 * hazard or the unit it is assigned to; the city) and the transition's rules, then writes the step, its
 * signature and their audit entries in one transaction. A refused transition changes nothing.
 */
@Injectable()
export class HazardLifecycleService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(LedgerWriter) private readonly writer: LedgerWriter,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** the hazard as GET /api/hazards/:ledgerNo answers it, after a write */
  private answer(ledgerNo: string) {
    return findHazard(this.db.dataSource, ledgerNo, this.clock.now());
  }

  /**
   * Runs a transition and answers the hazard as GET /api/hazards/:ledgerNo shows it. `actor`: which
   * unit-bound users may make it: the reporting unit's (every step but feedback) or the assigned unit's
   * (feedback, 反馈, and nothing else: an assigned county reads the hazard and reports progress on it).
   */
  private async transition(u: TokenClaims, ledgerNo: string, work: (tx: LedgerTx, h: rules.HazardState) => Promise<void>, actor: 'reporting' | 'assigned' = 'reporting') {
    await this.writer.write(u, async (tx) => {
      const h = await lockHazard(tx.m, ledgerNo);
      if (actor === 'reporting') assertMayAct(u, h);
      await work(tx, h);
    });
    return this.answer(ledgerNo);
  }

  async report(u: TokenClaims, d: ReportHazardDto) {
    await this.writer.write(u, async (tx) => {
      const unit = writeUnit(u, d.unitCode, 'hazard');
      await assertEnterpriseWritable(tx.m, u, d.enterpriseCreditCode);
      const [unitRow] = (await tx.m.query(`SELECT 1 FROM units WHERE code = $1`, [unit])) as unknown[];
      if (!unitRow) throw new DomainError('BAD_REFERENCE', `unitCode: no unit ${unit} in the ledger`);
      tx.notFuture(d.foundOn, 'foundOn');
      if (d.inspectionId) await checkFindingInspection(tx, d);
      const [exists] = (await tx.m.query(`SELECT 1 FROM hazards WHERE ledger_no = $1`, [d.ledgerNo])) as unknown[];
      if (exists) throw new DomainError('CONFLICT', `ledgerNo: hazard ${d.ledgerNo} exists already; ledger numbers are unique`);
      await tx.m.query(
        `INSERT INTO hazards (ledger_no, enterprise_credit_code, unit_code, source, found_on, description, category, inspection_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [d.ledgerNo, d.enterpriseCreditCode, unit, d.source, d.foundOn, d.description ?? null, d.category ?? null, d.inspectionId ?? null]);
      tx.audit('hazard.report', 'hazards', d.ledgerNo, null, await hazardRow(tx.m, d.ledgerNo));
      await sign(tx, d.ledgerNo, 'report', d.signedBy, d.foundOn);
    });
    return this.answer(d.ledgerNo);
  }

  confirm(u: TokenClaims, ledgerNo: string, d: ConfirmHazardDto) {
    return this.transition(u, ledgerNo, async (tx, h) => {
      const on = tx.notFuture(d.on ?? tx.today, 'on');
      if (d.step === 'enterprise') {
        rules.checkConfirmEnterprise(h, d.signedBy, on);
        await sign(tx, ledgerNo, 'confirm_enterprise', d.signedBy, on);
        return;
      }
      rules.checkConfirmUnit(h, on);
      await updateHazard(tx, 'hazard.confirm', ledgerNo, { confirmed_on: on });
      await sign(tx, ledgerNo, 'confirm_unit', d.signedBy, on);
    });
  }

  list(u: TokenClaims, ledgerNo: string, d: ListHazardDto) {
    return this.transition(u, ledgerNo, async (tx, h) => {
      const on = tx.notFuture(d.listedOn ?? tx.today, 'listedOn');
      rules.checkList(h, on);
      await updateHazard(tx, 'hazard.list', ledgerNo, { listed_level: d.level, listed_on: on, tracker: d.tracker });
      await sign(tx, ledgerNo, 'list', d.signedBy, on);
    });
  }

  assign(u: TokenClaims, ledgerNo: string, d: AssignHazardDto) {
    return this.transition(u, ledgerNo, async (tx, h) => {
      const on = tx.notFuture(d.assignedOn ?? tx.today, 'assignedOn');
      rules.checkAssign(h, on);
      const [unit] = (await tx.m.query(`SELECT level FROM units WHERE code = $1`, [d.unitCode])) as { level: string }[];
      if (!unit) throw new DomainError('BAD_REFERENCE', `unitCode: no unit ${d.unitCode} in the ledger`);
      if (!COUNTY_LEVELS.includes(unit.level)) throw new DomainError('NOT_COUNTY_LEVEL', `unitCode: a hazard is assigned (交办) to a county-level unit; ${d.unitCode} is ${unit.level}-level`);
      await tx.m.query(`INSERT INTO assignments (hazard_ledger_no, unit_code, assigned_on) VALUES ($1, $2, $3)`, [ledgerNo, d.unitCode, on]);
      tx.audit('hazard.assign', 'assignments', ledgerNo, null, { hazard_ledger_no: ledgerNo, unit_code: d.unitCode, assigned_on: on });
      await sign(tx, ledgerNo, 'assign', d.signedBy, on);
    });
  }

  feedback(u: TokenClaims, ledgerNo: string, d: FeedbackHazardDto) {
    return this.transition(u, ledgerNo, async (tx, h) => {
      const on = tx.notFuture(d.feedbackOn ?? tx.today, 'feedbackOn');
      // feedback is the assigned unit's; on a hazard not (yet) assigned, its reporting unit hears why not
      assertMayGiveFeedback(u, h);
      rules.checkFeedback(h, on);
      const [row] = (await tx.m.query(
        `INSERT INTO feedback (hazard_ledger_no, feedback_on, document_no, progress) VALUES ($1, $2, $3, $4)
         RETURNING id::text AS id, hazard_ledger_no, feedback_on, document_no, progress`,
        [ledgerNo, on, d.documentNo, d.progress ?? null])) as Record<string, string>[];
      tx.audit('hazard.feedback', 'feedback', row.id, null, row);
      await sign(tx, ledgerNo, 'feedback', d.signedBy, on);
    }, 'assigned');
  }

  plan(u: TokenClaims, ledgerNo: string, d: PlanHazardDto) {
    return this.transition(u, ledgerNo, async (tx, h) => {
      rules.checkPlan(h, d.deadline);
      await updateHazard(tx, 'hazard.plan', ledgerNo, {
        responsible_person: d.responsiblePerson, measures: d.measures, funds_wan: d.fundsWan, deadline: d.deadline, contingency_plan: d.contingencyPlan,
      });
      await sign(tx, ledgerNo, 'plan', d.signedBy, tx.today);
    });
  }

  rectify(u: TokenClaims, ledgerNo: string, d: RectifyHazardDto) {
    return this.transition(u, ledgerNo, async (tx, h) => {
      const on = tx.notFuture(d.rectifiedOn ?? tx.today, 'rectifiedOn');
      rules.checkRectify(h, on, d);
      const set: Record<string, unknown> = { rectified_on: on };
      if (d.responsiblePerson !== undefined) set.responsible_person = d.responsiblePerson;
      if (d.measures !== undefined) set.measures = d.measures;
      if (d.fundsWan !== undefined) set.funds_wan = d.fundsWan;
      if (d.deadline !== undefined) set.deadline = d.deadline;
      if (d.contingencyPlan !== undefined) set.contingency_plan = d.contingencyPlan;
      await updateHazard(tx, 'hazard.rectify', ledgerNo, set);
      await sign(tx, ledgerNo, 'rectify', d.signedBy, on);
    });
  }

  close(u: TokenClaims, ledgerNo: string, d: CloseHazardDto) {
    return this.transition(u, ledgerNo, async (tx, h) => {
      const on = tx.notFuture(d.closedOn ?? tx.today, 'closedOn');
      rules.checkClose(h, u.role, on);
      // the row is locked; the condition is a second guard should a writer bypass the lock
      await updateHazard(tx, 'hazard.close', ledgerNo, { closed_on: on, closed_by: d.signedBy }, 'AND closed_on IS NULL');
      await sign(tx, ledgerNo, 'close', d.signedBy, on);
    });
  }
}

/** The inspection that found a hazard: of the same enterprise, on or before the found date, signed with hazards found, not superseded. */
async function checkFindingInspection(tx: LedgerTx, d: ReportHazardDto): Promise<void> {
  const [i] = (await tx.m.query(
    `SELECT i.enterprise_credit_code, i.inspected_on, i.major_hazards_found,
            (SELECT c.inspection_id FROM inspections c WHERE c.corrects_inspection_id = i.inspection_id LIMIT 1) AS corrected_by
       FROM inspections i WHERE i.inspection_id = $1`, [d.inspectionId])) as { enterprise_credit_code: string; inspected_on: string; major_hazards_found: number; corrected_by: string | null }[];
  const bad = (why: string) => new DomainError('BAD_REFERENCE', `inspectionId: inspection ${d.inspectionId} ${why}`);
  if (!i) throw bad('is not in the ledger');
  if (i.corrected_by) throw bad(`was corrected by ${i.corrected_by}; refer to the correction`);
  if (i.enterprise_credit_code !== d.enterpriseCreditCode) throw bad(`is of enterprise ${i.enterprise_credit_code}, not ${d.enterpriseCreditCode}`);
  if (i.inspected_on > d.foundOn) throw bad(`is dated ${i.inspected_on}, after the hazard was found (${d.foundOn})`);
  if (i.major_hazards_found === 0) throw bad('was signed clean (major_hazards_found = 0)');
}
