import { Inject, Injectable } from '@nestjs/common';
import type { TraceJson } from '../../../analytics/src/contracts.js';
import type { Explanation } from '../../../analytics/src/explain.js';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { loadScheme } from '../assessment/scheme-store.js';
import { ScoresService } from '../assessment/scores.service.js';
import { endOfMonth, loadCampaign } from '../campaign/campaign.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { briefingBuffer } from './briefing-document.js';
import { buildBriefing } from './briefing-content.js';
import { gatherBriefing, rankingWithMovement, type BriefingOptions, type FiguresSource } from './briefing-data.js';
import { hazardOrder, hazardWhere, type HazardFilter } from '../ledger/hazards/hazards.repository.js';
import { dispatchCsv, hazardsAsOf, hazardsCsv, hazardsListed, scoresCsv, type CsvDialect } from './csv-exports.js';
import { dispatchWorkbookBuffer } from './dispatch-workbook.js';
import { traceNames, traceWorkbookBuffer } from './trace-workbook.js';
import { typicalCases, typicalCasesCsv } from './typical-cases.js';
import { ReconciliationsService } from '../reconcile/reconciliations.service.js';
import { figuresParquetBuffer } from './figures-parquet-file.js';

/** The exports over HTTP: the same files as the CLI's, from the server's cached analytics copy. */
@Injectable()
export class ExportsService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(AnalyticsService) private readonly analytics: AnalyticsService,
    @Inject(ScoresService) private readonly scores: ScoresService,
    @Inject(ReconciliationsService) private readonly reconciliations: ReconciliationsService,
  ) {}

  // cache keys shared with the dispatch, trace and scores routes, so an export reuses their results
  figures(): FiguresSource {
    return {
      dispatch: async (m) => (await this.analytics.monthFigures(m)).dispatch,
      scores: (m) => this.scores.live(m),
      trace: (m) => this.analytics.cached(`trace:${m}`, (e) => e.trace(m)) as Promise<TraceJson>,
      explain: async (u, m) => {
        const scores = await this.scores.live(m);
        return this.analytics.cached(`explain:${u}:${m}`, async (e) => e.explain(u, m, (await loadScheme(this.db.dataSource, 'default')).params, scores)) as Promise<Explanation>;
      },
      // the key of GET /api/coverage's cache
      coverage: (m) => this.analytics.cached(`coverage:${m}`, (e) => e.coverage(m)),
    };
  }

  async dispatchWorkbook(month: string): Promise<Buffer> {
    const m = await this.scores.checkMonth(month);
    // titled for the month's own campaign, not the notice's 2023 行动
    return dispatchWorkbookBuffer(await this.figures().dispatch(m), (await loadCampaign(this.db.dataSource, m)).name);
  }

  async briefing(month: string, options: BriefingOptions): Promise<Buffer> {
    const m = await this.scores.checkMonth(month);
    return briefingBuffer(buildBriefing(await gatherBriefing(this.db.dataSource, this.figures(), this.reconciliations, m, options)));
  }

  /** the month's figures as Parquet (analytics/src/figures-parquet.ts): the numbers of GET /api/dispatch and GET /api/scores */
  async figuresParquet(month: string): Promise<Buffer> {
    const m = await this.scores.checkMonth(month);
    const source = this.figures();
    const [dispatch, scores] = await Promise.all([source.dispatch(m), source.scores(m)]);
    return figuresParquetBuffer({ month: m, dispatch, scores });
  }

  async dispatchCsv(month: string, o: CsvDialect = {}): Promise<string> {
    const m = await this.scores.checkMonth(month);
    return dispatchCsv(await this.figures().dispatch(m), o);
  }

  async scoresCsv(month: string, o: CsvDialect = {}): Promise<string> {
    const m = await this.scores.checkMonth(month);
    return scoresCsv(await rankingWithMovement(this.db.dataSource, this.figures(), m), o);
  }

  /** `scope`: a county user's unit, limiting the file to what that user may read */
  async hazardsCsv(month: string, scope?: string, o: CsvDialect = {}): Promise<string> {
    const m = await this.scores.checkMonth(month);
    return hazardsCsv(await hazardsAsOf(this.db.dataSource, endOfMonth(m), scope), { ...o, asOf: endOfMonth(m) });
  }

  /** the ledger list's rows for a filter (GET /api/hazards with the same query, all pages), as the ledger stands on `asOf` */
  async hazardsListCsv(filter: Omit<HazardFilter, 'sort' | 'page' | 'pageSize'>, sort: string, asOf: string, o: CsvDialect = {}): Promise<string> {
    return hazardsCsv(await hazardsListed(this.db.dataSource, hazardWhere(filter), hazardOrder(sort)), { ...o, asOf });
  }

  /** 责任追溯 of the month, one sheet per list */
  async traceWorkbook(month: string): Promise<Buffer> {
    const m = await this.scores.checkMonth(month);
    return traceWorkbookBuffer(await this.figures().trace(m), await traceNames(this.db.dataSource));
  }

  /** the typical cases counted by the month's dispatch table (C8), within a county user's `scope` */
  async typicalCasesCsv(month: string, scope?: string): Promise<string> {
    const m = await this.scores.checkMonth(month);
    const campaign = await loadCampaign(this.db.dataSource, m);
    return typicalCasesCsv(await typicalCases(this.db.dataSource, campaign.startOn, endOfMonth(m), scope));
  }
}
