import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import type { CoverageJson } from '../../../analytics/src/contracts.js';
import { AnyRole } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { assertMayReadUnit, scopeUnit } from '../auth/scope.js';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { ScoresService } from '../assessment/scores.service.js';

@Controller('api')
export class CoverageController {
  constructor(@Inject(AnalyticsService) private readonly analytics: AnalyticsService, @Inject(ScoresService) private readonly scores: ScoresService) {}

  // The coverage duties name the enterprises of a jurisdiction still to inspect: a unit's users read
  // their own unit's entry (domain.md section 3), the city roles every unit's. `unit` narrows to one.
  @Get('coverage')
  @AnyRole()
  async coverage(@Query('month') month: string, @Req() req: AuthedRequest, @Query('unit') unit?: string): Promise<CoverageJson> {
    if (unit !== undefined) assertMayReadUnit(req.user!, unit);
    const m = await this.scores.checkMonth(month);
    const all = await this.analytics.cached(`coverage:${m}`, (e) => e.coverage(m));
    const only = unit ?? scopeUnit(req.user!);
    return only === undefined ? all : { ...all, units: all.units.filter((u) => u.unit === only) };
  }
}
