import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

// The ledger's records (domain.md section 3) as TypeORM entities. The migration
// 1764400000000-Ledger is the schema's source of truth (checks, deferrable keys); these map it for
// the application's reads and writes. Column types are explicit: nothing depends on reflected types.

@Entity('campaigns')
export class Campaign {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'date', name: 'start_on' }) startOn: string;
  @Column({ type: 'date', name: 'end_on' }) endOn: string;
  @Column({ type: 'char', length: 7, name: 'first_month' }) firstMonth: string;
  @Column({ type: 'char', length: 7, name: 'last_month' }) lastMonth: string;
  /** 阶段性情况 due date; null: not owed */
  @Column({ type: 'date', name: 'stage_report_due', nullable: true }) stageReportDue: string | null;
  /** 工作总结 due date; null: not owed */
  @Column({ type: 'date', name: 'summary_due', nullable: true }) summaryDue: string | null;
}

/** 单位: city bureau, county branch (分局) or development zone, in a tree through parentCode */
@Entity('units')
export class Unit {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) level: 'province' | 'city' | 'county' | 'zone';
  @Column({ type: 'text', name: 'parent_code', nullable: true }) parentCode: string | null;
  @ManyToOne(() => Unit, { nullable: true, createForeignKeyConstraints: false }) @JoinColumn({ name: 'parent_code' }) parent?: Unit | null;
}

/** 企业, belonging to its jurisdiction (属地) */
@Entity('enterprises')
export class Enterprise {
  @PrimaryColumn({ type: 'char', length: 18, name: 'credit_code' }) creditCode: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'text' }) industry: string;
  @Column({ type: 'text', name: 'risk_level' }) riskLevel: 'general' | 'larger' | 'major';
  @Column({ type: 'boolean', name: 'high_risk' }) highRisk: boolean;
  @Column({ type: 'char', length: 18, name: 'parent_credit_code', nullable: true }) parentCreditCode: string | null;
  @Column({ type: 'text', name: 'main_leader', nullable: true }) mainLeader: string | null;
}

/** 检查: signed by its inspectors (谁检查、谁签名、谁负责); never edited, corrected by a new record */
@Entity('inspections')
export class Inspection {
  @PrimaryColumn({ type: 'text', name: 'inspection_id' }) inspectionId: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'char', length: 18, name: 'enterprise_credit_code' }) enterpriseCreditCode: string;
  @Column({ type: 'date', name: 'inspected_on' }) inspectedOn: string;
  @Column({ type: 'text', array: true, name: 'signed_by' }) signedBy: string[];
  @Column({ type: 'integer', name: 'major_hazards_found' }) majorHazardsFound: number;
  @Column({ type: 'text', name: 'corrects_inspection_id', nullable: true }) correctsInspectionId: string | null;
}

/** one of the seven spot-check problems found on an inspection */
@Entity('findings')
export class Finding {
  @PrimaryColumn({ type: 'text', name: 'inspection_id' }) inspectionId: string;
  @PrimaryColumn({ type: 'text' }) finding: string;
}

/** 重大事故隐患 with its rectification and close-out (办结销号) */
@Entity('hazards')
export class Hazard {
  @PrimaryColumn({ type: 'text', name: 'ledger_no' }) ledgerNo: string;
  @Column({ type: 'char', length: 18, name: 'enterprise_credit_code' }) enterpriseCreditCode: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'text' }) source: 'self_check' | 'enforcement' | 'public_report' | 'superior_assignment';
  @Column({ type: 'date', name: 'found_on' }) foundOn: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', nullable: true }) category: string | null;
  @Column({ type: 'text', name: 'inspection_id', nullable: true }) inspectionId: string | null;
  @Column({ type: 'date', name: 'confirmed_on', nullable: true }) confirmedOn: string | null;
  @Column({ type: 'text', name: 'listed_level', nullable: true }) listedLevel: 'county' | 'city' | 'government' | null;
  @Column({ type: 'date', name: 'listed_on', nullable: true }) listedOn: string | null;
  @Column({ type: 'text', nullable: true }) tracker: string | null;
  @Column({ type: 'text', name: 'responsible_person', nullable: true }) responsiblePerson: string | null;
  @Column({ type: 'text', nullable: true }) measures: string | null;
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'funds_wan', nullable: true }) fundsWan: string | null;
  @Column({ type: 'date', nullable: true }) deadline: string | null;
  @Column({ type: 'text', name: 'contingency_plan', nullable: true }) contingencyPlan: string | null;
  @Column({ type: 'date', name: 'rectified_on', nullable: true }) rectifiedOn: string | null;
  @Column({ type: 'date', name: 'closed_on', nullable: true }) closedOn: string | null;
  @Column({ type: 'text', name: 'closed_by', nullable: true }) closedBy: string | null;
}

