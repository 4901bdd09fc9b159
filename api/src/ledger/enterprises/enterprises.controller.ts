import { Body, Controller, Get, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateEnterpriseDto, EnterpriseQueryDto, UpdateEnterpriseDto } from './enterprises.dto.js';
import { EnterprisesService } from './enterprises.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { enterpriseView, pageOf } from '../../common/view-schemas.js';

@ApiTags('enterprises 企业')
@Controller('api/enterprises')
export class EnterprisesController {
  constructor(@Inject(EnterprisesService) private readonly enterprises: EnterprisesService) {}

  @Get()
  @Summary('企业列表', 'Enterprises, a page at a time')
  @ApiAnswer(pageOf('Enterprise', enterpriseView))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: EnterpriseQueryDto, @CurrentUser() u: TokenClaims) {
    return this.enterprises.list(u, q);
  }

  @Get(':creditCode')
  @Summary('企业', 'One enterprise')
  @ApiAnswer(enterpriseView)
  @ApiErrors(403, 404)
  @AnyRole()
  one(@Param('creditCode') creditCode: string, @CurrentUser() u: TokenClaims) {
    return this.enterprises.one(u, creditCode);
  }

  @Post()
  @Summary('登记企业', 'Add an enterprise')
  @ApiAnswer(enterpriseView, { status: 201 })
  @ApiErrors(400, 403, 409)
  @Roles('city_office', 'county_branch')
  create(@Body() dto: CreateEnterpriseDto, @CurrentUser() u: TokenClaims) {
    return this.enterprises.create(u, dto);
  }

  @Patch(':creditCode')
  @Summary('修改企业', 'Change an enterprise')
  @ApiAnswer(enterpriseView)
  @ApiErrors(400, 403, 404, 409)
  @Roles('city_office', 'county_branch')
  update(@Param('creditCode') creditCode: string, @Body() dto: UpdateEnterpriseDto, @CurrentUser() u: TokenClaims) {
    return this.enterprises.update(u, creditCode, dto);
  }
}
