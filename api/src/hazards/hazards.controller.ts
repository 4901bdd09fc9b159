import { Controller, Get, Inject, Param, Query, Req } from '@nestjs/common';
import { IsBooleanString, IsIn, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { AnyRole } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { isCityUser, scopeUnit } from '../auth/scope.js';
import { DomainError } from '../common/domain-error.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { loadCampaign } from '../campaign/campaign.js';
import { findHazard, HAZARD_SORTS, listHazards } from './hazards.repository.js';

export class HazardQueryDto {
  @IsOptional() @IsString() unit?: string;
  @IsOptional() @IsIn(['self_check', 'enforcement', 'public_report', 'superior_assignment']) source?: string;
  @IsOptional() @IsIn(['open', 'rectified', 'closed']) status?: 'open' | 'rectified' | 'closed';
  @IsOptional() @IsBooleanString() overdue?: string;
  @IsOptional() @IsBooleanString() listed?: string;
  @IsOptional() @IsIn(HAZARD_SORTS) sort?: string;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000000) page?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}

const flag = (v?: string) => (v === undefined ? undefined : v === 'true');

@Controller('api/hazards')
export class HazardsController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  /** as of today, or of the campaign's end once it is over (CST calendar day) */
  private async asOf(): Promise<string> {
    const c = await loadCampaign(this.db.dataSource);
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    return today < c.endOn ? today : c.endOn;
  }

  @Get()
  @AnyRole()
  async list(@Query() q: HazardQueryDto, @Req() req: AuthedRequest) {
    return listHazards(this.db.dataSource, {
      unit: q.unit, source: q.source, status: q.status, overdue: flag(q.overdue), listed: flag(q.listed),
      scope: scopeUnit(req.user!), asOf: await this.asOf(), sort: q.sort ?? '-found_on', page: q.page ?? 1, pageSize: q.pageSize ?? 20,
    });
  }

  @Get(':ledgerNo')
  @AnyRole()
  async one(@Param('ledgerNo') ledgerNo: string, @Req() req: AuthedRequest) {
    const h = await findHazard(this.db.dataSource, ledgerNo);
    if (!h) throw new DomainError('UNKNOWN_HAZARD', `no hazard with ledger number ${ledgerNo}`);
    const u = req.user!;
    if (!isCityUser(u) && h.unitCode !== u.unit && h.jurisdiction !== u.unit && h.assignment?.unitCode !== u.unit) throw new DomainError('OUT_OF_SCOPE', `无权访问: hazard ${ledgerNo} belongs to another unit`);
    return h;
  }
}
