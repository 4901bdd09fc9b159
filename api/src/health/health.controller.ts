import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/access.decorator.js';
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE } from '../common/database-unavailable.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { s } from '../../../analytics/src/json-schema.js';
import { DatabaseProbe, PROBE_EVERY_MS } from './database-probe.js';

interface Health { status: string; database: string; checkedAt: string; statusCode?: number; code?: string; message?: string }

// For operators and container healthchecks: is the server up, and can it reach the ledger database?
// Public, and it tells nothing about the ledger's records. The server answering is checked by every
// request; the database by a probe at most every PROBE_EVERY_MS (checkedAt says when).
@ApiTags('health')
@Controller('api')
export class HealthController {
  private readonly probe: DatabaseProbe;

  constructor(@Inject(DATABASE) db: Database) {
    this.probe = new DatabaseProbe(db.dataSource);
  }

  @Get('health')
  @Summary('健康检查', 'Is the server up, and can it reach the ledger database?')
  @ApiAnswer(s.named('Health', s.object<Health>({
    status: s.string({ description: 'ok or unavailable' }),
    database: s.string({ description: 'ok or unavailable' }),
    checkedAt: s.string({ description: `when the database was last probed (at most ${PROBE_EVERY_MS} ms before the answer)` }),
    statusCode: s.optional(s.integer()), code: s.optional(s.string()), message: s.optional(s.string()),
  })), { description: 'ok; 503 with the same shape when the database does not answer' })
  @ApiErrors(503)
  @Public()
  async health(@Res({ passthrough: true }) res: Response): Promise<Health> {
    const { ok, at } = await this.probe.result();
    const checkedAt = new Date(at).toISOString();
    if (ok) return { status: 'ok', database: 'ok', checkedAt };
    res.status(503).setHeader('Retry-After', '5');
    return { statusCode: 503, code: DATABASE_UNAVAILABLE, status: 'unavailable', database: 'unavailable', checkedAt, message: DATABASE_UNAVAILABLE_MESSAGE };
  }

  /** the probe, for a test */
  get databaseProbe(): DatabaseProbe {
    return this.probe;
  }
}
