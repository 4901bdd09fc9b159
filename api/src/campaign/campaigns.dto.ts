import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { IsCalendarDate, MONTH } from '../ledger/common/validators.js';

/** A campaign (行动) as GET /api/campaigns lists it: its window, assessed months and one-off due dates. */
export class CampaignDto {
  @ApiProperty({ example: 'jincheng-2024' }) code: string;
  @ApiProperty({ example: '晋城市危险废物领域重大事故隐患专项排查整治2024行动' }) name: string;
  @ApiProperty({ example: '2024-04-23' }) startOn: string;
  @ApiProperty({ example: '2024-12-31' }) endOn: string;
  @ApiProperty({ example: '2024-05' }) firstMonth: string;
  @ApiProperty({ example: '2024-12' }) lastMonth: string;
  @ApiProperty({ example: '2024-08-07', nullable: true, type: String, description: '阶段性情况 due; null: not owed' }) stageReportDue: string | null;
  @ApiProperty({ example: '2024-12-07', nullable: true, type: String, description: '工作总结 due; null: not owed' }) summaryDue: string | null;
  @ApiProperty({ example: ['2024-05', '2024-06'], description: 'the assessed months, first to last' }) months: string[];
}

/** POST /api/campaigns: a new campaign, checked as a bundle's campaigns.csv is (spec/bundle.md). */
export class CreateCampaignDto {
  @ApiProperty({ example: 'jincheng-2024' }) @IsString() @MinLength(1) @MaxLength(100) @Matches(/^\S+$/, { message: 'code: a campaign code has no spaces' }) code: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name: string;
  @ApiProperty({ example: '2024-04-23' }) @IsCalendarDate() startOn: string;
  @ApiProperty({ example: '2024-12-31' }) @IsCalendarDate() endOn: string;
  @ApiProperty({ example: '2024-05' }) @Matches(MONTH, { message: 'firstMonth must be a month YYYY-MM' }) firstMonth: string;
  @ApiProperty({ example: '2024-12' }) @Matches(MONTH, { message: 'lastMonth must be a month YYYY-MM' }) lastMonth: string;
  @ApiPropertyOptional({ example: '2024-08-07', type: String, nullable: true, description: '阶段性情况 due; null: not owed' }) @IsOptional() @IsCalendarDate() stageReportDue?: string | null;
  @ApiPropertyOptional({ example: '2024-12-07', type: String, nullable: true, description: '工作总结 due; null: not owed' }) @IsOptional() @IsCalendarDate() summaryDue?: string | null;
}
