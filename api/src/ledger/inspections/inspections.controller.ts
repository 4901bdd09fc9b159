import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CorrectInspectionDto, CreateInspectionDto, FindingQueryDto, InspectionQueryDto } from './inspections.dto.js';
import { INSPECTION_LIST_ARROW, InspectionsService } from './inspections.service.js';
import { ArrowAnswer } from '../../common/arrow-response.js';

@ApiTags('inspections 检查')
@ApiBearerAuth()
@Controller('api')
export class InspectionsController {
  constructor(@Inject(InspectionsService) private readonly inspections: InspectionsService) {}

  @ArrowAnswer(INSPECTION_LIST_ARROW)
  @Get('inspections')
  @AnyRole()
  list(@Query() q: InspectionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.list(u, q);
  }

  @Get('inspections/:id')
  @AnyRole()
  one(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.inspections.one(u, id);
  }

  @Post('inspections')
  @Roles('city_office', 'county_branch', 'inspector')
  create(@Body() d: CreateInspectionDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.create(u, d);
  }

  @Post('inspections/:id/corrections')
  @Roles('city_office', 'county_branch', 'inspector')
  correct(@Param('id') id: string, @Body() d: CorrectInspectionDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.correct(u, id, d);
  }

  @Get('findings')
  @AnyRole()
  findings(@Query() q: FindingQueryDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.findings(u, q);
  }
}
