import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateEnterpriseDto, EnterpriseQueryDto, UpdateEnterpriseDto } from './enterprises.dto.js';
import { EnterprisesService } from './enterprises.service.js';

@ApiTags('enterprises 企业')
@ApiBearerAuth()
@Controller('api/enterprises')
export class EnterprisesController {
  constructor(@Inject(EnterprisesService) private readonly enterprises: EnterprisesService) {}

  @Get()
  @AnyRole()
  list(@Query() q: EnterpriseQueryDto, @CurrentUser() u: TokenClaims) {
    return this.enterprises.list(u, q);
  }

  @Get(':creditCode')
  @AnyRole()
  one(@Param('creditCode') creditCode: string, @CurrentUser() u: TokenClaims) {
    return this.enterprises.one(u, creditCode);
  }

  @Post()
  @Roles('city_office', 'county_branch')
  create(@Body() dto: CreateEnterpriseDto, @CurrentUser() u: TokenClaims) {
    return this.enterprises.create(u, dto);
  }

  @Patch(':creditCode')
  @Roles('city_office', 'county_branch')
  update(@Param('creditCode') creditCode: string, @Body() dto: UpdateEnterpriseDto, @CurrentUser() u: TokenClaims) {
    return this.enterprises.update(u, creditCode, dto);
  }
}
