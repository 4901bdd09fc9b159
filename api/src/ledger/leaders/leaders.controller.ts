import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateLeaderDto, CreateLeaderInspectionDto, LeaderInspectionQueryDto, LeaderQueryDto, UpdateLeaderDto } from './leaders.dto.js';
import { LeadersService } from './leaders.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { leaderInspectionView, leaderView, pageOf } from '../../common/view-schemas.js';

@ApiTags('leaders 领导干部')
@Controller('api')
export class LeadersController {
  constructor(@Inject(LeadersService) private readonly leaders: LeadersService) {}

  @Get('leaders')
  @Summary('领导干部列表', 'Leaders of the units, a page at a time')
  @ApiAnswer(pageOf('Leader', leaderView))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: LeaderQueryDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.list(u, q);
  }

  @Post('leaders')
  @Summary('登记领导干部', 'Add a leader')
  @ApiAnswer(leaderView, { status: 201 })
  @ApiErrors(400, 403, 409)
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateLeaderDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.create(u, d);
  }

  @Patch('leaders/:unitCode/:name')
  @Summary('修改领导干部', 'Change a leader\'s role')
  @ApiAnswer(leaderView)
  @ApiErrors(400, 403, 404, 409)
  @Roles('city_office', 'county_branch')
  update(@Param('unitCode') unit: string, @Param('name') name: string, @Body() d: UpdateLeaderDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.update(u, unit, name, d);
  }

  @Get('leader-inspections')
  @Summary('领导带队检查列表', 'Inspections led by leaders, a page at a time')
  @ApiAnswer(pageOf('LeaderInspection', leaderInspectionView))
  @ApiErrors(400)
  @AnyRole()
  inspections(@Query() q: LeaderInspectionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.inspections(u, q);
  }

  @Get('leader-inspections/:id')
  @Summary('领导带队检查', 'One inspection led by a leader')
  @ApiAnswer(leaderInspectionView)
  @ApiErrors(403, 404)
  @AnyRole()
  inspection(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.leaders.inspection(u, id);
  }

  @Post('leader-inspections')
  @Summary('登记领导带队检查', 'Record an inspection led by a leader')
  @ApiAnswer(leaderInspectionView, { status: 201 })
  @ApiErrors(400, 403, 409)
  @Roles('city_office', 'county_branch')
  createInspection(@Body() d: CreateLeaderInspectionDto, @CurrentUser() u: TokenClaims) {
    return this.leaders.createInspection(u, d);
  }
}
