import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateDrillDto, DrillQueryDto } from './drills.dto.js';
import { DrillsService } from './drills.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { drillView, pageOf } from '../../common/view-schemas.js';

@ApiTags('drills 应急演练')
@Controller('api/drills')
export class DrillsController {
  constructor(@Inject(DrillsService) private readonly drills: DrillsService) {}

  @Get()
  @Summary('应急演练列表', 'Emergency drills, a page at a time')
  @ApiAnswer(pageOf('Drill', drillView))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: DrillQueryDto, @CurrentUser() u: TokenClaims) {
    return this.drills.list(u, q);
  }

  @Get(':id')
  @Summary('应急演练', 'One emergency drill')
  @ApiAnswer(drillView)
  @ApiErrors(403, 404)
  @AnyRole()
  one(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.drills.one(u, id);
  }

  @Post()
  @Summary('登记应急演练', 'Record an emergency drill')
  @ApiAnswer(drillView, { status: 201 })
  @ApiErrors(400, 403, 409)
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateDrillDto, @CurrentUser() u: TokenClaims) {
    return this.drills.create(u, d);
  }
}
