import { Inject, Injectable } from '@nestjs/common';
import type { TokenClaims } from '../../auth/tokens.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { inJurisdiction, readScope } from '../common/ledger-scope.js';
import { ASSIGNMENT_SORTS, FEEDBACK_SORTS, type AssignmentQueryDto, type FeedbackQueryDto } from './assignments.dto.js';

/** An assignment and its feedback are read by the unit it is assigned to, the hazard's unit and its jurisdiction. */
function scope(w: Where, u: TokenClaims): void {
  const s = readScope(u);
  if (s) w.add(`a.unit_code = ? OR h.unit_code = ? OR ${inJurisdiction('h.enterprise_credit_code')}`, s);
}

/** a row of GET /api/assignments (交办) */
export interface AssignmentRow { hazardLedgerNo: string; unitCode: string; assignedOn: string; hazardUnitCode: string; closedOn: string | null }
/** a row of GET /api/feedback (反馈) */
export interface FeedbackRow { id: string; hazardLedgerNo: string; unitCode: string; feedbackOn: string; documentNo: string; progress: string | null }

// 交办 and 反馈 are written through the hazard's lifecycle (POST /api/hazards/:ledgerNo/assign|feedback);
// these are their lists.
@Injectable()
export class AssignmentsService {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  assignments(u: TokenClaims, q: AssignmentQueryDto) {
    const w = new Where().maybe('a.unit_code = ?', q.unit).maybe('a.hazard_ledger_no = ?', q.hazard)
      .maybe('a.assigned_on >= ?::date', q.from).maybe('a.assigned_on <= ?::date', q.to);
    scope(w, u);
    return listPage<AssignmentRow>(this.db.dataSource, {
      select: `a.hazard_ledger_no AS "hazardLedgerNo", a.unit_code AS "unitCode", a.assigned_on AS "assignedOn", h.unit_code AS "hazardUnitCode", h.closed_on AS "closedOn"`,
      from: 'assignments a JOIN hazards h ON h.ledger_no = a.hazard_ledger_no', where: w, sort: q.sort ?? '-assigned_on', sorts: ASSIGNMENT_SORTS, page: q.page, pageSize: q.pageSize,
    });
  }

  feedback(u: TokenClaims, q: FeedbackQueryDto) {
    const w = new Where().maybe('a.unit_code = ?', q.unit).maybe('f.hazard_ledger_no = ?', q.hazard)
      .maybe('f.feedback_on >= ?::date', q.from).maybe('f.feedback_on <= ?::date', q.to);
    scope(w, u);
    return listPage<FeedbackRow>(this.db.dataSource, {
      select: `f.id::text AS id, f.hazard_ledger_no AS "hazardLedgerNo", a.unit_code AS "unitCode", f.feedback_on AS "feedbackOn", f.document_no AS "documentNo", f.progress`,
      from: 'feedback f JOIN assignments a ON a.hazard_ledger_no = f.hazard_ledger_no JOIN hazards h ON h.ledger_no = f.hazard_ledger_no',
      where: w, sort: q.sort ?? '-feedback_on', sorts: FEEDBACK_SORTS, page: q.page, pageSize: q.pageSize,
    });
  }
}
