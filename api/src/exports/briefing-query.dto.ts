import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, MaxLength, Min } from 'class-validator';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** a 机关代字: a few 汉字 (晋危废专办〔2023〕7号 → 晋危废专办) */
export const DOC_PREFIX = /^[\u4e00-\u9fff]{2,12}$/;

/** GET /api/exports/briefing.docx: the month, and what the request sets on the document itself */
export class BriefingQueryDto {
  @ApiProperty({ description: 'YYYY-MM', pattern: '^\\d{4}-\\d{2}$' }) @Matches(/^\d{4}-\d{2}$/, { message: 'month must be YYYY-MM' }) month: string;
  /** 成文日期, YYYY-MM-DD; default: the month's last day */
  @ApiPropertyOptional({ format: 'date', description: '成文日期 (default: the month\'s last day)' }) @IsOptional() @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be YYYY-MM-DD' }) date?: string;
  /** 文号's 机关代字; default 晋危废专办 */
  @ApiPropertyOptional({ description: '文号\'s 机关代字, 2 to 12 汉字 (default 晋危废专办)' }) @IsOptional() @Matches(DOC_PREFIX, { message: 'docPrefix must be 2 to 12 汉字 (机关代字), e.g. 晋危废专办' }) docPrefix?: string;
  /** 文号's 序号; absent: the month's registered number, or the next free one */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: '文号\'s 序号 (default: the registered or next free number)' }) @IsOptional() @Type(() => Number) @IsInt({ message: 'docNo must be a whole number' }) @Min(1, { message: 'docNo must be 1 or more' }) docNo?: number;
  /** 版记's 抄送 */
  @ApiPropertyOptional({ maxLength: 200, description: '版记\'s 抄送' }) @IsOptional() @MaxLength(200, { message: 'copyTo must be at most 200 characters' }) copyTo?: string;
}
