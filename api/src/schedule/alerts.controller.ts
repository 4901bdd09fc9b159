import { Body, Controller, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import type { TokenClaims } from '../auth/tokens.js';
import { CurrentUser } from '../ledger/common/current-user.decorator.js';
import { AcknowledgeAlertDto, AlertQueryDto, AlertWebhookDto } from '../alerts/alerts.dto.js';
import { AlertsService } from '../alerts/alerts.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { s } from '../../../analytics/src/json-schema.js';
import { alertView } from '../common/view-schemas.js';

@ApiTags('alerts 预警')
@Controller('api/alerts')
export class AlertsController {
  constructor(@Inject(AlertsService) private readonly alerts: AlertsService) {}

  @Get()
  @Summary('预警列表', 'Alerts of the user\'s scope')
  @ApiAnswer(s.array(alertView))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: AlertQueryDto, @CurrentUser() u: TokenClaims) {
    return this.alerts.list(u, q);
  }

  @Post(':id/acknowledge')
  @Summary('确认预警', 'Acknowledge an alert with a note')
  @ApiAnswer(alertView)
  @ApiErrors(400, 404, 409)
  @HttpCode(200)
  @Roles('city_office', 'group_leader', 'county_branch')
  acknowledge(@Param('id') id: string, @Body() d: AcknowledgeAlertDto, @CurrentUser() u: TokenClaims) {
    return this.alerts.acknowledge(u, id, d.note);
  }

  @Put('webhooks/:unit')
  @Summary('设置预警推送地址', 'Set (or clear) a unit\'s alert webhook address')
  @ApiAnswer(s.named('AlertWebhook', s.object<{ unitCode: string; url: string | null }>({ unitCode: s.string(), url: s.nullable(s.string({ format: 'uri' })) })))
  @ApiErrors(400, 404)
  @Roles('city_office', 'county_branch')
  setWebhook(@Param('unit') unit: string, @Body() d: AlertWebhookDto, @CurrentUser() u: TokenClaims) {
    return this.alerts.setWebhook(u, unit, d.url);
  }

}
