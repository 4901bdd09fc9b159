import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { ActionQueryDto, CreateActionDto, UpdateActionDto } from './actions.dto.js';
import { ACTION_LIST_ARROW, ActionsService } from './actions.service.js';
import { ArrowAnswer } from '../../common/arrow-response.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { actionView, pageOf } from '../../common/view-schemas.js';

@ApiTags('actions 执法')
@Controller('api/actions')
export class ActionsController {
  constructor(@Inject(ActionsService) private readonly actions: ActionsService) {}

  @ArrowAnswer(ACTION_LIST_ARROW)
  @Get()
  @Summary('执法行动列表', 'Enforcement actions, a page at a time')
  @ApiAnswer(pageOf('Action', actionView))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: ActionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.actions.list(u, q);
  }

  @Get(':actionId')
  @Summary('执法行动', 'One enforcement action')
  @ApiAnswer(actionView)
  @ApiErrors(403, 404)
  @AnyRole()
  one(@Param('actionId') id: string, @CurrentUser() u: TokenClaims) {
    return this.actions.one(u, id);
  }

  @Post()
  @Summary('登记执法行动', 'Record an enforcement action')
  @ApiAnswer(actionView, { status: 201 })
  @ApiErrors(400, 403, 409)
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateActionDto, @CurrentUser() u: TokenClaims) {
    return this.actions.create(u, d);
  }

  @Patch(':actionId')
  @Summary('修改执法行动', 'Change an enforcement action')
  @ApiAnswer(actionView)
  @ApiErrors(400, 403, 404, 409)
  @Roles('city_office', 'county_branch')
  update(@Param('actionId') id: string, @Body() d: UpdateActionDto, @CurrentUser() u: TokenClaims) {
    return this.actions.update(u, id, d);
  }
}
