import type { MigrationInterface, QueryRunner } from 'typeorm';

// The campaign's phases (实施阶段, notice section 四) as data: the four phases, and
// inside 部门精准执法 the two coverage duties with their windows and required shares — the counties'
// 100% inspection in July–August and the city's spot checks of at least 20% in September–November.
// A duty row names the phase it lies within (within_phase), its required_percent and whose inspections
// count (inspected_by); a phase row has none of the three. Coverage (analytics/sql/inspection-coverage) reads the duty windows from here, not from code.
export class CampaignPhases1764400060000 implements MigrationInterface {
  name = 'CampaignPhases1764400060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE campaign_phases (
        campaign_code text NOT NULL REFERENCES campaigns(code) ON UPDATE CASCADE ON DELETE CASCADE,
        phase_key text NOT NULL,
        name text NOT NULL,
        start_on date NOT NULL,
        end_on date NOT NULL,
        within_phase text,
        required_percent integer,
        -- whose inspections count for a duty: the county-level unit's own, or its parent's (the city's)
        inspected_by text,
        PRIMARY KEY (campaign_code, phase_key),
        CONSTRAINT fk_campaign_phases_within FOREIGN KEY (campaign_code, within_phase) REFERENCES campaign_phases(campaign_code, phase_key),
        CONSTRAINT chk_campaign_phases_dates CHECK (start_on <= end_on),
        CONSTRAINT chk_campaign_phases_percent CHECK (required_percent BETWEEN 1 AND 100),
        CONSTRAINT chk_campaign_phases_inspected_by CHECK (inspected_by IN ('unit', 'parent')),
        CONSTRAINT chk_campaign_phases_duty CHECK ((within_phase IS NULL) = (required_percent IS NULL)
          AND (within_phase IS NULL) = (inspected_by IS NULL))
      );
      -- the notice's dates: 动员部署 to 05-15, 自查自改和部门帮扶 to June's end, 部门精准执法 July–November
      -- (7—8月 县级100%全覆盖检查, 9—11月 市级不低于20%抽查), 巩固提高 December
      INSERT INTO campaign_phases VALUES
        ('jincheng-2023', 'mobilisation', '动员部署', '2023-04-25', '2023-05-15', NULL, NULL, NULL),
        ('jincheng-2023', 'self_check', '自查自改和部门帮扶', '2023-05-16', '2023-06-30', NULL, NULL, NULL),
        ('jincheng-2023', 'enforcement', '部门精准执法', '2023-07-01', '2023-11-30', NULL, NULL, NULL),
        ('jincheng-2023', 'consolidation', '巩固提高', '2023-12-01', '2023-12-31', NULL, NULL, NULL),
        ('jincheng-2023', 'county_coverage', '县级全覆盖检查', '2023-07-01', '2023-08-31', 'enforcement', 100, 'unit'),
        ('jincheng-2023', 'city_spot_check', '市级抽查检查', '2023-09-01', '2023-11-30', 'enforcement', 20, 'parent');
      -- a ledger table for the analytics copy: its writes move the version and note their keys
      CREATE TRIGGER trg_campaign_phases_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign_phases
        FOR EACH STATEMENT EXECUTE FUNCTION bump_ledger_version();
      CREATE TRIGGER trg_campaign_phases_changes_ins AFTER INSERT ON campaign_phases REFERENCING NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows('campaign_code', 'phase_key');
      CREATE TRIGGER trg_campaign_phases_changes_upd AFTER UPDATE ON campaign_phases REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
        FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows('campaign_code', 'phase_key');
      CREATE TRIGGER trg_campaign_phases_changes_del AFTER DELETE ON campaign_phases REFERENCING OLD TABLE AS old_rows
        FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_rows('campaign_code', 'phase_key');
      CREATE TRIGGER trg_campaign_phases_changes_trunc AFTER TRUNCATE ON campaign_phases
        FOR EACH STATEMENT EXECUTE FUNCTION note_ledger_truncate();`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE campaign_phases`);
  }
}
