import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { BadRequestException } from '@nestjs/common';
import { MemoisedValidationPipe } from '../../../api/src/common/query-validation.js';

// The global pipe keeps the DTO it built for a query string (query-validation.ts): a kept query must
// give what validation gives, each request its own copy, and a refused query must stay refused.
class PageQuery {
  @IsOptional() @IsString() month?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}

describe('the memoised validation of query DTOs', () => {
  const pipe = new MemoisedValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true });
  const meta = { type: 'query' as const, metatype: PageQuery, data: undefined };

  it('answers a query it validated before with an equal DTO of its own', async () => {
    const a = (await pipe.transform({ month: '2023-08', pageSize: '20' }, meta)) as PageQuery;
    const b = (await pipe.transform({ month: '2023-08', pageSize: '20' }, meta)) as PageQuery;
    expect(b).toBeInstanceOf(PageQuery);
    expect(b).toEqual({ month: '2023-08', pageSize: 20 });
    expect(b).not.toBe(a);
    b.pageSize = 1; // a handler changing its copy changes no other request's
    expect(await pipe.transform({ month: '2023-08', pageSize: '20' }, meta)).toEqual({ month: '2023-08', pageSize: 20 });
  });

  it('refuses a refused query every time', async () => {
    for (let i = 0; i < 2; i++) {
      await expect(pipe.transform({ month: '2023-08', pageSize: '501' }, meta)).rejects.toBeInstanceOf(BadRequestException);
      await expect(pipe.transform({ month: '2023-08', sneaky: '1' }, meta)).rejects.toBeInstanceOf(BadRequestException);
    }
  });
});
