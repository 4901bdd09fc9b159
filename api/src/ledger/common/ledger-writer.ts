import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { appendAudit, type AuditEntry } from '../../audit/audit-chain.js';
import { AnalyticsService } from '../../assessment/analytics.service.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { chinaDay } from '../../common/china-time.js';
import { CLOCK, DATABASE, type Clock } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { DomainError } from '../../common/domain-error.js';

/** One write in progress: its transaction's manager, the writer, and the audit entries it will append. */
export class LedgerTx {
  readonly entries: AuditEntry[] = [];

  constructor(readonly m: EntityManager, readonly user: TokenClaims, readonly today: string) {}

  /** Records a change for the audit trail (who, what, before, after); appended when the work succeeds. */
  audit(action: string, tableName: string, recordKey: string, before: unknown, after: unknown): void {
    this.entries.push({ actor: this.user.sub, action, tableName, recordKey, before: before ?? null, after: after ?? null });
  }

  /** Refuses a date after today (CST): nobody signs for a day that has not come. */
  notFuture(date: string, field: string): string {
    if (date > this.today) throw new DomainError('BAD_PARAMETER', `${field}: ${date} is after today (${this.today}); a record cannot be dated in the future`);
    return date;
  }
}

const PG_UNIQUE = '23505';
const PG_FOREIGN_KEY = '23503';
const PG_CHECK = '23514';
const PG_NOT_NULL = '23502';

/**
 * Every write to the ledger goes through here: one explicit transaction in which only its manager is
 * used (PGlite has one connection: anything else would wait for ever), the audit entries appended in
 * that same transaction, and the analytics cache forgotten once it has committed.
 */
@Injectable()
export class LedgerWriter {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(AnalyticsService) private readonly analytics: AnalyticsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async write<T>(user: TokenClaims, work: (tx: LedgerTx) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await this.db.dataSource.transaction(async (m) => {
        const tx = new LedgerTx(m, user, chinaDay(this.clock.now()));
        const r = await work(tx);
        await appendAudit(m, tx.entries);
        return r;
      });
    } catch (e) {
      throw translate(e);
    }
    this.analytics.invalidate();
    return result;
  }
}

/** What the database refused, as a domain error the client can act on (the constraint names the rule). */
function translate(e: unknown): unknown {
  const pg = e as { code?: string; constraint?: string; detail?: string; column?: string; driverError?: { code?: string; constraint?: string; detail?: string; column?: string } };
  const code = pg.driverError?.code ?? pg.code;
  const constraint = pg.driverError?.constraint ?? pg.constraint ?? 'a rule';
  const detail = pg.driverError?.detail ?? pg.detail ?? '';
  if (code === PG_UNIQUE) return new DomainError('CONFLICT', `this record exists already (${constraint}) ${detail}`.trim());
  if (code === PG_FOREIGN_KEY) return new DomainError('BAD_REFERENCE', `${fieldOf(detail)}a referenced record is missing (${constraint}) ${detail}`.trim());
  if (code === PG_NOT_NULL) return new DomainError('BAD_PARAMETER', `${fieldOf(`Key (${pg.driverError?.column ?? pg.column})=`)}a required value is missing ${detail}`.trim());
  if (code === PG_CHECK) return new DomainError('CONFLICT', `the ledger's rule ${constraint} refuses this change`);
  return e;
}

/** "Key (unit_code)=(x) is not present …" → "unitCode: ", the body field a client sent (a 400 names its field) */
function fieldOf(detail: string): string {
  const column = /Key \((\w+)\)=/.exec(detail)?.[1];
  return column ? `${column.replace(/_(\w)/g, (_, c: string) => c.toUpperCase())}: ` : '';
}
