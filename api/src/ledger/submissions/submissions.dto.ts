import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { SUBMISSION_KINDS } from '../../bundle/bundle-files.js';
import { bothWays } from '../common/list-query.js';
import { PageQueryDto } from '../common/page.dto.js';
import { IsCalendarDate, MONTH } from '../common/validators.js';

export const SUBMISSION_SORTS = bothWays({ submitted_on: 's.submitted_on, s.id', period: 's.period, s.kind, s.id', unit: 's.unit_code, s.kind, s.period, s.id' });

/** 报送: monthly report and dispatch table carry a period YYYY-MM; stage report and summary none */
export class CreateSubmissionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty({ enum: SUBMISSION_KINDS }) @IsIn(SUBMISSION_KINDS) kind: 'monthly_report' | 'dispatch_table' | 'stage_report' | 'summary';
  @ApiPropertyOptional({ example: '2023-08' }) @IsOptional() @Matches(MONTH, { message: 'period must be a month YYYY-MM' }) period?: string;
  @ApiProperty() @IsCalendarDate() submittedOn: string;
}

export class SubmissionQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: SUBMISSION_KINDS }) @IsOptional() @IsIn(SUBMISSION_KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(MONTH, { message: 'period must be a month YYYY-MM' }) period?: string;
  @ApiPropertyOptional({ enum: Object.keys(SUBMISSION_SORTS) }) @IsOptional() @IsIn(Object.keys(SUBMISSION_SORTS)) sort?: string;
}
