import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsCalendarDate } from '../ledger/common/validators.js';

export const INSPECTED_BY = ['unit', 'parent'] as const;

/** a phase (实施阶段), or a coverage duty inside one when withinPhase, requiredPercent and inspectedBy are given */
export class CampaignPhaseDto {
  @ApiProperty({ example: 'county_coverage' }) @Matches(/^[a-z][a-z0-9_]{0,39}$/) key: string;
  @ApiProperty({ example: '县级全覆盖检查' }) @IsString() @MinLength(1) @MaxLength(40) name: string;
  @ApiProperty({ example: '2023-07-01' }) @IsCalendarDate() startOn: string;
  @ApiProperty({ example: '2023-08-31' }) @IsCalendarDate() endOn: string;
  @ApiPropertyOptional({ description: 'the key of the phase this duty lies within' }) @IsOptional() @Matches(/^[a-z][a-z0-9_]{0,39}$/) withinPhase?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 100 }) @IsOptional() @IsInt() @Min(1) @Max(100) requiredPercent?: number;
  @ApiPropertyOptional({ enum: INSPECTED_BY, description: "whose inspections count: the county-level unit's own, or its parent's (the city's)" })
  @IsOptional() @IsIn(INSPECTED_BY) inspectedBy?: 'unit' | 'parent';
}

export class PutCampaignPhasesDto {
  @ApiProperty({ type: [CampaignPhaseDto] })
  // IsObject: ValidateNested validates a list's items, so a phase that is itself a list ([[]]) passed with
  // nothing checked and reached the database without a key
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @IsObject({ each: true }) @ValidateNested({ each: true }) @Type(() => CampaignPhaseDto)
  phases: CampaignPhaseDto[];
}