/** 执法: an enforcement action of a unit */
@Entity('actions')
export class EnforcementAction {
  @PrimaryColumn({ type: 'text', name: 'action_id' }) actionId: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'text' }) kind: string;
  @Column({ type: 'date', name: 'acted_on' }) actedOn: string;
  @Column({ type: 'char', length: 18, name: 'enterprise_credit_code', nullable: true }) enterpriseCreditCode: string | null;
  @Column({ type: 'text', name: 'hazard_ledger_no', nullable: true }) hazardLedgerNo: string | null;
  @Column({ type: 'text', name: 'target_unit_code', nullable: true }) targetUnitCode: string | null;
  @Column({ type: 'integer', default: 1 }) persons: number;
  @Column({ type: 'numeric', precision: 14, scale: 2, name: 'amount_wan', nullable: true }) amountWan: string | null;
  @Column({ type: 'boolean', default: false }) crime: boolean;
}

/** a unit's leader roster: 主要负责同志 (main) or 班子成员 (member) */
@Entity('leaders')
export class Leader {
  @PrimaryColumn({ type: 'text', name: 'unit_code' }) unitCode: string;
  @PrimaryColumn({ type: 'text' }) name: string;
  @Column({ type: 'text' }) role: 'main' | 'member';
}

@Entity('leader_inspections')
export class LeaderInspection {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'text', name: 'leader_name' }) leaderName: string;
  @Column({ type: 'date', name: 'inspected_on' }) inspectedOn: string;
  @Column({ type: 'char', length: 18, name: 'enterprise_credit_code', nullable: true }) enterpriseCreditCode: string | null;
}

/** 交办: a hazard assigned by the city to a county-level unit */
@Entity('assignments')
export class Assignment {
  @PrimaryColumn({ type: 'text', name: 'hazard_ledger_no' }) hazardLedgerNo: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'date', name: 'assigned_on' }) assignedOn: string;
}

/** 反馈: the weekly feedback on an assigned hazard, by formal document number */
@Entity('feedback')
export class Feedback {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text', name: 'hazard_ledger_no' }) hazardLedgerNo: string;
  @Column({ type: 'date', name: 'feedback_on' }) feedbackOn: string;
  @Column({ type: 'text', name: 'document_no' }) documentNo: string;
  @Column({ type: 'text', nullable: true }) progress: string | null;
}

/** 应急演练 */
@Entity('drills')
export class Drill {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'char', length: 18, name: 'enterprise_credit_code' }) enterpriseCreditCode: string;
  @Column({ type: 'date', name: 'drilled_on' }) drilledOn: string;
}

/** 报送: a monthly report, dispatch table, stage report or summary */
@Entity('submissions')
export class Submission {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ type: 'text', name: 'unit_code' }) unitCode: string;
  @Column({ type: 'text' }) kind: 'monthly_report' | 'dispatch_table' | 'stage_report' | 'summary';
  @Column({ type: 'char', length: 7, nullable: true }) period: string | null;
  @Column({ type: 'date', name: 'submitted_on' }) submittedOn: string;
}
