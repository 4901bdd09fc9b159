import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { ScoresService } from '../assessment/scores.service.js';
import { DISPATCH_ARROW, TRACE_ARROW } from '../../../analytics/src/contracts.js';
import { ArrowAnswer } from '../common/arrow-response.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { dispatchJsonSchema, oneCaseThreeChecksSchema, traceJsonSchema } from '../../../analytics/src/contract-schemas.js';

@ApiTags('dispatch 调度与追溯')
@Controller('api')
export class DispatchController {
  constructor(@Inject(AnalyticsService) private readonly analytics: AnalyticsService, @Inject(ScoresService) private readonly scores: ScoresService) {}

  // every unit's dispatch figures are readable by every user (domain.md section 3)
  @ArrowAnswer(DISPATCH_ARROW)
  @Get('dispatch')
  @Summary('调度表数据', 'The month\'s dispatch figures of every unit and the city')
  @ApiQuery({ name: 'month', required: true, description: 'YYYY-MM, an assessed month of a campaign', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiAnswer(dispatchJsonSchema)
  @ApiErrors(400)
  @AnyRole()
  async dispatch(@Query('month') month: string) {
    const m = await this.scores.checkMonth(month);
    return (await this.analytics.monthFigures(m)).dispatch;
  }

  @ArrowAnswer(TRACE_ARROW)
  @Get('trace')
  @Summary('责任追溯', 'Traceback: missed, overdue and found-again hazards of the month')
  @ApiQuery({ name: 'month', required: true, description: 'YYYY-MM, an assessed month of a campaign', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiAnswer(traceJsonSchema)
  @ApiErrors(400)
  @Roles('city_office', 'group_leader', 'viewer')
  async trace(@Query('month') month: string) {
    const m = await this.scores.checkMonth(month);
    return this.analytics.cached(`trace:${m}`, (e) => e.trace(m));
  }

  @Get('trace/hazards/:ledgerNo')
  @Summary('一案三查', 'One case, three checks: the enterprise, the reporting and the supervising unit of a hazard')
  @ApiAnswer(oneCaseThreeChecksSchema)
  @ApiErrors(404)
  @Roles('city_office', 'group_leader', 'viewer')
  oneCaseThreeChecks(@Param('ledgerNo') ledgerNo: string) {
    return this.analytics.cached(`one-case-three-checks:${ledgerNo}`, (e) => e.oneCaseThreeChecks(ledgerNo));
  }
}
