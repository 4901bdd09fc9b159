import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { FINDINGS } from '../../bundle/bundle-files.js';
import { bothWays } from '../common/list-query.js';
import { ArrowPageQueryDto, PageQueryDto } from '../common/page.dto.js';
import { BOOL_STRINGS, IsCalendarDate, IsCreditCode } from '../common/validators.js';

export const INSPECTION_SORTS = bothWays({ inspected_on: 'i.inspected_on, i.inspection_id', inspection_id: 'i.inspection_id' });
export const FINDING_SORTS = bothWays({ inspection_id: 'f.inspection_id, f.finding', finding: 'f.finding, f.inspection_id' });
const ID = /^[A-Za-z0-9][A-Za-z0-9._\-]{0,63}$/;

class SignedInspection {
  @ApiPropertyOptional({ description: 'generated when absent' })
  @IsOptional() @Matches(ID, { message: 'inspectionId must be 1–64 letters, digits, . _ -' }) inspectionId?: string;

  @ApiProperty({ description: '谁检查、谁签名: every inspector who signs', type: [String] })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(20) @ArrayUnique() @IsString({ each: true }) @MinLength(1, { each: true }) @MaxLength(100, { each: true })
  signedBy: string[];

  @ApiPropertyOptional({ enum: FINDINGS, isArray: true, description: 'the spot-check problems found (B2–B8)' })
  @IsOptional() @IsArray() @ArrayUnique() @IsIn(FINDINGS, { each: true }) findings?: string[];
}

/** 检查: signed by its inspectors; `majorHazardsFound` 0 means signed clean */
export class CreateInspectionDto extends SignedInspection {
  @ApiPropertyOptional({ description: 'the inspecting unit; a unit-bound user inspects for its own unit' })
  @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty() @IsCreditCode() enterpriseCreditCode: string;
  @ApiProperty() @IsCalendarDate() inspectedOn: string;
  @ApiProperty({ minimum: 0, maximum: 10000 }) @IsInt() @Min(0) @Max(10000) majorHazardsFound: number;
}

/** A correction: a new signed record that replaces the original in every figure; the original stays. */
export class CorrectInspectionDto extends SignedInspection {
  @ApiProperty({ description: 'why the signed record is corrected' }) @IsString() @MinLength(1) @MaxLength(2000) reason: string;
  @ApiPropertyOptional() @IsOptional() @IsCreditCode() enterpriseCreditCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() inspectedOn?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 10000 }) @IsOptional() @IsInt() @Min(0) @Max(10000) majorHazardsFound?: number;
}

export class InspectionQueryDto extends ArrowPageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() enterprise?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: BOOL_STRINGS, description: 'signed clean (major hazards found = 0)' }) @IsOptional() @IsIn(BOOL_STRINGS) clean?: string;
  @ApiPropertyOptional({ enum: BOOL_STRINGS, description: 'true: only records not replaced by a correction' }) @IsOptional() @IsIn(BOOL_STRINGS) current?: string;
  @ApiPropertyOptional({ enum: Object.keys(INSPECTION_SORTS) }) @IsOptional() @IsIn(Object.keys(INSPECTION_SORTS)) sort?: string;
}

export class FindingQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() inspection?: string;
  @ApiPropertyOptional({ enum: FINDINGS }) @IsOptional() @IsIn(FINDINGS) finding?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: BOOL_STRINGS }) @IsOptional() @IsIn(BOOL_STRINGS) current?: string;
  @ApiPropertyOptional({ enum: Object.keys(FINDING_SORTS) }) @IsOptional() @IsIn(Object.keys(FINDING_SORTS)) sort?: string;
}
