import { Inject, Injectable } from '@nestjs/common';
import type { TokenClaims } from '../auth/tokens.js';
import { DomainError } from '../common/domain-error.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { LedgerWriter } from '../ledger/common/ledger-writer.js';
import { assessedMonths, loadCampaigns, type Campaign } from './campaign.js';
import { campaignProblems } from './campaign-rules.js';
import type { CampaignDto, CreateCampaignDto } from './campaigns.dto.js';

const view = (c: Campaign): CampaignDto => ({ ...c, months: assessedMonths(c) });

/** The campaigns (domain.md section 4): listed for everyone, added by the city office. */
@Injectable()
export class CampaignsService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  async list(): Promise<CampaignDto[]> {
    return (await loadCampaigns(this.db.dataSource)).map(view);
  }

  async create(u: TokenClaims, d: CreateCampaignDto): Promise<CampaignDto> {
    const c: Campaign = { ...d, stageReportDue: d.stageReportDue ?? null, summaryDue: d.summaryDue ?? null };
    await this.writer.write(u, async (tx) => {
      // one campaign written at a time: the overlap check reads what the insert relies on
      await tx.m.query('LOCK TABLE campaigns IN SHARE ROW EXCLUSIVE MODE');
      const others = (await tx.m.query(`SELECT code, first_month::text AS "firstMonth", last_month::text AS "lastMonth" FROM campaigns`)) as Campaign[];
      if (others.some((o) => o.code === c.code)) {
        throw new DomainError('CONFLICT', `code: campaign ${JSON.stringify(c.code)} exists already; a bundle's campaigns.csv corrects it`);
      }
      const problems = campaignProblems(c, others);
      // dates that contradict themselves first (400); a clash with another campaign is a conflict (409)
      const own = problems.find((p) => !p.overlap);
      if (own) throw new DomainError('BAD_PARAMETER', `${own.field}: ${own.message}`);
      if (problems.length) throw new DomainError('CAMPAIGN_OVERLAP', `${problems[0].field}: ${problems[0].message}`);
      await tx.m.query(`INSERT INTO campaigns (code, name, start_on, end_on, first_month, last_month, stage_report_due, summary_due)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [c.code, c.name, c.startOn, c.endOn, c.firstMonth, c.lastMonth, c.stageReportDue, c.summaryDue]);
      tx.audit('campaign.create', 'campaigns', c.code, null, c);
    });
    return view(c);
  }
}
