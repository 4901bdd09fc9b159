import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorator.js';
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE } from '../common/database-unavailable.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { s } from '../../../analytics/src/json-schema.js';

/** How long the probe waits for the database before it calls it unavailable. */
const PROBE_MS = 3000;

// For operators and container healthchecks: is the server up, and can it reach the ledger database?
// Public, and it tells nothing about the ledger's records.
@ApiTags('health')
@Controller('api')
export class HealthController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get('health')
  @Summary('健康检查', 'Is the server up, and can it reach the ledger database?')
  @ApiAnswer(s.named('Health', s.object<{ status: string; database: string; statusCode?: number; code?: string; message?: string }>({ status: s.string({ description: 'ok or unavailable' }), database: s.string({ description: 'ok or unavailable' }), statusCode: s.optional(s.integer()), code: s.optional(s.string()), message: s.optional(s.string()) })), { description: 'ok; 503 with the same shape when the database does not answer' })
  @ApiErrors(503)
  @Public()
  async health(@Res({ passthrough: true }) res: Response) {
    if (await this.databaseAnswers()) return { status: 'ok', database: 'ok' };
    res.status(503).setHeader('Retry-After', '5');
    return { statusCode: 503, code: DATABASE_UNAVAILABLE, status: 'unavailable', database: 'unavailable', message: DATABASE_UNAVAILABLE_MESSAGE };
  }

  private async databaseAnswers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((ok) => { timer = setTimeout(() => ok(false), PROBE_MS); });
    const probe = this.db.dataSource.query('SELECT 1').then(() => true, () => false);
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
