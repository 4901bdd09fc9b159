import { Body, Controller, Get, Inject, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import type { TokenClaims } from '../auth/tokens.js';
import { CurrentUser } from '../ledger/common/current-user.decorator.js';
import { CampaignDto, CreateCampaignDto } from './campaigns.dto.js';
import { CampaignsService } from './campaigns.service.js';
import { ApiError, ApiErrors, Summary } from '../common/openapi.js';

@ApiTags('campaigns 行动')
@Controller('api/campaigns')
export class CampaignsController {
  constructor(@Inject(CampaignsService) private readonly campaigns: CampaignsService) {}

  @Get()
  @Summary('行动列表', 'Every campaign')
  @AnyRole()
  @ApiOkResponse({ type: [CampaignDto], description: 'every campaign, in the order of their assessed months' })
  list(): Promise<CampaignDto[]> {
    return this.campaigns.list();
  }

  @Post()
  @Summary('新建行动', 'Create a campaign')
  @ApiErrors(400)
  @Roles('city_office')
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiError(409, 'CAMPAIGN_OVERLAP: the assessed months overlap another campaign\'s; CONFLICT: the code exists')
  create(@Body() d: CreateCampaignDto, @CurrentUser() u: TokenClaims): Promise<CampaignDto> {
    return this.campaigns.create(u, d);
  }
}
