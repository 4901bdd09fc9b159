import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { LISTED_LEVELS, SOURCES } from '../../bundle/bundle-files.js';
import { IsCalendarDate, IsCreditCode } from '../common/validators.js';
import { IsAmountWan } from '../../common/amount-wan.js';

// Each transition of a hazard carries its signer (谁签名、谁负责): the name of the person who signs,
// recorded with the account that entered it. Dates default to today (China Standard Time).

class Signed {
  @ApiProperty({ description: 'the name of the person who signs this step' })
  @IsString() @MinLength(1) @MaxLength(100) signedBy: string;
}

/** 报告: a new hazard in the ledger */
export class ReportHazardDto extends Signed {
  @ApiProperty({ description: '逐项编号, unique' }) @IsString() @MinLength(1) @MaxLength(64) ledgerNo: string;
  @ApiProperty() @IsCreditCode() enterpriseCreditCode: string;
  @ApiPropertyOptional({ description: 'the reporting unit; a unit-bound user reports for its own unit' })
  @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty({ enum: SOURCES }) @IsIn(SOURCES) source: string;
  @ApiProperty() @IsCalendarDate() foundOn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ description: 'e.g. 贮存, 利用, 处置, 转移联单 (回头看 compares it exactly)' })
  @IsOptional() @IsString() @MaxLength(100) category?: string;
  @ApiPropertyOptional({ description: 'the inspection that found it (signed with major hazards found > 0)' })
  @IsOptional() @IsString() @MaxLength(64) inspectionId?: string;
}

export const CONFIRM_STEPS = ['enterprise', 'unit'] as const;

/** 两级确认: first the enterprise's main leader, then the unit */
export class ConfirmHazardDto extends Signed {
  @ApiProperty({ enum: CONFIRM_STEPS }) @IsIn(CONFIRM_STEPS) step: 'enterprise' | 'unit';
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() on?: string;
}

/** 挂牌督办: level and tracker (跟踪督办责任人) required */
export class ListHazardDto extends Signed {
  @ApiProperty({ enum: LISTED_LEVELS }) @IsIn(LISTED_LEVELS) level: 'county' | 'city' | 'government';
  @ApiProperty({ description: '跟踪督办责任人' }) @IsString() @MinLength(1) @MaxLength(100) tracker: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() listedOn?: string;
}

/** 交办: to a county-level unit, by the city */
export class AssignHazardDto extends Signed {
  @ApiProperty({ description: 'a county-level unit' }) @IsString() @MinLength(1) @MaxLength(40) unitCode: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() assignedOn?: string;
}

/** 反馈: weekly, by formal document number */
export class FeedbackHazardDto extends Signed {
  @ApiProperty({ description: '正式文件文号' }) @IsString() @MinLength(1) @MaxLength(200) documentNo: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) progress?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() feedbackOn?: string;
}

/** 整改方案: responsible person, measures, funds (万元), deadline and contingency plan */
export class PlanHazardDto extends Signed {
  @ApiProperty({ description: '责任人' }) @IsString() @MinLength(1) @MaxLength(100) responsiblePerson: string;
  @ApiProperty({ description: '措施' }) @IsString() @MinLength(1) @MaxLength(2000) measures: string;
  @ApiProperty({ description: '资金 (万元)' }) @IsAmountWan() @Min(0) @Max(999_999_999) fundsWan: number;
  @ApiProperty({ description: '期限' }) @IsCalendarDate() deadline: string;
  @ApiProperty({ description: '应急预案' }) @IsString() @MinLength(1) @MaxLength(2000) contingencyPlan: string;
}

/** 整改: the plan is required (given now or before) unless rectified on the spot, the day it was found */
export class RectifyHazardDto extends Signed {
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() rectifiedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(100) responsiblePerson?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) measures?: string;
  @ApiPropertyOptional() @IsOptional() @IsAmountWan() @Min(0) @Max(999_999_999) fundsWan?: number;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() deadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(2000) contingencyPlan?: string;
}

/** 办结销号: an assigned hazard only by the group leader */
export class CloseHazardDto extends Signed {
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() closedOn?: string;
}
