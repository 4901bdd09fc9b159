import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { ScoresService } from '../assessment/scores.service.js';
import { DISPATCH_ARROW, TRACE_ARROW } from '../../../analytics/src/contracts.js';
import { ArrowAnswer } from '../common/arrow-response.js';

@Controller('api')
export class DispatchController {
  constructor(@Inject(AnalyticsService) private readonly analytics: AnalyticsService, @Inject(ScoresService) private readonly scores: ScoresService) {}

  // every unit's dispatch figures are readable by every user (domain.md section 3)
  @ArrowAnswer(DISPATCH_ARROW)
  @Get('dispatch')
  @AnyRole()
  async dispatch(@Query('month') month: string) {
    const m = await this.scores.checkMonth(month);
    return (await this.analytics.monthFigures(m)).dispatch;
  }

  @ArrowAnswer(TRACE_ARROW)
  @Get('trace')
  @Roles('city_office', 'group_leader', 'viewer')
  async trace(@Query('month') month: string) {
    const m = await this.scores.checkMonth(month);
    return this.analytics.cached(`trace:${m}`, (e) => e.trace(m));
  }

  @Get('trace/hazards/:ledgerNo')
  @Roles('city_office', 'group_leader', 'viewer')
  oneCaseThreeChecks(@Param('ledgerNo') ledgerNo: string) {
    return this.analytics.cached(`one-case-three-checks:${ledgerNo}`, (e) => e.oneCaseThreeChecks(ledgerNo));
  }
}
