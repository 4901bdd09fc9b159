import { Body, Controller, HttpCode, Inject, Param, Put } from '@nestjs/common';
import { Roles } from '../auth/access.decorator.js';
import type { TokenClaims } from '../auth/tokens.js';
import { CurrentUser } from '../ledger/common/current-user.decorator.js';
import { PutCampaignPhasesDto } from './campaign-phases.dto.js';
import { CampaignPhasesService } from './campaign-phases.service.js';

@Controller('api')
export class CampaignPhasesController {
  constructor(@Inject(CampaignPhasesService) private readonly phases: CampaignPhasesService) {}

  // the phases are the office's to set (a new campaign brings its own dates)
  @Put('campaigns/:code/phases')
  @HttpCode(200)
  @Roles('city_office')
  replace(@Param('code') code: string, @Body() body: PutCampaignPhasesDto, @CurrentUser() u: TokenClaims) {
    return this.phases.replace(u, code, body.phases);
  }
}
