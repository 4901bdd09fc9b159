import { Body, Controller, Get, HttpException, Inject, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Matches } from 'class-validator';
import { Public, Roles } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { publicHazardsCsv } from './public-hazards.js';
import { PublicService } from './public.service.js';
import { RateLimit } from './rate-limit.js';
import { ApiAnswer, ApiErrors, ApiFile, Summary } from '../common/openapi.js';
import { s } from '../../../analytics/src/json-schema.js';
import { publicHazards, publicRelease } from '../common/view-schemas.js';
import { ApiProperty, ApiTags } from '@nestjs/swagger';

export class PublicMonthDto {
  @ApiProperty({ description: 'YYYY-MM', pattern: '^\\d{4}-\\d{2}$' }) @Matches(/^\d{4}-\d{2}$/, { message: 'month must be YYYY-MM' }) month: string;
}

// 三公开 (seed notice §五): the routes without sign-in read only what public-hazards.ts allows, and only
// for months the city office has released; releasing is the office's act. Browsers and proxies may keep
// an answer five minutes; one address may ask 120 times a minute.
const CACHE_CONTROL = 'public, max-age=300';

@ApiTags('public 三公开')
@Controller('api/public')
export class PublicController {
  private readonly limit = new RateLimit(120, 60_000);

  constructor(@Inject(PublicService) private readonly service: PublicService) {}

  private admit(req: Request, res: Response): void {
    const wait = this.limit.take(req.ip ?? '');
    if (!wait) return;
    res.setHeader('Retry-After', String(wait));
    throw new HttpException({ code: 'TOO_MANY_REQUESTS', message: `请求过于频繁，请 ${wait} 秒后再试 (too many requests from this address)` }, 429);
  }

  @Get('releases')
  @Summary('公开月份', 'The months released to the public')
  @ApiAnswer(s.array(publicRelease))
  @ApiErrors(429)
  @Public()
  async releases(@Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.admit(req, res);
    return this.service.releases();
  }

  @Post('releases')
  @Summary('发布公开清单', 'Release a month\'s hazard list to the public')
  @ApiAnswer(publicRelease, { status: 201 })
  @ApiErrors(400, 409)
  @Roles('city_office')
  release(@Body() body: PublicMonthDto, @Req() req: AuthedRequest) {
    return this.service.release(body.month, req.user!.sub);
  }

  @Get('hazards')
  @Summary('公开隐患清单', 'A released month\'s hazard list, unit by unit (no sign-in)')
  @ApiAnswer(publicHazards)
  @ApiErrors(400, 404, 429)
  @Public()
  async hazards(@Query() q: PublicMonthDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.admit(req, res);
    const answer = await this.service.hazards(q.month);
    res.setHeader('Cache-Control', CACHE_CONTROL);
    return answer;
  }

  @Get('hazards.csv')
  @Summary('公开隐患清单 CSV', 'A released month\'s hazard list as CSV (no sign-in)')
  @ApiFile('text/csv', 'UTF-8 CSV')
  @ApiErrors(400, 404, 429)
  @Public()
  async hazardsCsv(@Query() q: PublicMonthDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    this.admit(req, res);
    const csv = publicHazardsCsv(await this.service.hazards(q.month));
    res.setHeader('Cache-Control', CACHE_CONTROL);
    const chinese = encodeURIComponent(`重大事故隐患公开清单-${q.month}.csv`);
    return new StreamableFile(Buffer.from(csv), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="public-hazards-${q.month}.csv"; filename*=UTF-8''${chinese}` });
  }
}
