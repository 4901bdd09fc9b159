import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { AssignHazardDto, CloseHazardDto, ConfirmHazardDto, FeedbackHazardDto, ListHazardDto, PlanHazardDto, RectifyHazardDto, ReportHazardDto } from './hazard-lifecycle.dto.js';
import { HAZARD_WRITE_ROLES } from './hazard-access.js';
import { HazardLifecycleService } from './hazard-lifecycle.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { hazardDetail } from '../../common/view-schemas.js';
import { s } from '../../../../analytics/src/json-schema.js';

// The reads (GET /api/hazards, GET /api/hazards/:ledgerNo) are in hazards.controller.ts beside this; these are the writes.
@ApiTags('hazards 隐患')
@Controller('api/hazards')
export class HazardLifecycleController {
  constructor(@Inject(HazardLifecycleService) private readonly hazards: HazardLifecycleService) {}

  @Post()
  @Summary('上报隐患', 'Report a hazard')
  @ApiAnswer(s.optional(hazardDetail), { status: 201, description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 409)
  @Roles(...HAZARD_WRITE_ROLES.report)
  report(@Body() d: ReportHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.report(u, d);
  }

  @Post(':ledgerNo/confirm')
  @Summary('确认隐患', 'Confirm a hazard')
  @ApiAnswer(s.optional(hazardDetail), { description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 404, 409)
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.confirm)
  confirm(@Param('ledgerNo') no: string, @Body() d: ConfirmHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.confirm(u, no, d);
  }

  @Post(':ledgerNo/list')
  @Summary('挂牌督办', 'List a hazard for supervision')
  @ApiAnswer(s.optional(hazardDetail), { description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 404, 409)
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.list)
  list(@Param('ledgerNo') no: string, @Body() d: ListHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.list(u, no, d);
  }

  @Post(':ledgerNo/assign')
  @Summary('交办隐患', 'Assign a hazard to a unit')
  @ApiAnswer(s.optional(hazardDetail), { description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 404, 409)
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.assign)
  assign(@Param('ledgerNo') no: string, @Body() d: AssignHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.assign(u, no, d);
  }

  @Post(':ledgerNo/feedback')
  @Summary('反馈进展', 'Report progress on an assigned hazard')
  @ApiAnswer(s.optional(hazardDetail), { description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 404, 409)
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.feedback)
  feedback(@Param('ledgerNo') no: string, @Body() d: FeedbackHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.feedback(u, no, d);
  }

  @Post(':ledgerNo/plan')
  @Summary('整改方案', 'Set a hazard\'s rectification plan')
  @ApiAnswer(s.optional(hazardDetail), { description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 404, 409)
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.plan)
  plan(@Param('ledgerNo') no: string, @Body() d: PlanHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.plan(u, no, d);
  }

  @Post(':ledgerNo/rectify')
  @Summary('整改完成', 'Record a hazard\'s rectification')
  @ApiAnswer(s.optional(hazardDetail), { description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 404, 409)
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.rectify)
  rectify(@Param('ledgerNo') no: string, @Body() d: RectifyHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.rectify(u, no, d);
  }

  @Post(':ledgerNo/close')
  @Summary('销号', 'Close a rectified hazard')
  @ApiAnswer(s.optional(hazardDetail), { description: 'the hazard as GET /api/hazards/{ledgerNo} answers it' })
  @ApiErrors(400, 403, 404, 409)
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.close)
  close(@Param('ledgerNo') no: string, @Body() d: CloseHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.close(u, no, d);
  }
}
