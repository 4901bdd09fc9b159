import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { bothWays } from '../common/list-query.js';
import { PageQueryDto } from '../common/page.dto.js';
import { IsCalendarDate, IsCreditCode } from '../common/validators.js';

export const DRILL_SORTS = bothWays({ drilled_on: 'd.drilled_on, d.id', enterprise: 'd.enterprise_credit_code, d.drilled_on, d.id' });

/** 应急演练 of an enterprise, recorded by the unit of its jurisdiction */
export class CreateDrillDto {
  @ApiProperty() @IsCreditCode() enterpriseCreditCode: string;
  @ApiProperty() @IsCalendarDate() drilledOn: string;
}

export class DrillQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: "the enterprise's jurisdiction" }) @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() enterprise?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: Object.keys(DRILL_SORTS) }) @IsOptional() @IsIn(Object.keys(DRILL_SORTS)) sort?: string;
}
