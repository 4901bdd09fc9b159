import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import type { TokenClaims } from '../auth/tokens.js';
import { CurrentUser } from '../ledger/common/current-user.decorator.js';
import { AcknowledgeAlertDto, AlertQueryDto, AlertWebhookDto } from '../alerts/alerts.dto.js';
import { AlertsService } from '../alerts/alerts.service.js';

@ApiTags('alerts 预警')
@ApiBearerAuth()
@Controller('api/alerts')
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Get()
  @AnyRole()
  list(@Query() q: AlertQueryDto, @CurrentUser() u: TokenClaims) {
    return this.alerts.list(u, q);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Roles('city_office', 'group_leader', 'county_branch')
  acknowledge(@Param('id') id: string, @Body() d: AcknowledgeAlertDto, @CurrentUser() u: TokenClaims) {
    return this.alerts.acknowledge(u, id, d.note);
  }

  @Put('webhooks/:unit')
  @Roles('city_office', 'county_branch')
  setWebhook(@Param('unit') unit: string, @Body() d: AlertWebhookDto, @CurrentUser() u: TokenClaims) {
    return this.alerts.setWebhook(u, unit, d.url);
  }

}
