import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateLeaderDto, CreateLeaderInspectionDto, LeaderInspectionQueryDto, LeaderQueryDto, UpdateLeaderDto } from './leaders.dto.js';
import { LeadersService } from './leaders.service.js';

@ApiTags('leaders 领导干部')
@ApiBearerAuth()
@Controller('api')
export class LeadersController {
  constructor(@Inject(LeadersService) private readonly leaders: LeadersService) {}

  @Get('leaders')
  @AnyRole()
  list(@Query() q: LeaderQueryDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.list(u, q);
  }

  @Post('leaders')
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateLeaderDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.create(u, d);
  }

  @Patch('leaders/:unitCode/:name')
  @Roles('city_office', 'county_branch')
  update(@Param('unitCode') unit: string, @Param('name') name: string, @Body() d: UpdateLeaderDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.update(u, unit, name, d);
  }

  @Get('leader-inspections')
  @AnyRole()
  inspections(@Query() q: LeaderInspectionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.inspections(u, q);
  }

  @Get('leader-inspections/:id')
  @AnyRole()
  inspection(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.leaders.inspection(u, id);
  }

  @Post('leader-inspections')
  @Roles('city_office', 'county_branch')
  createInspection(@Body() d: CreateLeaderInspectionDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.createInspection(u, d);
  }
}
