import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { ACTION_KINDS } from '../../bundle/bundle-files.js';
import { bothWays } from '../common/list-query.js';
import { ArrowPageQueryDto } from '../common/page.dto.js';
import { IsCalendarDate, IsCreditCode } from '../common/validators.js';
import { IsAmountWan } from '../../common/amount-wan.js';

export const ACTION_SORTS = bothWays({ acted_on: 'a.acted_on, a.action_id', action_id: 'a.action_id', kind: 'a.kind, a.action_id' });

/** 执法: what each kind needs is checked by the service (enterprise, target unit, amount) */
export class CreateActionDto {
  @ApiPropertyOptional({ description: 'generated when absent' })
  @IsOptional() @Matches(/^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$/, { message: 'actionId must be 1–64 letters, digits, . _ -' }) actionId?: string;
  @ApiPropertyOptional({ description: 'the acting unit; a unit-bound user acts for its own unit' }) @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty({ enum: ACTION_KINDS }) @IsIn(ACTION_KINDS) kind: string;
  @ApiProperty() @IsCalendarDate() actedOn: string;
  @ApiPropertyOptional() @IsOptional() @IsCreditCode() enterpriseCreditCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) hazardLedgerNo?: string;
  @ApiPropertyOptional({ description: 'for assistance_unit and interview_unit' }) @IsOptional() @IsString() @MaxLength(40) targetUnitCode?: string;
  @ApiPropertyOptional({ default: 1 }) @IsOptional() @IsInt() @Min(0) @Max(100000) persons?: number;
  @ApiPropertyOptional({ description: '万元; required for penalty' }) @IsOptional() @IsAmountWan() @Min(0) @Max(999_999_999) amountWan?: number;
  @ApiPropertyOptional({ description: '危险作业罪 (typical cases)' }) @IsOptional() @IsBoolean() crime?: boolean;
}

export class UpdateActionDto extends PartialType(OmitType(CreateActionDto, ['actionId', 'unitCode'] as const)) {}

export class ActionQueryDto extends ArrowPageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: ACTION_KINDS }) @IsOptional() @IsIn(ACTION_KINDS) kind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() enterprise?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() hazard?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: Object.keys(ACTION_SORTS) }) @IsOptional() @IsIn(Object.keys(ACTION_SORTS)) sort?: string;
}
