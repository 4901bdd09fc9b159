import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { ActionQueryDto, CreateActionDto, UpdateActionDto } from './actions.dto.js';
import { ACTION_LIST_ARROW, ActionsService } from './actions.service.js';
import { ArrowAnswer } from '../../common/arrow-response.js';

@ApiTags('actions 执法')
@ApiBearerAuth()
@Controller('api/actions')
export class ActionsController {
  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  @ArrowAnswer(ACTION_LIST_ARROW)
  @Get()
  @AnyRole()
  list(@Query() q: ActionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.actions.list(u, q);
  }

  @Get(':actionId')
  @AnyRole()
  one(@Param('actionId') id: string, @CurrentUser() u: TokenClaims) {
    return this.actions.one(u, id);
  }

  @Post()
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateActionDto, @CurrentUser() u: TokenClaims) {
    return this.actions.create(u, d);
  }

  @Patch(':actionId')
  @Roles('city_office', 'county_branch')
  update(@Param('actionId') id: string, @Body() d: UpdateActionDto, @CurrentUser() u: TokenClaims) {
    return this.actions.update(u, id, d);
  }
}
