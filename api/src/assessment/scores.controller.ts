import type { ServerResponse } from 'node:http';
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, IsObject, Max, Min } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { sendCachedAnswer } from '../common/cached-answer.js';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { assertMayReadUnit } from '../auth/scope.js';
import type { Database } from '../database/data-source.js';
import { DATABASE } from '../common/tokens.js';
import { ScoresService } from './scores.service.js';
import { createScheme, listSchemes, loadScheme } from './scheme-store.js';
import { mergeSchemeParams } from './scheme-params.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';

/** GET /api/scores: whose ranking (a unit code, `all`, or the user's city) and which page of it */
export class RankingQueryDto {
  @ApiPropertyOptional({ example: '2023-08' })
  @IsOptional() @IsString() month?: string;

  @ApiPropertyOptional({ description: "a unit code (a city or a province), or `all`; default: the user's city", example: '140500' })
  @IsOptional() @Matches(/^[A-Za-z0-9]{1,20}$/, { message: 'parent must be a unit code (GET /api/units) or all' }) parent?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000000) page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: 100 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) pageSize?: number;
}

export class WhatIfDto {
  @Matches(/^\d{4}-\d{2}$/) month: string;
  @IsOptional() @IsString() base?: string;
  @IsObject() params: Partial<SchemeParams>;
}

export class StabilityDto {
  @Matches(/^\d{4}-\d{2}$/) month: string;
  @IsOptional() @IsString() base?: string;
  @IsOptional() @IsObject() params?: Partial<SchemeParams>;
}

export class NewSchemeDto {
  @Matches(/^[A-Za-z0-9._-]{1,40}$/) version: string;
  @IsString() basedOn: string;
  @IsObject() params: Partial<SchemeParams>;
  @IsOptional() @IsString() note?: string;
}

@Controller('api')
export class ScoresController {
  constructor(@Inject(ScoresService) private readonly scores: ScoresService, @Inject(DATABASE) private readonly db: Database) {}

  @Get('scores')
  @AnyRole()
  // the answer is sent as cached bytes (ETag, 304, gzip/br), not returned for the framework to serialise
  async ranking(@Query() q: RankingQueryDto, @Req() req: AuthedRequest, @Res() res: ServerResponse) {
    const answer = await this.scores.rankingAnswer(q.month, { parent: q.parent, page: q.page ?? 1, pageSize: q.pageSize ?? 100 }, req.user!.unit);
    await sendCachedAnswer(req, res, answer);
  }

  @Get('scores/:unit')
  @AnyRole()
  unit(@Param('unit') unit: string, @Query('month') month: string, @Req() req: AuthedRequest) {
    assertMayReadUnit(req.user!, unit);
    return this.scores.unit(unit, month);
  }

  @Get('scores/:unit/trend')
  @AnyRole()
  trend(@Param('unit') unit: string, @Req() req: AuthedRequest, @Query('month') month?: string) {
    assertMayReadUnit(req.user!, unit);
    return this.scores.trend(unit, month);
  }

  @Post('scores/what-if')
  @Roles('city_office', 'group_leader')
  async whatIf(@Body() body: WhatIfDto) {
    const base = await loadScheme(this.db.dataSource, body.base ?? 'default');
    return this.scores.whatIf(body.month, mergeSchemeParams(base.params, body.params), base.version);
  }

  @Post('scores/stability')
  @HttpCode(200)
  @Roles('city_office', 'group_leader')
  async stability(@Body() body: StabilityDto) {
    const base = await loadScheme(this.db.dataSource, body.base ?? 'default');
    return this.scores.stability(body.month, mergeSchemeParams(base.params, body.params), base.version);
  }

  @Get('schemes')
  @AnyRole()
  list() {
    return listSchemes(this.db.dataSource);
  }

  @Post('schemes')
  @Roles('city_office')
  async create(@Body() body: NewSchemeDto, @Req() req: AuthedRequest) {
    const base = await loadScheme(this.db.dataSource, body.basedOn);
    return createScheme(this.db.dataSource, { version: body.version, basedOn: base.version, params: mergeSchemeParams(base.params, body.params), note: body.note }, req.user!.sub);
  }

  @Post('rankings/:month/publish')
  @Roles('city_office')
  publish(@Param('month') month: string, @Req() req: AuthedRequest, @Query('scheme') scheme?: string) {
    return this.scores.publish(month, req.user!.sub, scheme ?? 'default');
  }

  @Get('rankings/:month/published')
  @AnyRole()
  published(@Param('month') month: string) {
    return this.scores.publishedVsLive(month);
  }
}
