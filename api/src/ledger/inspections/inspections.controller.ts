import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CorrectInspectionDto, CreateInspectionDto, FindingQueryDto, InspectionQueryDto } from './inspections.dto.js';
import { INSPECTION_LIST_ARROW, InspectionsService } from './inspections.service.js';
import { ArrowAnswer } from '../../common/arrow-response.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { findingRow, inspectionDetail, inspectionView, pageOf } from '../../common/view-schemas.js';

@ApiTags('inspections 检查')
@Controller('api')
export class InspectionsController {
  constructor(@Inject(InspectionsService) private readonly inspections: InspectionsService) {}

  @ArrowAnswer(INSPECTION_LIST_ARROW)
  @Get('inspections')
  @Summary('检查记录列表', 'Inspections, a page at a time')
  @ApiAnswer(pageOf('Inspection', inspectionView))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: InspectionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.list(u, q);
  }

  @Get('inspections/:id')
  @Summary('检查记录', 'One inspection')
  @ApiAnswer(inspectionDetail)
  @ApiErrors(403, 404)
  @AnyRole()
  one(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.inspections.one(u, id);
  }

  @Post('inspections')
  @Summary('登记检查', 'Record an inspection and its findings')
  @ApiAnswer(inspectionView, { status: 201 })
  @ApiErrors(400, 403, 409)
  @Roles('city_office', 'county_branch', 'inspector')
  create(@Body() d: CreateInspectionDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.create(u, d);
  }

  @Post('inspections/:id/corrections')
  @Summary('更正检查记录', 'Correct an inspection: a new record replaces it, the original kept')
  @ApiAnswer(inspectionView, { status: 201 })
  @ApiErrors(400, 403, 404, 409)
  @Roles('city_office', 'county_branch', 'inspector')
  correct(@Param('id') id: string, @Body() d: CorrectInspectionDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.correct(u, id, d);
  }

  @Get('findings')
  @Summary('检查发现列表', 'Findings of inspections, a page at a time')
  @ApiAnswer(pageOf('Finding', findingRow))
  @ApiErrors(400)
  @AnyRole()
  findings(@Query() q: FindingQueryDto, @CurrentUser() u: TokenClaims) {
    return this.inspections.findings(u, q);
  }
}
