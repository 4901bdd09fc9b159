import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { chinaDay } from '../common/china-time.js';
import { CLOCK, DATABASE, type Clock } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { pruneLedgerChanges } from '../database/ledger-changes.js';
import { loadCampaigns } from '../campaign/campaign.js';
import { ScoresService } from '../assessment/scores.service.js';
import { dispatchTableCheck, draftRankingMonth, feedbackCheck, monthlyReportCheck, overdueScan } from './alert-checks.js';
import { loadScheme } from '../assessment/scheme-store.js';
import { coverageCheck, drillCheck, leaderCheck, oneOffReportCheck, typicalCaseCheck, windowOf } from '../alerts/duty-checks.js';
import { escalateOpen, loadGraceDays, resolveMet } from '../alerts/alert-lifecycle.js';
import { AlertNotifier } from '../alerts/alert-notifier.js';
import { COVERAGE, type CoverageProvider } from '../alerts/coverage.js';

// One evening run a day does every check due that day: the day's deadlines have passed by then, and a
// missed run is caught up by running the day again (every check is idempotent).
@Injectable()
export class CalendarJobs {
  private readonly log = new Logger('calendar');

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ScoresService) private readonly scores: ScoresService,
    @Inject(AlertNotifier) private readonly notifier: AlertNotifier,
    @Inject(COVERAGE) private readonly coverage: CoverageProvider,
  ) {}

  @Cron('0 30 20 * * *', { timeZone: 'Asia/Shanghai', name: 'campaign-calendar' })
  async nightly(): Promise<void> {
    await this.runDay(chinaDay(this.clock.now()));
  }

  // The city office's morning digest of every unresolved alert (after the evening run of the day before).
  @Cron('0 0 8 * * *', { timeZone: 'Asia/Shanghai', name: 'alert-digest' })
  async morningDigest(): Promise<void> {
    await this.notifier.digest(chinaDay(this.clock.now()));
  }

  // The change notes serve the analytics copies of running servers, which catch up within seconds.
  @Cron('0 0 4 * * *', { timeZone: 'Asia/Shanghai', name: 'prune-ledger-changes' })
  async pruneChanges(): Promise<void> {
    this.log.log(`ledger change notes pruned: ${await pruneLedgerChanges(this.db.dataSource)}`);
  }

  async runDay(today: string): Promise<Record<string, number>> {
    const ds = this.db.dataSource;
    const counts: Record<string, number> = {
      hazard_overdue: await overdueScan(ds, today),
      monthly_report_missing: 0, feedback_missing: 0, dispatch_table_missing: 0, draft_ranking: 0,
      leader_inspections_short: 0, typical_case_missing: 0, coverage_behind: 0, drills_missing: 0,
    };
    const scheme = (await loadScheme(ds)).params;
    // the stage report and summary of the campaign that assesses this month, if any does
    counts.stage_or_summary_missing = await oneOffReportCheck(ds, await windowOf(ds, today.slice(0, 7)), today);
    // each campaign's own calendar (domain.md section 4); each check looks only at that campaign's days
    for (const c of await loadCampaigns(ds)) {
      counts.monthly_report_missing += await monthlyReportCheck(ds, c, today);
      counts.feedback_missing += await feedbackCheck(ds, c, today);
      counts.dispatch_table_missing += await dispatchTableCheck(ds, c, today);
      const month = draftRankingMonth(c, today);
      if (month) counts.draft_ranking += await this.draftRanking(month, today);
      counts.leader_inspections_short += await leaderCheck(ds, c, scheme, today);
      counts.typical_case_missing += await typicalCaseCheck(ds, c, today);
      counts.coverage_behind += await coverageCheck(ds, c, this.coverage, today);
      counts.drills_missing += await drillCheck(ds, c, today);
    }
    // then the alerts' life: duties met since resolve them, those left open escalate, and people hear of it
    const life = {
      resolved: await resolveMet(ds, scheme, this.coverage, today),
      escalated: await escalateOpen(ds, await loadGraceDays(ds), today),
    };
    const sent = await this.notifier.notifyNew(today);
    const escalationMails = await this.notifier.notifyEscalated(life.escalated, today);
    this.log.log(`calendar ${today}: ${JSON.stringify(counts)}; resolved ${life.resolved}, escalated ${life.escalated.length}; mails ${sent.mails + escalationMails}, webhooks ${sent.webhooks}`);
    return counts;
  }

  private async draftRanking(month: string, today: string): Promise<number> {
    const ds = this.db.dataSource;
    const ranking = await this.scores.live(month);
    const city = (await ds.query(`SELECT code FROM units WHERE level = 'city' ORDER BY code`)) as { code: string }[];
    let n = 0;
    for (const { code } of city) {
      const r = await ds.query(
        `INSERT INTO alerts (unit_code, kind, due_on, record_ref, message) VALUES ($1, 'draft_ranking', $2, $3, $4) ON CONFLICT DO NOTHING RETURNING id`,
        [code, today, month, `${month} 打分排队草稿已生成（${ranking.units.length} 个县级单位），待审核发布`]);
      n += r.length;
    }
    return n;
  }
}
