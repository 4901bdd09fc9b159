import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { chinaDay } from '../common/china-time.js';
import { CLOCK, DATABASE, type Clock } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { pruneLedgerChanges } from '../database/ledger-changes.js';
import { loadCampaign } from '../campaign/campaign.js';
import { ScoresService } from '../assessment/scores.service.js';
import { dispatchTableCheck, draftRankingMonth, feedbackCheck, monthlyReportCheck, overdueScan } from './alert-checks.js';

// One evening run a day does every check due that day: the day's deadlines have passed by then, and a
// missed run is caught up by running the day again (every check is idempotent).
@Injectable()
export class CalendarJobs {
  private readonly log = new Logger('calendar');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ScoresService) private readonly scores: ScoresService,
  ) {}

  @Cron('0 30 20 * * *', { timeZone: 'Asia/Shanghai', name: 'campaign-calendar' })
  async nightly(): Promise<void> {
    await this.runDay(chinaDay(this.clock.now()));
  }

  // The change notes serve the analytics copies of running servers, which catch up within seconds.
  @Cron('0 0 4 * * *', { timeZone: 'Asia/Shanghai', name: 'prune-ledger-changes' })
  async pruneChanges(): Promise<void> {
    this.log.log(`ledger change notes pruned: ${await pruneLedgerChanges(this.db.dataSource)}`);
  }

  async runDay(today: string): Promise<Record<string, number>> {
    const ds = this.db.dataSource;
    const c = await loadCampaign(ds);
    const counts: Record<string, number> = {
      hazard_overdue: await overdueScan(ds, today),
      monthly_report_missing: await monthlyReportCheck(ds, c, today),
      feedback_missing: await feedbackCheck(ds, c, today),
      dispatch_table_missing: await dispatchTableCheck(ds, c, today),
      draft_ranking: 0,
    };
    const month = draftRankingMonth(c, today);
    if (month) {
      const ranking = await this.scores.live(month);
      const city = (await ds.query(`SELECT code FROM units WHERE level = 'city' ORDER BY code`)) as { code: string }[];
      for (const { code } of city) {
        const r = await ds.query(
          `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message) VALUES ($1, 'draft_ranking', $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
          [code, today, month, `${month} 打分排队草稿已生成（${ranking.units.length} 个县级单位），待审核发布`]);
        counts.draft_ranking += r.length;
      }
    }
    this.log.log(`calendar ${today}: ${JSON.stringify(counts)}`);
    return counts;
  }
}
