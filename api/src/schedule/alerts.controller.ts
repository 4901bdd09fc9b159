import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { AnyRole } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { assertMayReadUnit, isCityUser } from '../auth/scope.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';

@Controller('api/alerts')
export class AlertsController {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  @Get()
  @AnyRole()
  async list(@Query('unit') unit: string | undefined, @Req() req: AuthedRequest) {
    const u = req.user!;
    const only = unit ?? (isCityUser(u) ? undefined : u.unit!);
    if (only) assertMayReadUnit(u, only);
    const rows = await this.db.dataSource.query(
      `SELECT id, unit_code, kind, due_on, record_ref, message, created_at FROM alerts WHERE ($1::text IS NULL OR unit_code = $1) ORDER BY due_on DESC, id DESC LIMIT 1000`,
      [only ?? null],
    );
    return rows.map((r: Record<string, string>) => ({ id: Number(r.id), unitCode: r.unit_code, kind: r.kind, dueOn: r.due_on, recordRef: r.record_ref, message: r.message, createdAt: new Date(r.created_at).toISOString() }));
  }
}
