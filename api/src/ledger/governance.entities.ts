import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// The office's own records about the ledger (migration 1764400001000-Governance).

@Entity('users')
export class UserAccount {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text', unique: true }) username: string;
  @Column({ type: 'text', name: 'password_hash' }) passwordHash: string;
  @Column({ type: 'text' }) role: string;
  @Column({ type: 'text', name: 'unit_code', nullable: true }) unitCode: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  /** set when the city office disables the account (migration 1764400045000-UserAccess) */
  @Column({ type: 'timestamptz', name: 'disabled_at', nullable: true }) disabledAt: Date | null;
  /** raised to end every token made before (auth/tokens.ts) */
  @Column({ type: 'integer', name: 'token_version', default: 0 }) tokenVersion: number;
  /** where the user's alerts are mailed (migration 1764400150000-AlertStates) */
  @Column({ type: 'text', nullable: true }) email: string | null;
}

/** append-only, HMAC-chained (audit/audit-chain.ts); UPDATE, DELETE and TRUNCATE are refused by triggers */
@Entity('audit_log')
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  @Column({ type: 'text' }) actor: string;
  @Column({ type: 'text' }) action: string;
  @Column({ type: 'text', name: 'table_name' }) tableName: string;
  @Column({ type: 'text', name: 'record_key' }) recordKey: string;
  @Column({ type: 'jsonb', nullable: true }) before: unknown;
  @Column({ type: 'jsonb', nullable: true }) after: unknown;
  @Column({ type: 'text', name: 'prev_hash' }) prevHash: string;
  @Column({ type: 'text' }) hash: string;
}

/** signed heads of the audit trail (audit/audit-checkpoints.ts, migration AuditAnchors); append-only */
@Entity('audit_checkpoints')
export class AuditCheckpointRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'timestamptz', name: 'created_at' }) createdAt: Date;
  @Column({ type: 'bigint', name: 'entry_count' }) entryCount: string;
  @Column({ type: 'bigint', name: 'head_id' }) headId: string;
  @Column({ type: 'text', name: 'head_hash' }) headHash: string;
  @Column({ type: 'text' }) reason: string;
  @Column({ type: 'text' }) signature: string;
}

@Entity('scoring_schemes')
export class ScoringScheme {
  @PrimaryColumn({ type: 'text' }) version: string;
  @Column({ type: 'text', name: 'based_on', nullable: true }) basedOn: string | null;
  @Column({ type: 'jsonb' }) params: unknown;
  @Column({ type: 'text', nullable: true }) note: string | null;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
}

/** a unit's own IM bot: alerts are POSTed there as JSON (api/src/alerts/webhook.ts) */
@Entity('alert_webhooks')
export class AlertWebhook {
  @PrimaryColumn({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'text' }) url: string;
  @Column({ type: 'timestamptz', name: 'updated_at', default: () => 'now()' }) updatedAt: Date;
}

@Entity('published_rankings')
export class PublishedRankingRecord {
  @PrimaryColumn({ type: 'char', length: 7 }) month: string;
  @Column({ type: 'text', name: 'scheme_version' }) schemeVersion: string;
  @Column({ type: 'text', name: 'data_digest' }) dataDigest: string;
  @Column({ type: 'jsonb' }) payload: unknown;
  @Column({ type: 'timestamptz', name: 'published_at', default: () => 'now()' }) publishedAt: Date;
  @Column({ type: 'text', name: 'published_by' }) publishedBy: string;
  /** the audit trail's signed head when the ranking was published */
  @Column({ type: 'jsonb', name: 'audit_checkpoint', nullable: true }) auditCheckpoint: unknown;
}

@Entity('alerts')
export class Alert {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'date', name: 'due_on' }) dueOn: string;
  @Column({ type: 'text', name: 'record_ref', default: '' }) recordRef: string;
  @Column({ type: 'text' }) message: string;
  @Column({ type: 'timestamptz', name: 'created_at', default: () => 'now()' }) createdAt: Date;
  // state and escalation (migration 1764400150000-AlertStates, api/src/alerts)
  @Column({ type: 'text', default: 'open' }) state: 'open' | 'acknowledged' | 'resolved';
  @Column({ type: 'text', name: 'acknowledged_by', nullable: true }) acknowledgedBy: string | null;
  @Column({ type: 'timestamptz', name: 'acknowledged_at', nullable: true }) acknowledgedAt: Date | null;
  @Column({ type: 'text', name: 'ack_note', nullable: true }) ackNote: string | null;
  @Column({ type: 'date', name: 'resolved_on', nullable: true }) resolvedOn: string | null;
  /** 0 the unit, 1 escalated to the city office, 2 to the group leader */
  @Column({ type: 'integer', name: 'escalation_level', default: 0 }) escalationLevel: number;
  @Column({ type: 'date', name: 'escalated_on', nullable: true }) escalatedOn: string | null;
  @Column({ type: 'timestamptz', name: 'notified_at', nullable: true }) notifiedAt: Date | null;
}
