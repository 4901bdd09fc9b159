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
import { type RankingAnswer, ScoresService } from './scores.service.js';
import { createScheme, listSchemes, loadScheme } from './scheme-store.js';
import { mergeSchemeParams } from './scheme-params.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';
import { SCORE_TREND_ARROW, SCORES_ARROW, UNIT_EXPLANATION_ARROW } from '../../../analytics/src/contracts.js';
import { ArrowAnswer, ArrowDocumented, sendArrowIfAsked } from '../common/arrow-response.js';
import { ApiAnswer, ApiErrors, ApiSentAnswer, Summary } from '../common/openapi.js';
import { ApiProperty, ApiQuery, ApiTags } from '@nestjs/swagger';
import { scoresJsonSchema } from '../../../analytics/src/contract-schemas.js';
import { s } from '../../../analytics/src/json-schema.js';
import { traceStage } from '../../../analytics/src/stage-trace.js';
import { publishedSchema, publishedVsLiveSchema, rankingSchema, schemeSchema, stabilitySchema, trendSchema, unitScoreSchema, whatIfSchema } from './scores.schemas.js';

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
  @ApiProperty({ description: 'YYYY-MM', pattern: '^\\d{4}-\\d{2}$' }) @Matches(/^\d{4}-\d{2}$/) month: string;
  @ApiPropertyOptional({ description: 'base scheme version (default: default)' }) @IsOptional() @IsString() base?: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'scheme parameters to change (weights, thresholds): the base scheme\'s for the rest' }) @IsObject() params: Partial<SchemeParams>;
}

export class StabilityDto {
  @ApiProperty({ description: 'YYYY-MM', pattern: '^\\d{4}-\\d{2}$' }) @Matches(/^\d{4}-\d{2}$/) month: string;
  @ApiPropertyOptional({ description: 'base scheme version (default: default)' }) @IsOptional() @IsString() base?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'scheme parameters to change (weights, thresholds): the base scheme\'s for the rest' }) @IsOptional() @IsObject() params?: Partial<SchemeParams>;
}

export class NewSchemeDto {
  @ApiProperty({ pattern: '^[A-Za-z0-9._-]{1,40}$' }) @Matches(/^[A-Za-z0-9._-]{1,40}$/) version: string;
  @ApiProperty({ description: 'the scheme it starts from' }) @IsString() basedOn: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'scheme parameters to change (weights, thresholds): the base scheme\'s for the rest' }) @IsObject() params: Partial<SchemeParams>;
  @ApiPropertyOptional() @IsOptional() @IsString() note?: string;
}

@ApiTags('scores 打分排队')
@Controller('api')
export class ScoresController {
  constructor(@Inject(ScoresService) private readonly scores: ScoresService, @Inject(DATABASE) private readonly db: Database) {}

