import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateSubmissionDto, SubmissionQueryDto } from './submissions.dto.js';
import { SubmissionsService } from './submissions.service.js';

@ApiTags('submissions 报送')
@ApiBearerAuth()
@Controller('api/submissions')
export class SubmissionsController {
  constructor(@Inject(SubmissionsService) private readonly submissions: SubmissionsService) {}

  @Get()
  @AnyRole()
  list(@Query() q: SubmissionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.submissions.list(u, q);
  }

  @Get(':id')
  @AnyRole()
  one(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.submissions.one(u, id);
  }

  @Post()
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateSubmissionDto, @CurrentUser() u: TokenClaims) {
    return this.submissions.create(u, d);
  }
}
