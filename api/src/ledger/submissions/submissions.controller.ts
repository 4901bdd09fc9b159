import { Body, Controller, Get, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole, Roles } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { CreateSubmissionDto, SubmissionQueryDto } from './submissions.dto.js';
import { SubmissionsService } from './submissions.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { pageOf, submissionView } from '../../common/view-schemas.js';

@ApiTags('submissions 报送')
@Controller('api/submissions')
export class SubmissionsController {
  constructor(@Inject(SubmissionsService) private readonly submissions: SubmissionsService) {}

  @Get()
  @Summary('报送列表', 'Submissions (reports, dispatch tables), a page at a time')
  @ApiAnswer(pageOf('Submission', submissionView))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: SubmissionQueryDto, @CurrentUser() u: TokenClaims) {
    return this.submissions.list(u, q);
  }

  @Get(':id')
  @Summary('报送', 'One submission')
  @ApiAnswer(submissionView)
  @ApiErrors(403, 404)
  @AnyRole()
  one(@Param('id') id: string, @CurrentUser() u: TokenClaims) {
    return this.submissions.one(u, id);
  }

  @Post()
  @Summary('登记报送', 'Record a submission')
  @ApiAnswer(submissionView, { status: 201 })
  @ApiErrors(400, 403, 409)
  @Roles('city_office', 'county_branch')
  create(@Body() d: CreateSubmissionDto, @CurrentUser() u: TokenClaims) {
    return this.submissions.create(u, d);
  }
}
