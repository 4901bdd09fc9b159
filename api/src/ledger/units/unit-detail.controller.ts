import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../auth/access.decorator.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';

interface UnitRow { code: string; name: string; level: string; parentCode: string | null }

// Units are read-only through the API (they come with the campaign's bundle); GET /api/units lists them
// all (api/src/units). Every user sees the unit tree, as every user sees the ranking.
@ApiTags('units 单位')
@ApiBearerAuth()
@Controller('api/units')
export class UnitDetailController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get(':code')
  @AnyRole()
  async one(@Param('code') code: string) {
    const rows = (await this.db.dataSource.query(
      `SELECT code, name, level, parent_code AS "parentCode" FROM units WHERE code = $1 OR parent_code = $1 ORDER BY code`, [code])) as UnitRow[];
    const unit = rows.find((r) => r.code === code);
    if (!unit) throw new DomainError('UNKNOWN_UNIT', `no unit ${code}`);
    return { ...unit, children: rows.filter((r) => r.parentCode === code && r.code !== code) };
  }
}
