import { Controller, Get, Inject, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AnyRole } from '../../auth/access.decorator.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { ApiAnswer, ApiErrors, Summary } from '../../common/openapi.js';
import { s } from '../../../../analytics/src/json-schema.js';

interface UnitRow { code: string; name: string; level: string; parentCode: string | null }
const UNIT_ROW = { code: s.string(), name: s.string(), level: s.string(), parentCode: s.nullable(s.string()) };

// Units are read-only through the API (they come with the campaign's bundle); GET /api/units lists them
// all (api/src/units). Every user sees the unit tree, as every user sees the ranking.
@ApiTags('units 单位')
@Controller('api/units')
export class UnitDetailController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get(':code')
  @Summary('单位', 'One unit and its children')
  @ApiAnswer(s.named('UnitDetail', s.object<UnitRow & { children: UnitRow[] }>({ ...UNIT_ROW, children: s.array(s.object<UnitRow>(UNIT_ROW)) })))
  @ApiErrors(404)
  @AnyRole()
  async one(@Param('code') code: string) {
    const rows = (await this.db.dataSource.query(
      `SELECT code, name, level, parent_code AS "parentCode" FROM units WHERE code = $1 OR parent_code = $1 ORDER BY code`, [code])) as UnitRow[];
    const unit = rows.find((r) => r.code === code);
    if (!unit) throw new DomainError('UNKNOWN_UNIT', `no unit ${code}`);
    return { ...unit, children: rows.filter((r) => r.parentCode === code && r.code !== code) };
  }
}
