import { Inject, Injectable } from '@nestjs/common';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { ScoresService } from '../assessment/scores.service.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { assertWorkbookBounds } from './read-dispatch-sheet.js';
import type { DataSource } from 'typeorm';
import { reconcileTable } from './reconcile.js';
import type { ReconciliationResult, ReconciliationSummary } from './reconciliation.types.js';
import { latestReconciliations, listReconciliations, type StoredReconciliation } from './reconciliations.repository.js';

/** What other features read of the reconciliations (the exports, the CLI without Nest) instead of the table. */
export interface ReconciliationsReader {
  latest(month: string): Promise<ReconciliationSummary[]>;
}

/** The reader over a ledger opened without Nest (the CLI's exports). */
export function reconciliationsReader(ds: DataSource): ReconciliationsReader {
  return { latest: (month) => latestReconciliations(ds, month) };
}


@Injectable()
export class ReconciliationsService implements ReconciliationsReader {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(AnalyticsService) private readonly analytics: AnalyticsService,
    @Inject(ScoresService) private readonly scores: ScoresService,
  ) {}

  async reconcile(o: { unit: string; month?: string; file: Buffer; fileName?: string; actor: string }): Promise<ReconciliationResult> {
    // the file's bounds first: a bomb or a non-workbook is refused before the month's figures are computed
    assertWorkbookBounds(o.file);
    const m = await this.scores.checkMonth(o.month);
    const dispatch = (await this.analytics.monthFigures(m)).dispatch;
    return reconcileTable(this.db.dataSource, dispatch, { unit: o.unit, file: o.file, fileName: o.fileName, actor: o.actor });
  }

  list(f: { unit?: string; month?: string }): Promise<StoredReconciliation[]> {
    return listReconciliations(this.db.dataSource, f);
  }

  latest(month: string): Promise<ReconciliationSummary[]> {
    return latestReconciliations(this.db.dataSource, month);
  }
}
