import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { CalendarJson } from '../../../analytics/src/contracts.js';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { ScoresService } from '../assessment/scores.service.js';
import { AnyRole } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { assertMayReadUnit, scopeUnit } from '../auth/scope.js';
import { CLOCK, DATABASE, type Clock } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { ledgerAsOf } from '../ledger/hazards/hazards.repository.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { calendarJsonSchema } from '../../../analytics/src/contract-schemas.js';

// 月度日历: the month's due dates (domain.md section 4) of each county-level unit, met, open or overdue
// as of today (CST; the campaign's end once it is over). A unit's users see their own unit's.
@ApiTags('calendar 月度日历')
@Controller('api/calendar')
export class CalendarController {
  constructor(
    @Inject(AnalyticsService) private readonly analytics: AnalyticsService,
    @Inject(ScoresService) private readonly scores: ScoresService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Summary('月度日历', 'The month\'s due dates of each county-level unit: met, open or overdue')
  @ApiQuery({ name: 'month', required: true, description: 'YYYY-MM, an assessed month of a campaign', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiQuery({ name: 'unit', required: false, description: 'one county-level unit\'s code (default: the user\'s own unit, or every unit for the city roles)' })
  @ApiAnswer(calendarJsonSchema)
  @ApiErrors(400, 403)
  @AnyRole()
  async month(@Query('month') month: string, @Query('unit') unit: string | undefined, @Req() req: AuthedRequest): Promise<CalendarJson> {
    const m = await this.scores.checkMonth(month);
    const only = unit ?? scopeUnit(req.user!);
    if (only) assertMayReadUnit(req.user!, only);
    const asOf = await ledgerAsOf(this.db.dataSource, this.clock.now().getTime());
    const all = await this.analytics.cached(`calendar:${m}:${asOf}`, (e) => e.calendar(m, asOf));
    return only ? { ...all, dues: all.dues.filter((d) => d.unit === only) } : all;
  }
}
