import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { AssignHazardDto, CloseHazardDto, ConfirmHazardDto, FeedbackHazardDto, ListHazardDto, PlanHazardDto, RectifyHazardDto, ReportHazardDto } from './hazard-lifecycle.dto.js';
import { HAZARD_WRITE_ROLES } from './hazard-access.js';
import { HazardLifecycleService } from './hazard-lifecycle.service.js';

// The reads (GET /api/hazards, GET /api/hazards/:ledgerNo) are in hazards.controller.ts beside this; these are the writes.
@ApiTags('hazards 隐患')
@ApiBearerAuth()
@Controller('api/hazards')
export class HazardLifecycleController {
  constructor(@Inject(HazardLifecycleService) private readonly hazards: HazardLifecycleService) {}

  @Post()
  @Roles(...HAZARD_WRITE_ROLES.report)
  report(@Body() d: ReportHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.report(u, d);
  }

  @Post(':ledgerNo/confirm')
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.confirm)
  confirm(@Param('ledgerNo') no: string, @Body() d: ConfirmHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.confirm(u, no, d);
  }

  @Post(':ledgerNo/list')
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.list)
  list(@Param('ledgerNo') no: string, @Body() d: ListHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.list(u, no, d);
  }

  @Post(':ledgerNo/assign')
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.assign)
  assign(@Param('ledgerNo') no: string, @Body() d: AssignHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.assign(u, no, d);
  }

  @Post(':ledgerNo/feedback')
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.feedback)
  feedback(@Param('ledgerNo') no: string, @Body() d: FeedbackHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.feedback(u, no, d);
  }

  @Post(':ledgerNo/plan')
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.plan)
  plan(@Param('ledgerNo') no: string, @Body() d: PlanHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.plan(u, no, d);
  }

  @Post(':ledgerNo/rectify')
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.rectify)
  rectify(@Param('ledgerNo') no: string, @Body() d: RectifyHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.rectify(u, no, d);
  }

  @Post(':ledgerNo/close')
  @HttpCode(200)
  @Roles(...HAZARD_WRITE_ROLES.close)
  close(@Param('ledgerNo') no: string, @Body() d: CloseHazardDto, @CurrentUser() u: TokenClaims) {
    return this.hazards.close(u, no, d);
  }
}
