import { Body, Controller, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto, UserQueryDto } from './users.dto.js';
import { UsersService } from './users.service.js';

@ApiTags('users 用户')
@ApiBearerAuth()
@Controller('api/users')
export class UsersController {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Get()
  @Roles('city_office')
  list(@Query() q: UserQueryDto) {
    return this.users.list(q);
  }

  @Post()
  @Roles('city_office')
  create(@Body() d: CreateUserDto, @CurrentUser() u: TokenClaims) {
    return this.users.create(u, d);
  }

  @Patch(':username')
  @Roles('city_office')
  update(@Param('username') username: string, @Body() d: UpdateUserDto, @CurrentUser() u: TokenClaims) {
    return this.users.update(u, username, d);
  }

  @Post(':username/password')
  @HttpCode(204)
  @Roles('city_office')
  async resetPassword(@Param('username') username: string, @Body() d: ResetPasswordDto, @CurrentUser() u: TokenClaims): Promise<void> {
    await this.users.resetPassword(u, username, d.password);
  }
}
