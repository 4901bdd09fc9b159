import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserQueryDto } from './users.dto.js';
import { UsersService } from './users.service.js';
import { ApiAnswer, ApiErrors, ApiNoBody, Summary } from '../../common/openapi.js';
import { pageOf, userView } from '../../common/view-schemas.js';

@ApiTags('users 用户')
@Controller('api/users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Summary('用户列表', 'Users, a page at a time')
  @ApiAnswer(pageOf('User', userView))
  @ApiErrors(400)
  @Roles('city_office')
  list(@Query() q: UserQueryDto) {
    return this.users.list(q);
  }

  @Post()
  @Summary('新建用户', 'Create a user')
  @ApiAnswer(userView, { status: 201 })
  @ApiErrors(400, 409)
  @Roles('city_office')
  create(@Body() d: CreateUserDto, @CurrentUser() u: TokenClaims) {
    return this.users.create(u, d);
  }

  @Patch(':username')
  @Summary('修改用户', 'Change a user\'s role, unit, e-mail or state')
  @ApiAnswer(userView)
  @ApiErrors(400, 404, 409)
  @Roles('city_office')
  update(@Param('username') username: string, @Body() d: UpdateUserDto, @CurrentUser() u: TokenClaims) {
    return this.users.update(u, username, d);
  }

  @Post(':username/password')
  @Summary('重置密码', 'Set a user\'s new password')
  @ApiNoBody('reset')
  @ApiErrors(400, 404)
  @HttpCode(204)
  @Roles('city_office')
  async resetPassword(@Param('username') username: string, @Body() d: ResetPasswordDto, @CurrentUser() u: TokenClaims): Promise<void> {
    await this.users.resetPassword(u, username, d.password);
  }
}
