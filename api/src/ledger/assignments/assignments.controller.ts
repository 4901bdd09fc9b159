import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { AssignmentQueryDto, FeedbackQueryDto } from './assignments.dto.js';
import { AssignmentsService } from './assignments.service.js';

@ApiTags('hazards 隐患')
@ApiBearerAuth()
@Controller('api')
export class AssignmentsController {
  constructor(@Inject(AssignmentsService) private readonly assignments: AssignmentsService) {}

  @Get('assignments')
  @AnyRole()
  list(@Query() q: AssignmentQueryDto, @CurrentUser() u: TokenClaims) {
    return this.assignments.assignments(u, q);
  }

  @Get('feedback')
  @AnyRole()
  feedback(@Query() q: FeedbackQueryDto, @CurrentUser() u: TokenClaims) {
    return this.assignments.feedback(u, q);
  }
}
