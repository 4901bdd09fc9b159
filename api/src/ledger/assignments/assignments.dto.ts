import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { bothWays } from '../common/list-query.js';
import { PageQueryDto } from '../common/page.dto.js';
import { IsCalendarDate } from '../common/validators.js';

export const ASSIGNMENT_SORTS = bothWays({ assigned_on: 'a.assigned_on, a.hazard_ledger_no', hazard: 'a.hazard_ledger_no' });
export const FEEDBACK_SORTS = bothWays({ feedback_on: 'f.feedback_on, f.id', hazard: 'f.hazard_ledger_no, f.feedback_on, f.id' });

export class AssignmentQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'the unit it is assigned to' }) @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() hazard?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: Object.keys(ASSIGNMENT_SORTS) }) @IsOptional() @IsIn(Object.keys(ASSIGNMENT_SORTS)) sort?: string;
}

export class FeedbackQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'the unit the hazard is assigned to' }) @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() hazard?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: Object.keys(FEEDBACK_SORTS) }) @IsOptional() @IsIn(Object.keys(FEEDBACK_SORTS)) sort?: string;
}
