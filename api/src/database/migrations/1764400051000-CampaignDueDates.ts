import type { MigrationInterface, QueryRunner } from 'typeorm';

// The one-off reports' due dates (阶段性情况, 工作总结) belong to the campaign (domain.md section 4):
// until now analytics/src/month-window.ts knew them for jincheng-2023 only, so another campaign made every
// figure throw. Empty means the campaign does not owe that report. The check keeps them inside the window,
// as a bundle's campaigns.csv and POST /api/campaigns are checked.
export class CampaignDueDates1764400051000 implements MigrationInterface {
  name = 'CampaignDueDates1764400051000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE campaigns ADD COLUMN stage_report_due date;
      ALTER TABLE campaigns ADD COLUMN summary_due date;
      UPDATE campaigns SET stage_report_due = '2023-08-09', summary_due = '2023-12-09' WHERE code = 'jincheng-2023';
      ALTER TABLE campaigns ADD CONSTRAINT chk_campaigns_due_in_window CHECK (
        (stage_report_due IS NULL OR stage_report_due BETWEEN start_on AND end_on)
        AND (summary_due IS NULL OR summary_due BETWEEN start_on AND end_on));
      ALTER TABLE campaigns ADD CONSTRAINT chk_campaigns_months CHECK (first_month <= last_month);
    `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE campaigns DROP CONSTRAINT chk_campaigns_months, DROP CONSTRAINT chk_campaigns_due_in_window,
      DROP COLUMN summary_due, DROP COLUMN stage_report_due;`);
  }
}
