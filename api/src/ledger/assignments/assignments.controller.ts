import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../auth/access.decorator.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { CurrentUser } from '../common/current-user.decorator.js';
import { AssignmentQueryDto, FeedbackQueryDto } from './assignments.dto.js';
import { AssignmentsService } from './assignments.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { assignmentRow, feedbackRow, pageOf } from '../../common/view-schemas.js';

@ApiTags('hazards 隐患')
@Controller('api')
export class AssignmentsController {
  constructor(@Inject(AssignmentsService) private readonly assignments: AssignmentsService) {}

  @Get('assignments')
  @Summary('交办列表', 'Hazards assigned to units, a page at a time')
  @ApiAnswer(pageOf('Assignment', assignmentRow))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: AssignmentQueryDto, @CurrentUser() u: TokenClaims) {
    return this.assignments.assignments(u, q);
  }

  @Get('feedback')
  @Summary('反馈列表', 'Weekly feedback on assigned hazards, a page at a time')
  @ApiAnswer(pageOf('Feedback', feedbackRow))
  @ApiErrors(400)
  @AnyRole()
  feedback(@Query() q: FeedbackQueryDto, @CurrentUser() u: TokenClaims) {
    return this.assignments.feedback(u, q);
  }
}
