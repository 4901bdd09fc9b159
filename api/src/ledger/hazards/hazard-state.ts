import type { EntityManager } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import type { LedgerTx } from '../common/ledger-writer.js';
import type { HazardState } from './hazard-rules.js';

export type SignoffStep = 'report' | 'confirm_enterprise' | 'confirm_unit' | 'list' | 'assign' | 'feedback' | 'plan' | 'rectify' | 'close';

/**
 * The hazard's state for a transition, its row locked (SELECT … FOR UPDATE) until the transaction ends:
 * two users acting on one hazard at once are served one after the other, and the second sees the first's
 * result (for instance HAZARD_ALREADY_CLOSED).
 */
export async function lockHazard(m: EntityManager, ledgerNo: string): Promise<HazardState> {
  const [h] = (await m.query(
    `SELECT h.ledger_no, h.unit_code, h.enterprise_credit_code, h.found_on, h.confirmed_on, h.listed_on, h.responsible_person,
            h.measures, h.funds_wan::text AS funds_wan, h.deadline, h.contingency_plan, h.rectified_on, h.closed_on
       FROM hazards h WHERE h.ledger_no = $1 FOR UPDATE`,
    [ledgerNo],
  )) as Record<string, string | null>[];
  if (!h) throw new DomainError('UNKNOWN_HAZARD', `no hazard with ledger number ${ledgerNo}`);
  const [e] = (await m.query(`SELECT unit_code, main_leader FROM enterprises WHERE credit_code = $1`, [h.enterprise_credit_code])) as { unit_code: string; main_leader: string | null }[];
  const [a] = (await m.query(`SELECT unit_code, assigned_on FROM assignments WHERE hazard_ledger_no = $1`, [ledgerNo])) as { unit_code: string; assigned_on: string }[];
  const [c] = (await m.query(`SELECT signed_on FROM hazard_signoffs WHERE hazard_ledger_no = $1 AND step = 'confirm_enterprise'`, [ledgerNo])) as { signed_on: string }[];
  return {
    ledgerNo: h.ledger_no!, unitCode: h.unit_code!, enterpriseCreditCode: h.enterprise_credit_code!, jurisdiction: e.unit_code, mainLeader: e.main_leader,
    foundOn: h.found_on!, confirmedOn: h.confirmed_on, enterpriseConfirmedOn: c?.signed_on ?? null, listedOn: h.listed_on,
    responsiblePerson: h.responsible_person, measures: h.measures, fundsWan: h.funds_wan, deadline: h.deadline, contingencyPlan: h.contingency_plan,
    rectifiedOn: h.rectified_on, closedOn: h.closed_on, assignment: a ? { unitCode: a.unit_code, assignedOn: a.assigned_on } : null,
  };
}

/** The stored row, as the audit trail shows it before and after a change. */
export async function hazardRow(m: EntityManager, ledgerNo: string): Promise<Record<string, unknown>> {
  const [r] = (await m.query(`SELECT * FROM hazards WHERE ledger_no = $1`, [ledgerNo])) as Record<string, unknown>[];
  return r;
}

/**
 * Records who signed a step, audited with it. The signer is a name typed in (an enterprise leader, a
 * branch chief), not an account: the entry names both that signer (`after.signedBy`) and the signed-in
 * user who entered it (`after.enteredBy`, and the entry's actor), so a name cannot be put down anonymously.
 */
export async function sign(tx: LedgerTx, ledgerNo: string, step: SignoffStep, signer: string, on: string): Promise<void> {
  const [row] = (await tx.m.query(
    `INSERT INTO hazard_signoffs (hazard_ledger_no, step, signer, signed_on, recorded_by) VALUES ($1, $2, $3, $4, $5)
     RETURNING id::text AS id, hazard_ledger_no, step, signer, signed_on, recorded_by`,
    [ledgerNo, step, signer, on, tx.user.sub],
  )) as Record<string, string>[];
  tx.audit(`hazard.sign.${step}`, 'hazard_signoffs', row.id, null, { ...row, signedBy: signer, enteredBy: tx.user.sub });
}

/** Updates hazard columns and audits the row before and after. */
export async function updateHazard(tx: LedgerTx, action: string, ledgerNo: string, set: Record<string, unknown>, guard = ''): Promise<void> {
  const before = await hazardRow(tx.m, ledgerNo);
  const cols = Object.keys(set);
  const params = [ledgerNo, ...cols.map((c) => set[c])];
  const r = (await tx.m.query(
    `UPDATE hazards SET ${cols.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE ledger_no = $1 ${guard} RETURNING ledger_no`,
    params,
  )) as [unknown[], number] | unknown[];
  const rows = Array.isArray(r[0]) ? (r[0] as unknown[]) : (r as unknown[]);
  if (!rows.length) throw new DomainError('HAZARD_ALREADY_CLOSED', `hazard ${ledgerNo} was closed by someone else a moment ago`);
  tx.audit(action, 'hazards', ledgerNo, before, await hazardRow(tx.m, ledgerNo));
}
