import { type CallHandler, Controller, Get, Inject, type NestInterceptor, PayloadTooLargeException, Post, Query, Req, UploadedFile, UseInterceptors } from '@nestjs/common';
import { catchError, throwError } from 'rxjs';
import { FileInterceptor } from '@nestjs/platform-express';
import { IsOptional, IsString, Matches } from 'class-validator';
import type { Request } from 'express';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { assertMayReadUnit, isCityUser } from '../auth/scope.js';
import { DomainError } from '../common/domain-error.js';
import { ReconciliationsService } from './reconciliations.service.js';
import { ApiAnswer, ApiErrors, Summary } from '../common/openapi.js';
import { s } from '../../../analytics/src/json-schema.js';
import { ApiBody, ApiConsumes, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { reconciliationResult, storedReconciliation } from '../common/view-schemas.js';

export class ReconciliationQueryDto {
  @ApiPropertyOptional({ description: 'unit code 单位代码' }) @IsOptional() @IsString() unit?: string;
  @ApiPropertyOptional({ description: 'YYYY-MM', pattern: '^\\d{4}-\\d{2}$' }) @IsOptional() @Matches(/^\d{4}-\d{2}$/, { message: 'month must be YYYY-MM' }) month?: string;
}

// a filled 调度表 is a few tens of kilobytes; a workbook with pictures pasted in stays well under this
const MAX_BYTES = 5 * 1024 * 1024;

const TOO_LARGE = `the file is over ${MAX_BYTES / 1024 / 1024} MB; a filled 调度表 is a few tens of kilobytes: send the workbook without pictures`;

/** multer says only "File too large": the client is told the limit, as for a file sent as the body */
class UploadLimitMessage implements NestInterceptor {
  intercept(_: unknown, next: CallHandler) {
    return next.handle().pipe(catchError((e: unknown) => throwError(() => (e instanceof PayloadTooLargeException ? new PayloadTooLargeException(TOO_LARGE) : e))));
  }
}

/**
 * The body of a request sent as the file itself (Content-Type of an .xlsx or application/octet-stream).
 * Over the limit it stops keeping the bytes but reads on without destroying the request: a destroyed
 * request resets the connection, and the client saw ECONNRESET on its next request instead of a 413.
 */
function rawBody(req: Request): Promise<Buffer> {
  // a JSON body was read by the JSON parser already: there is no file, and no 'end' will come again
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BYTES) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd);
      reject(new PayloadTooLargeException(TOO_LARGE));
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

@ApiTags('reconciliations 调度表核对')
@Controller('api/reconciliations')
export class ReconciliationsController {
  constructor(@Inject(ReconciliationsService) private readonly service: ReconciliationsService) {}

  /**
   * A hand-filled 调度表 checked against the ledger: multipart/form-data with the file in `file`, or the
   * .xlsx as the body; `unit` and `month` in the query (or as form fields). A county branch checks its own tables.
   */
  @Post()
  @Summary('调度表核对', 'Check a hand-filled dispatch table (.xlsx) against the ledger')
  @ApiConsumes('multipart/form-data', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' }, unit: { type: 'string' }, month: { type: 'string' } } }, description: 'multipart with the file in `file`, or the .xlsx itself as the body (unit and month in the query)' })
  @ApiAnswer(reconciliationResult, { status: 201 })
  @ApiErrors(400, 403, 413)
  @Roles('city_office', 'county_branch')
  @UseInterceptors(UploadLimitMessage, FileInterceptor('file', { limits: { fileSize: MAX_BYTES } }))
  async create(@Query() q: ReconciliationQueryDto, @Req() req: Request & AuthedRequest, @UploadedFile() upload?: { buffer: Buffer; originalname: string }) {
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const unit = q.unit ?? (typeof fields.unit === 'string' ? fields.unit : undefined);
    const month = q.month ?? (typeof fields.month === 'string' ? fields.month : undefined);
    if (!unit) throw new DomainError('BAD_PARAMETER', 'unit is required: the code of the unit whose table this is');
    assertMayReadUnit(req.user!, unit);
    const file = upload?.buffer ?? (req.is('multipart/form-data') ? undefined : await rawBody(req));
    if (!file?.length) throw new DomainError('BAD_PARAMETER', 'no file: send the .xlsx as the body, or as the multipart field "file"');
    return this.service.reconcile({ unit, month, file, fileName: upload?.originalname, actor: req.user!.sub });
  }

  /** Reconciliations, newest first: a county user sees its own unit's. */
  @Get()
  @Summary('核对记录', 'Reconciliations, newest first')
  @ApiAnswer(s.array(storedReconciliation))
  @ApiErrors(400, 403)
  @AnyRole()
  list(@Query() q: ReconciliationQueryDto, @Req() req: AuthedRequest) {
    const unit = q.unit ?? (isCityUser(req.user!) ? undefined : req.user!.unit ?? '__none__');
    if (unit) assertMayReadUnit(req.user!, unit);
    return this.service.list({ unit, month: q.month });
  }
}
