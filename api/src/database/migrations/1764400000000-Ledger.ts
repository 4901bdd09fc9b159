import type { MigrationInterface, QueryRunner } from 'typeorm';

// The ledger of domain.md section 3. The rules that a database can hold are held here too, so that a
// write that bypasses the application (a script, a psql session) still cannot break them.
export class Ledger1764400000000 implements MigrationInterface {
  name = 'Ledger1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaigns (
        code text PRIMARY KEY,
        name text NOT NULL,
        start_on date NOT NULL,
        end_on date NOT NULL,
        first_month char(7) NOT NULL,
        last_month char(7) NOT NULL,
        CONSTRAINT chk_campaigns_dates CHECK (start_on <= end_on)
      );
      INSERT INTO campaigns VALUES ('jincheng-2023', '危险废物领域重大事故隐患专项排查整治2023行动',
        '2023-04-25', '2023-12-31', '2023-05', '2023-12');

      CREATE TABLE units (
        code text PRIMARY KEY,
        name text NOT NULL,
        level text NOT NULL CONSTRAINT chk_units_level CHECK (level IN ('province','city','county','zone')),
        parent_code text REFERENCES units(code) DEFERRABLE INITIALLY DEFERRED,
        CONSTRAINT chk_units_parent CHECK (parent_code IS NULL OR parent_code <> code)
      );
      CREATE INDEX idx_units_parent ON units(parent_code);

      CREATE TABLE enterprises (
        credit_code char(18) PRIMARY KEY,
        name text NOT NULL,
        unit_code text NOT NULL REFERENCES units(code),
        industry text NOT NULL CONSTRAINT chk_enterprises_industry CHECK (industry IN
          ('steel','power','coal_chemical','coal_mining','building_materials','hw_operator','medical_waste','other')),
        risk_level text NOT NULL CONSTRAINT chk_enterprises_risk CHECK (risk_level IN ('general','larger','major')),
        high_risk boolean NOT NULL,
        parent_credit_code char(18) REFERENCES enterprises(credit_code) DEFERRABLE INITIALLY DEFERRED,
        main_leader text
      );
      CREATE INDEX idx_enterprises_unit ON enterprises(unit_code);

      CREATE TABLE inspections (
        inspection_id text PRIMARY KEY,
        unit_code text NOT NULL REFERENCES units(code),
        enterprise_credit_code char(18) NOT NULL REFERENCES enterprises(credit_code),
        inspected_on date NOT NULL,
        signed_by text[] NOT NULL CONSTRAINT chk_inspections_signers CHECK (cardinality(signed_by) >= 1),
        major_hazards_found integer NOT NULL CONSTRAINT chk_inspections_found CHECK (major_hazards_found >= 0),
        -- 谁检查、谁签名、谁负责: a signed inspection is corrected by a new record that names it
        corrects_inspection_id text REFERENCES inspections(inspection_id)
      );
      CREATE INDEX idx_inspections_unit ON inspections(unit_code);
      CREATE INDEX idx_inspections_enterprise ON inspections(enterprise_credit_code, inspected_on);

      CREATE TABLE findings (
        inspection_id text NOT NULL REFERENCES inspections(inspection_id),
        finding text NOT NULL CONSTRAINT chk_findings_kind CHECK (finding IN ('no_leader_study','no_leader_inspection',
          'no_duty_list','no_safety_staff','uncertified_special_work','outsourcing_chaos','no_drill')),
        PRIMARY KEY (inspection_id, finding)
      );

      CREATE TABLE hazards (
        ledger_no text PRIMARY KEY,
        enterprise_credit_code char(18) NOT NULL REFERENCES enterprises(credit_code),
        unit_code text NOT NULL REFERENCES units(code),
        source text NOT NULL CONSTRAINT chk_hazards_source CHECK (source IN
          ('self_check','enforcement','public_report','superior_assignment')),
        found_on date NOT NULL,
        description text,
        category text,
        inspection_id text REFERENCES inspections(inspection_id),
        confirmed_on date,
        listed_level text CONSTRAINT chk_hazards_listed_level CHECK (listed_level IN ('county','city','government')),
        listed_on date,
        tracker text,
        responsible_person text,
        measures text,
        funds_wan numeric(14,2) CONSTRAINT chk_hazards_funds CHECK (funds_wan >= 0),
        deadline date,
        contingency_plan text,
        rectified_on date,
        closed_on date,
        closed_by text,
        CONSTRAINT chk_hazards_listing CHECK ((listed_level IS NULL) = (listed_on IS NULL) AND (listed_on IS NULL) = (tracker IS NULL)),
        CONSTRAINT chk_hazards_confirmed CHECK (confirmed_on >= found_on),
        CONSTRAINT chk_hazards_listed CHECK (listed_on >= found_on AND listed_on <= closed_on),
        CONSTRAINT chk_hazards_deadline CHECK (deadline >= found_on),
        CONSTRAINT chk_hazards_rectified CHECK (rectified_on >= found_on),
        CONSTRAINT chk_hazards_closed CHECK (closed_on IS NULL OR (rectified_on IS NOT NULL AND closed_on >= rectified_on))
      );
      CREATE INDEX idx_hazards_unit ON hazards(unit_code, found_on);
      CREATE INDEX idx_hazards_enterprise ON hazards(enterprise_credit_code);

      CREATE TABLE actions (
        action_id text PRIMARY KEY,
        unit_code text NOT NULL REFERENCES units(code),
        kind text NOT NULL CONSTRAINT chk_actions_kind CHECK (kind IN ('assistance_unit','assistance_enterprise','penalty',
          'dual_penalty','judicial_transfer','suspension','closure','exposure','interview','joint_punishment',
          'typical_case','accountability','interview_unit')),
        acted_on date NOT NULL,
        enterprise_credit_code char(18) REFERENCES enterprises(credit_code),
        hazard_ledger_no text REFERENCES hazards(ledger_no),
        target_unit_code text REFERENCES units(code),
        persons integer NOT NULL DEFAULT 1 CONSTRAINT chk_actions_persons CHECK (persons >= 0),
        amount_wan numeric(14,2) CONSTRAINT chk_actions_amount CHECK (amount_wan >= 0),
        crime boolean NOT NULL DEFAULT false,
        CONSTRAINT chk_actions_enterprise CHECK (enterprise_credit_code IS NOT NULL OR kind NOT IN ('assistance_enterprise',
          'penalty','dual_penalty','suspension','closure','exposure','interview','joint_punishment','typical_case')),
        CONSTRAINT chk_actions_target CHECK (target_unit_code IS NOT NULL OR kind NOT IN ('assistance_unit','interview_unit')),
        CONSTRAINT chk_actions_amount_penalty CHECK (amount_wan IS NOT NULL OR kind <> 'penalty')
      );
      CREATE INDEX idx_actions_unit ON actions(unit_code, acted_on);
      CREATE INDEX idx_actions_hazard ON actions(hazard_ledger_no);

      CREATE TABLE leaders (
        unit_code text NOT NULL REFERENCES units(code),
        name text NOT NULL,
        role text NOT NULL CONSTRAINT chk_leaders_role CHECK (role IN ('main','member')),
        PRIMARY KEY (unit_code, name)
      );

      CREATE TABLE leader_inspections (
        id bigserial PRIMARY KEY,
        unit_code text NOT NULL,
        leader_name text NOT NULL,
        inspected_on date NOT NULL,
        enterprise_credit_code char(18) REFERENCES enterprises(credit_code),
        FOREIGN KEY (unit_code, leader_name) REFERENCES leaders(unit_code, name),
        CONSTRAINT uq_leader_inspections UNIQUE NULLS NOT DISTINCT (unit_code, leader_name, inspected_on, enterprise_credit_code)
      );

      CREATE TABLE assignments (
        hazard_ledger_no text PRIMARY KEY REFERENCES hazards(ledger_no),
        unit_code text NOT NULL REFERENCES units(code),
        assigned_on date NOT NULL
      );
      CREATE INDEX idx_assignments_unit ON assignments(unit_code);

      CREATE TABLE feedback (
        id bigserial PRIMARY KEY,
        hazard_ledger_no text NOT NULL REFERENCES assignments(hazard_ledger_no),
        feedback_on date NOT NULL,
        document_no text NOT NULL,
        progress text,
        CONSTRAINT uq_feedback UNIQUE NULLS NOT DISTINCT (hazard_ledger_no, feedback_on, document_no, progress)
      );
      CREATE INDEX idx_feedback_hazard ON feedback(hazard_ledger_no, feedback_on);

      CREATE TABLE drills (
        id bigserial PRIMARY KEY,
        enterprise_credit_code char(18) NOT NULL REFERENCES enterprises(credit_code),
        drilled_on date NOT NULL,
        CONSTRAINT uq_drills UNIQUE (enterprise_credit_code, drilled_on)
      );

      CREATE TABLE submissions (
        id bigserial PRIMARY KEY,
        unit_code text NOT NULL REFERENCES units(code),
        kind text NOT NULL CONSTRAINT chk_submissions_kind CHECK (kind IN ('monthly_report','dispatch_table','stage_report','summary')),
        period char(7) CONSTRAINT chk_submissions_period CHECK (period ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
        submitted_on date NOT NULL,
        CONSTRAINT uq_submissions UNIQUE NULLS NOT DISTINCT (unit_code, kind, period, submitted_on)
      );
      CREATE INDEX idx_submissions_unit ON submissions(unit_code, kind, period);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE submissions, drills, feedback, assignments, leader_inspections, leaders, actions,
      hazards, findings, inspections, enterprises, units, campaigns`);
  }
}
