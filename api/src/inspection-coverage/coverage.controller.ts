import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { COVERAGE_ARROW, type CoverageJson } from '../../../analytics/src/contracts.js';
import { ArrowAnswer } from '../common/arrow-response.js';
import { AnyRole } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { assertMayReadUnit, scopeUnit } from '../auth/scope.js';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { ScoresService } from '../assessment/scores.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { ApiQuery, ApiTags } from '@nestjs/swagger';
import { coverageJsonSchema } from '../../../analytics/src/contract-schemas.js';

@ApiTags('coverage 检查覆盖')
@Controller('api')
export class CoverageController {
  constructor(@Inject(AnalyticsService) private readonly analytics: AnalyticsService, @Inject(ScoresService) private readonly scores: ScoresService) {}

  // The coverage duties name the enterprises of a jurisdiction still to inspect: a unit's users read
  // their own unit's entry (domain.md section 3), the city roles every unit's. `unit` narrows to one.
  @ArrowAnswer(COVERAGE_ARROW)
  @Get('coverage')
  @Summary('检查覆盖率', 'Inspection coverage duties of each unit as of the month\'s end')
  @ApiQuery({ name: 'month', required: true, description: 'YYYY-MM, an assessed month of a campaign', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiQuery({ name: 'unit', required: false, description: 'one county-level unit\'s code (default: the user\'s own unit, or every unit for the city roles)' })
  @ApiAnswer(coverageJsonSchema)
  @ApiErrors(400, 403)
  @AnyRole()
  async coverage(@Query('month') month: string, @Req() req: AuthedRequest, @Query('unit') unit?: string): Promise<CoverageJson> {
    if (unit !== undefined) assertMayReadUnit(req.user!, unit);
    const m = await this.scores.checkMonth(month);
    const all = await this.analytics.cached(`coverage:${m}`, (e) => e.coverage(m));
    const only = unit ?? scopeUnit(req.user!);
    return only === undefined ? all : { ...all, units: all.units.filter((u) => u.unit === only) };
  }
}
