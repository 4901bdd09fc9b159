import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateDrillDto, DrillQueryDto } from './drills.dto.js';
import { DrillsService } from './drills.service.js';

@ApiTags('drills 应急演练')
@ApiBearerAuth()
@Controller('api/drills')
export class DrillsController {
  constructor(@Inject(DrillsService) private readonly drills: DrillsService) {}

  @Get()
  @AnyRole()
  list(@Query() q: DrillQueryDto, @CurrentUser() u: TokenClaims) {
    return this.drills.list(u, q);
  }

  @Get(':id')
  @AnyRole()
  one(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.drills.one(u, id);
  }

  @Post()
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateDrillDto, @CurrentUser() u: TokenClaims) {
    return this.drills.create(u, d);
  }
}
