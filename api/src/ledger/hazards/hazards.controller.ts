import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { AnyRole } from '../../auth/access.decorator.js';
import type { AuthedRequest } from '../../auth/auth.guard.js';
import { isCityUser, scopeUnit } from '../../auth/scope.js';
import { DomainError } from '../../common/domain-error.js';
import { CLOCK, DATABASE, type Clock } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import type { TokenClaims } from '../../auth/tokens.js';
import { findHazard, HAZARD_LIST_ARROW, HAZARD_SORTS, type HazardFilter, ledgerAsOf, listHazards } from './hazards.repository.js';
import { ArrowAnswer } from '../../common/arrow-response.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { hazardDetail, hazardListItem, pageOf } from '../../common/view-schemas.js';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ARROW_PAGE_SIZE_MAX } from '../../../../analytics/src/arrow.js';
import { ARROW_PAGE_SIZE_TEXT } from '../common/page.dto.js';

/** the ledger list's filters: GET /api/hazards and the ledger's CSV export (GET /api/exports/hazards.csv) take the same */
export class HazardFilterDto {
  @ApiPropertyOptional({ description: 'unit code 单位代码' }) @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ enum: ['self_check', 'enforcement', 'public_report', 'superior_assignment'] }) @IsOptional() @IsIn(['self_check', 'enforcement', 'public_report', 'superior_assignment']) source?: string;
  @ApiPropertyOptional({ enum: ['open', 'rectified', 'closed'] }) @IsOptional() @IsIn(['open', 'rectified', 'closed']) status?: 'open' | 'rectified' | 'closed';
  @ApiPropertyOptional({ enum: ['true', 'false'] }) @IsOptional() @IsBooleanString() overdue?: string;
  @ApiPropertyOptional({ enum: ['true', 'false'], description: '挂牌督办' }) @IsOptional() @IsBooleanString() listed?: string;
  /** 搜索: a part of the ledger number, the enterprise's name or the description */
  @ApiPropertyOptional({ maxLength: 100, description: 'part of the ledger number, the enterprise name or the description' }) @IsOptional() @IsString() @MaxLength(100) q?: string;
  @ApiPropertyOptional({ enum: HAZARD_SORTS, default: '-found_on' }) @IsOptional() @IsIn(HAZARD_SORTS) sort?: string;
}

export class HazardQueryDto extends HazardFilterDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000000) page?: number;
  // more than JSON_PAGE_SIZE_MAX only for an Arrow ask: the Arrow interceptor refuses it for JSON
  @ApiPropertyOptional({ minimum: 1, maximum: ARROW_PAGE_SIZE_MAX, default: 20, description: ARROW_PAGE_SIZE_TEXT })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(ARROW_PAGE_SIZE_MAX) pageSize?: number;
}

const flag = (v?: string) => (v === undefined ? undefined : v === 'true');

/** the filter of a query as the user may apply it (a unit-bound user is kept to its scope) */
export function hazardFilter(q: HazardFilterDto, user: TokenClaims, asOf: string): Omit<HazardFilter, 'sort' | 'page' | 'pageSize'> {
  return { unit: q.unit, source: q.source, status: q.status, overdue: flag(q.overdue), listed: flag(q.listed), q: q.q, scope: scopeUnit(user), asOf };
}

@ApiTags('hazards 隐患')
@Controller('api/hazards')
export class HazardsController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @ArrowAnswer(HAZARD_LIST_ARROW)
  @Get()
  @Summary('隐患台账', 'The hazard ledger, filtered and sorted, a page at a time')
  @ApiAnswer(pageOf('HazardListItem', hazardListItem))
  @ApiErrors(400)
  @AnyRole()
  async list(@Query() q: HazardQueryDto, @Req() req: AuthedRequest) {
    return listHazards(this.db.dataSource, {
      ...hazardFilter(q, req.user!, await ledgerAsOf(this.db.dataSource, this.clock.now())), sort: q.sort ?? '-found_on', page: q.page ?? 1, pageSize: q.pageSize ?? 20,
    });
  }

  @Get(':ledgerNo')
  @Summary('隐患', 'One hazard with its history, assignment and feedback')
  @ApiAnswer(hazardDetail)
  @ApiErrors(403, 404)
  @AnyRole()
  async one(@Param('ledgerNo') ledgerNo: string, @Req() req: AuthedRequest) {
    const h = await findHazard(this.db.dataSource, ledgerNo, this.clock.now());
    if (!h) throw new DomainError('UNKNOWN_HAZARD', `no hazard with ledger number ${ledgerNo}`);
    const u = req.user!;
    if (!isCityUser(u) && h.unitCode !== u.unit && h.jurisdiction !== u.unit && h.assignment?.unitCode !== u.unit) throw new DomainError('OUT_OF_SCOPE', `无权访问: hazard ${ledgerNo} belongs to another unit`);
    return h;
  }
}
