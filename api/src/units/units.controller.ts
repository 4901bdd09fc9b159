import { Controller, Get, Inject } from '@nestjs/common';
import type { Database } from '../database/data-source.js';
import { DATABASE } from '../common/tokens.js';
import { AnyRole } from '../auth/access.decorator.js';
import { assessedMonths, type Campaign, loadCampaign } from '../campaign/campaign.js';
import { ApiAnswer, Summary } from '../common/openapi.js';
import { DAY, MONTH, s } from '../../../analytics/src/json-schema.js';
import { ApiTags } from '@nestjs/swagger';

@ApiTags('units 单位')
@Controller('api')
export class UnitsController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  // every user sees the unit tree: rankings and dispatch figures of all units are public within the campaign
  @Get('units')
  @Summary('单位列表', 'Every unit: province, city, counties')
  @ApiAnswer(s.array(s.named('Unit', s.object<{ code: string; name: string; level: string; parentCode: string | null }>({ code: s.string(), name: s.string(), level: s.string(), parentCode: s.nullable(s.string()) }))))
  @AnyRole()
  async units() {
    const rows = await this.db.dataSource.query(`SELECT code, name, level, parent_code FROM units
      ORDER BY CASE level WHEN 'province' THEN 0 WHEN 'city' THEN 1 ELSE 2 END, code`);
    return rows.map((r: { code: string; name: string; level: string; parent_code: string | null }) => ({ code: r.code, name: r.name, level: r.level, parentCode: r.parent_code }));
  }

  @Get('campaign')
  @Summary('当前行动', 'The campaign and its assessed months')
  @ApiAnswer(s.named('CurrentCampaign', s.object<Campaign & { months: string[] }>({
    code: s.string(), name: s.string(), startOn: s.string(DAY), endOn: s.string(DAY), firstMonth: s.string(MONTH), lastMonth: s.string(MONTH),
    stageReportDue: s.nullable(s.string(DAY)), summaryDue: s.nullable(s.string(DAY)), months: s.array(s.string(MONTH), { description: 'the assessed months, in order' }),
  })))
  @AnyRole()
  async campaign() {
    const c = await loadCampaign(this.db.dataSource);
    return { ...c, months: assessedMonths(c) };
  }
}
