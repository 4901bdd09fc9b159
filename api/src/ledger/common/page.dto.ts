import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ARROW_PAGE_SIZE_MAX, JSON_PAGE_SIZE_MAX } from '../../../../analytics/src/arrow.js';

/** `page` (from 1) and `pageSize` (1–500) of every list; lists answer `{items, total, page, pageSize}`. */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000000) page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: JSON_PAGE_SIZE_MAX, default: 20 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(JSON_PAGE_SIZE_MAX) pageSize?: number;
}

export const ARROW_PAGE_SIZE_TEXT = `rows a page: 1–${JSON_PAGE_SIZE_MAX} for JSON; up to ${ARROW_PAGE_SIZE_MAX} when the answer is asked as Arrow (Accept: application/vnd.apache.arrow.stream)`;

/**
 * The paging of a list that also answers Arrow (@ArrowAnswer): the DTO lets pageSize go up to the Arrow
 * limit, and the Arrow interceptor refuses more than JSON_PAGE_SIZE_MAX when JSON is answered.
 */
export class ArrowPageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000000) page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: ARROW_PAGE_SIZE_MAX, default: 20, description: ARROW_PAGE_SIZE_TEXT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(ARROW_PAGE_SIZE_MAX) pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
