import { Body, Controller, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { Roles } from '../auth/access.decorator.js';
import type { TokenClaims } from '../auth/tokens.js';
import { CurrentUser } from '../ledger/common/current-user.decorator.js';
import { PutCampaignPhasesDto } from './campaign-phases.dto.js';
import { CampaignPhasesService } from './campaign-phases.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { campaignPhaseSchema } from '../../../analytics/src/contract-schemas.js';
import { s } from '../../../analytics/src/json-schema.js';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('campaigns 行动')
@Controller('api')
export class CampaignPhasesController {
  constructor(@Inject(CampaignPhasesService) private readonly phases: CampaignPhasesService) {}

  // the phases are the office's to set (a new campaign brings its own dates)
  @Put('campaigns/:code/phases')
  @Summary('设置实施阶段', 'Replace a campaign\'s phases and coverage duties')
  @ApiAnswer(s.array(campaignPhaseSchema))
  @ApiErrors(400, 404, 409)
  @HttpCode(200)
  @Roles('city_office')
  replace(@Param('code') code: string, @Body() body: PutCampaignPhasesDto, @CurrentUser() u: TokenClaims) {
    return this.phases.replace(u, code, body.phases);
  }
}
