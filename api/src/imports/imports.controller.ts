import { type CallHandler, Controller, Get, HttpCode, Inject, type NestInterceptor, Param, PayloadTooLargeException, Post, Query, Req, StreamableFile, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { Type } from 'class-transformer';
import { IsBooleanString, IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { catchError, throwError } from 'rxjs';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { isCityUser } from '../auth/scope.js';
import { BundleRefusedError } from '../bundle/import-bundle.js';
import { DomainError } from '../common/domain-error.js';
import type { TokenClaims } from '../auth/tokens.js';
import { toCsv } from '../exports/csv.js';
import type { ImportJob } from './import-job.js';
import { ImportsService } from './imports.service.js';
import { ApiAnswer, ApiErrors, ApiFile, Summary } from '../common/openapi.js';
import { ApiBody, ApiConsumes, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { importJob } from '../common/view-schemas.js';
import { s } from '../../../analytics/src/json-schema.js';

// the sample bundle of the whole city is under 1 MB zipped; a county's year of records fits many times over
const MAX_BYTES = 20 * 1024 * 1024;
const TOO_LARGE = `上传文件超过 ${MAX_BYTES / 1024 / 1024} MB 上限（the upload is over the ${MAX_BYTES / 1024 / 1024} MB limit; split the bundle, or send the CSV folder zipped instead of a workbook with pictures）`;

/** multer says only "File too large": the client is told the limit */
class UploadLimitMessage implements NestInterceptor {
  intercept(_: unknown, next: CallHandler) {
    return next.handle().pipe(catchError((e: unknown) => throwError(() => (e instanceof PayloadTooLargeException ? new PayloadTooLargeException(TOO_LARGE) : e))));
  }
}

/** how long a POST without `wait` waits for its import before answering with the job to poll */
const WAIT_MS = 30_000;
const FINISHED: readonly string[] = ['done', 'refused', 'failed'];

export class StartImportQueryDto {
  /**
   * `wait=false`: answer at once with the job (the page polls it for its progress bar); `wait=true`: answer
   * when the import has finished; absent: wait up to WAIT_MS, so that `curl -F file=@bundle.zip` gets the
   * refusal (400 with the CLI's problems) or the finished job, and a long import its job to poll.
   */
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'false: answer at once with the job; true: when it has finished; absent: wait up to 30 s' }) @IsOptional() @IsBooleanString() wait?: string;
}

export class ListImportsQueryDto {
  @ApiPropertyOptional({ enum: ['checking', 'writing', 'done', 'refused', 'failed'] }) @IsOptional() @IsIn(['checking', 'writing', 'done', 'refused', 'failed']) status?: string;
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit?: number;
}

/** multer reads a part's file name as Latin-1; browsers and curl send UTF-8 (a 汉字 name came out garbled) */
function utf8Name(name: string | undefined): string {
  if (!name) return 'bundle';
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? name : decoded;
}

function mayRead(user: TokenClaims, job: ImportJob): boolean {
  return isCityUser(user) || (job.unit !== null && job.unit === user.unit);
}

@ApiTags('imports 导入')
@Controller('api/imports')
export class ImportsController {
  constructor(@Inject(ImportsService) private readonly service: ImportsService) {}

  /**
   * A bundle (导入): multipart field `file`, a .zip of a bundle folder (files at the root or in one top
   * folder) or an .xlsx workbook. Answers 202 with the job; a county branch's bundle may hold only its
   * own unit's records. An archive over the zip bounds is refused here (413), before a job starts.
   */
  @Post()
  @Summary('导入数据包', 'Import a bundle (.zip of the bundle folder, or an .xlsx workbook): answers with its job')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } })
  @ApiAnswer(importJob, { status: 202, description: 'the job (finished, or still running: poll GET /api/imports/{id})' })
  @ApiErrors(400, 413)
  @HttpCode(202)
  @Roles('city_office', 'county_branch')
  @UseInterceptors(UploadLimitMessage, FileInterceptor('file', { limits: { fileSize: MAX_BYTES, files: 1 } }))
  async start(@Query() q: StartImportQueryDto, @Req() req: AuthedRequest, @UploadedFile() upload?: { buffer: Buffer; originalname: string }): Promise<ImportJob> {
    if (!upload?.buffer?.length) throw new DomainError('BAD_PARAMETER', 'file: 请选择要导入的文件（no file: send the bundle as the multipart field "file", a .zip of the bundle folder or an .xlsx workbook）');
    const user = req.user!;
    const unit = isCityUser(user) ? null : (user.unit ?? '__none__');
    const job = this.service.start({ bytes: upload.buffer, fileName: utf8Name(upload.originalname), unit, actor: user.sub });
    if (q.wait === 'false') return job;
    const finished = this.service.settled(job.id);
    const done = q.wait === 'true' ? await finished : await Promise.race([finished, new Promise<undefined>((r) => setTimeout(() => r(undefined), WAIT_MS).unref())]);
    if (!done || !FINISHED.includes(done.status)) return this.service.get(job.id) ?? job;
    if (done.status === 'refused') throw new BundleRefusedError(done.problems.map((p) => ({ file: p.file, line: p.line ?? undefined, column: p.column ?? undefined, message: p.message })));
    return done;
  }

  /** Recent jobs, newest first: a county user sees its own unit's. */
  @Get()
  @Summary('导入任务列表', 'Recent import jobs, newest first')
  @ApiAnswer(s.array(importJob))
  @ApiErrors(400)
  @AnyRole()
  list(@Query() q: ListImportsQueryDto, @Req() req: AuthedRequest): ImportJob[] {
    return this.service.list((j) => mayRead(req.user!, j) && (!q.status || j.status === q.status), q.limit ?? 20);
  }

  @Get(':id')
  @Summary('导入任务', 'One import job and its problems')
  @ApiAnswer(importJob)
  @ApiErrors(404)
  @AnyRole()
  get(@Param('id') id: string, @Req() req: AuthedRequest): ImportJob {
    return this.readable(id, req.user!);
  }

  /** The problems as a spreadsheet for the clerk who fixes them: 文件, 行, 列, 问题, 说明. */
  @Get(':id/problems.csv')
  @Summary('导入问题清单', 'The problems of an import as CSV')
  @ApiFile('text/csv', 'UTF-8 CSV: 文件, 行, 列, 问题, 说明')
  @ApiErrors(404)
  @AnyRole()
  problems(@Param('id') id: string, @Req() req: AuthedRequest): StreamableFile {
    const job = this.readable(id, req.user!);
    const csv = toCsv(['文件', '行', '列', '问题', '说明'], job.problems.map((p) => [p.file, p.line, p.column, p.message, p.messageZh]));
    const ascii = `import-${job.id.slice(0, 8)}-problems.csv`;
    return new StreamableFile(Buffer.from(csv), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(`导入问题清单-${job.id.slice(0, 8)}.csv`)}` });
  }

  private readable(id: string, user: TokenClaims): ImportJob {
    const job = this.service.get(id);
    // another unit's job is answered as unknown, as its existence is not the county's to know
    if (!job || !mayRead(user, job)) throw new DomainError('UNKNOWN_RECORD', `no import ${id} (jobs are kept in memory: the last 100 since the server started)`);
    return job;
  }
}
