import { ESCALATED_TO, type AlertView } from './alerts.dto.js';

// One mapping from the alerts table to the AlertView of the API, the mail and the webhook.
export const ALERT_SELECT = `a.id::text AS id, a.unit_code, a.kind, to_char(a.due_on, 'YYYY-MM-DD') AS due_on, a.record_ref, a.message,
  a.created_at, a.state, a.acknowledged_by, a.acknowledged_at, a.ack_note, to_char(a.resolved_on, 'YYYY-MM-DD') AS resolved_on,
  a.escalation_level, to_char(a.escalated_on, 'YYYY-MM-DD') AS escalated_on`;

export interface AlertRow {
  id: string; unit_code: string; kind: string; due_on: string; record_ref: string; message: string; created_at: Date | string;
  state: string; acknowledged_by: string | null; acknowledged_at: Date | string | null; ack_note: string | null;
  resolved_on: string | null; escalation_level: number; escalated_on: string | null;
}

export function toAlertView(r: AlertRow): AlertView {
  return {
    id: Number(r.id), unitCode: r.unit_code, kind: r.kind as AlertView['kind'], dueOn: r.due_on, recordRef: r.record_ref,
    message: r.message, createdAt: new Date(r.created_at).toISOString(), state: r.state as AlertView['state'],
    acknowledgedBy: r.acknowledged_by, acknowledgedAt: r.acknowledged_at ? new Date(r.acknowledged_at).toISOString() : null,
    note: r.ack_note, resolvedOn: r.resolved_on, escalatedTo: ESCALATED_TO[r.escalation_level] ?? null, escalatedOn: r.escalated_on,
  };
}
