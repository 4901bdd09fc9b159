import { ApiProperty, ApiPropertyOptional, PartialType, OmitType } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { INDUSTRIES, RISK_LEVELS } from '../../bundle/bundle-files.js';
import { PageQueryDto } from '../common/page.dto.js';
import { BOOL_STRINGS, IsCreditCode } from '../common/validators.js';
import { bothWays } from '../common/list-query.js';

export const ENTERPRISE_SORTS = bothWays({ credit_code: 'e.credit_code', name: 'e.name, e.credit_code', unit: 'e.unit_code, e.credit_code' });

/** 企业: its jurisdiction (属地, county-level) is `unitCode` */
export class CreateEnterpriseDto {
  @ApiProperty({ description: '统一社会信用代码 (18 chars, GB 32100-2015 check digit)' })
  @IsCreditCode() creditCode: string;

  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;

  @ApiProperty({ description: 'jurisdiction (属地): a county-level unit' })
  @IsString() @MinLength(1) @MaxLength(40) unitCode: string;

  @ApiProperty({ enum: INDUSTRIES }) @IsIn(INDUSTRIES) industry: string;
  @ApiProperty({ enum: RISK_LEVELS }) @IsIn(RISK_LEVELS) riskLevel: 'general' | 'larger' | 'major';
  @ApiProperty({ description: '高危行业: two drills required' }) @IsBoolean() highRisk: boolean;

  @ApiPropertyOptional({ description: '主体企业' })
  @IsOptional() @IsCreditCode() parentCreditCode?: string;

  @ApiPropertyOptional({ description: '主要负责人' })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(100) mainLeader?: string;
}

/** Every field but the credit code (the key) may be corrected; the change is audited. */
export class UpdateEnterpriseDto extends PartialType(OmitType(CreateEnterpriseDto, ['creditCode'] as const)) {}

export class EnterpriseQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: INDUSTRIES }) @IsOptional() @IsIn(INDUSTRIES) industry?: string;
  @ApiPropertyOptional({ enum: RISK_LEVELS }) @IsOptional() @IsIn(RISK_LEVELS) riskLevel?: string;
  @ApiPropertyOptional({ enum: BOOL_STRINGS }) @IsOptional() @IsIn(BOOL_STRINGS) highRisk?: string;
  @ApiPropertyOptional({ enum: BOOL_STRINGS, description: '排查范围: industry not other, or risk larger/major' })
  @IsOptional() @IsIn(BOOL_STRINGS) inScope?: string;
  @ApiPropertyOptional({ description: 'part of the name' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: Object.keys(ENTERPRISE_SORTS) }) @IsOptional() @IsIn(Object.keys(ENTERPRISE_SORTS)) sort?: string;
}
