import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { LEADER_ROLES } from '../../bundle/bundle-files.js';
import { bothWays } from '../common/list-query.js';
import { PageQueryDto } from '../common/page.dto.js';
import { IsCalendarDate, IsCreditCode } from '../common/validators.js';

export const LEADER_SORTS = bothWays({ unit: 'l.unit_code, l.name', name: 'l.name, l.unit_code', role: 'l.role, l.unit_code, l.name' });
export const LEADER_INSPECTION_SORTS = bothWays({ inspected_on: 'li.inspected_on, li.id', leader: 'li.unit_code, li.leader_name, li.inspected_on, li.id' });

/** a unit's leader roster: 主要负责同志 (main) or 班子成员 (member) */
export class CreateLeaderDto {
  @ApiPropertyOptional({ description: 'a unit-bound user keeps its own unit\'s roster' }) @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(100) name: string;
  @ApiProperty({ enum: LEADER_ROLES }) @IsIn(LEADER_ROLES) role: 'main' | 'member';
}

export class UpdateLeaderDto {
  @ApiProperty({ enum: LEADER_ROLES }) @IsIn(LEADER_ROLES) role: 'main' | 'member';
}

export class LeaderQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: LEADER_ROLES }) @IsOptional() @IsIn(LEADER_ROLES) role?: string;
  @ApiPropertyOptional({ enum: Object.keys(LEADER_SORTS) }) @IsOptional() @IsIn(Object.keys(LEADER_SORTS)) sort?: string;
}

/** a leader's inspection (领导干部检查), optionally of an enterprise */
export class CreateLeaderInspectionDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) unitCode?: string;
  @ApiProperty({ description: 'on the unit\'s roster' }) @IsString() @MinLength(1) @MaxLength(100) leaderName: string;
  @ApiProperty() @IsCalendarDate() inspectedOn: string;
  @ApiPropertyOptional() @IsOptional() @IsCreditCode() enterpriseCreditCode?: string;
}

export class LeaderInspectionQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() leader?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() enterprise?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() from?: string;
  @ApiPropertyOptional() @IsOptional() @IsCalendarDate() to?: string;
  @ApiPropertyOptional({ enum: Object.keys(LEADER_INSPECTION_SORTS) }) @IsOptional() @IsIn(Object.keys(LEADER_INSPECTION_SORTS)) sort?: string;
}