  @ArrowDocumented()
  @Get('scores')
  @Summary('打分排队', 'Ranking of county-level units for a month, with movement and the published mark')
  @ApiQuery({ name: 'month', required: true, description: 'YYYY-MM, an assessed month of a campaign', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiSentAnswer(rankingSchema)
  @ApiErrors(400, 404)
  @AnyRole()
  // the answer is sent as cached bytes (ETag, 304, gzip/br), not returned for the framework to serialise
  async ranking(@Query() q: RankingQueryDto, @Req() req: AuthedRequest, @Res() res: ServerResponse) {
    const answer = await traceStage(`GET /api/scores?parent=${q.parent ?? ''} answered`, () => this.scores.rankingAnswer(q.month, { parent: q.parent, page: q.page ?? 1, pageSize: q.pageSize ?? 100 }, req.user!.unit));
    if (sendArrowIfAsked(req, res, SCORES_ARROW, answer.value as RankingAnswer, (answer.value as RankingAnswer).total)) return;
    await sendCachedAnswer(req, res, answer);
  }

  @ArrowAnswer(UNIT_EXPLANATION_ARROW)
  @Get('scores/:unit')
  @Summary('单位得分', 'One unit\'s score, movement and its explanation (the records behind each figure)')
  @ApiQuery({ name: 'month', required: true, description: 'YYYY-MM, an assessed month of a campaign', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiAnswer(unitScoreSchema)
  @ApiErrors(400, 404)
  @AnyRole()
  unit(@Param('unit') unit: string, @Query('month') month: string, @Req() req: AuthedRequest) {
    assertMayReadUnit(req.user!, unit);
    return this.scores.unit(unit, month);
  }

  @ArrowAnswer(SCORE_TREND_ARROW)
  @Get('scores/:unit/trend')
  @Summary('得分走势', 'A unit\'s rank and indicators over the months of its campaign')
  @ApiQuery({ name: 'month', required: false, description: 'YYYY-MM (default: the latest campaign)', schema: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } })
  @ApiAnswer(trendSchema, { description: 'in month order' })
  @ApiErrors(400, 404)
  @AnyRole()
  trend(@Param('unit') unit: string, @Req() req: AuthedRequest, @Query('month') month?: string) {
    assertMayReadUnit(req.user!, unit);
    return this.scores.trend(unit, month);
  }

  @Post('scores/what-if')
  @Summary('方案试算', 'What-if: the ranking under proposed scheme parameters, nothing stored')
  @ApiAnswer(whatIfSchema, { status: 201 })
  @ApiErrors(400, 404)
  @Roles('city_office', 'group_leader')
  async whatIf(@Body() body: WhatIfDto) {
    const base = await loadScheme(this.db.dataSource, body.base ?? 'default');
    return this.scores.whatIf(body.month, mergeSchemeParams(base.params, body.params), base.version);
  }

  @Post('scores/stability')
  @Summary('权重稳定性', 'How far each weight may move before a rank changes')
  @ApiAnswer(stabilitySchema)
  @ApiErrors(400, 404)
  @HttpCode(200)
  @Roles('city_office', 'group_leader')
  async stability(@Body() body: StabilityDto) {
    const base = await loadScheme(this.db.dataSource, body.base ?? 'default');
    return this.scores.stability(body.month, mergeSchemeParams(base.params, body.params), base.version);
  }

  @Get('schemes')
  @Summary('打分方案列表', 'The scoring schemes')
  @ApiAnswer(s.array(schemeSchema))
  @AnyRole()
  list() {
    return listSchemes(this.db.dataSource);
  }

  @Post('schemes')
  @Summary('新建打分方案', 'Create a scoring scheme from a base and changed parameters')
  @ApiAnswer(schemeSchema, { status: 201 })
  @ApiErrors(400, 404, 409)
  @Roles('city_office')
  async create(@Body() body: NewSchemeDto, @Req() req: AuthedRequest) {
    const base = await loadScheme(this.db.dataSource, body.basedOn);
    return createScheme(this.db.dataSource, { version: body.version, basedOn: base.version, params: mergeSchemeParams(base.params, body.params), note: body.note }, req.user!.sub);
  }

  @Post('rankings/:month/publish')
  @Summary('发布排名', 'Publish the month\'s ranking (kept as it stands, with the ledger digest)')
  @ApiQuery({ name: 'scheme', required: false, description: 'scheme version (default: default)' })
  @ApiAnswer(publishedSchema, { status: 201 })
  @ApiErrors(400, 404, 409)
  @Roles('city_office')
  publish(@Param('month') month: string, @Req() req: AuthedRequest, @Query('scheme') scheme?: string) {
    return this.scores.publish(month, req.user!.sub, scheme ?? 'default');
  }

  @Get('rankings/:month/published')
  @Summary('已发布排名对照', 'The published ranking beside today\'s recomputation, with what differs')
  @ApiAnswer(publishedVsLiveSchema)
  @ApiErrors(400, 404)
  @AnyRole()
  published(@Param('month') month: string) {
    return this.scores.publishedVsLive(month);
  }
}
