import { Controller, Get, Inject, Query, Req, StreamableFile } from '@nestjs/common';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { AnyRole, Roles } from '../auth/access.decorator.js';
import type { AuthedRequest } from '../auth/auth.guard.js';
import { scopeUnit } from '../auth/scope.js';
import { DomainError } from '../common/domain-error.js';
import { CLOCK, DATABASE, type Clock } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { HazardFilterDto, hazardFilter } from '../ledger/hazards/hazards.controller.js';
import { ledgerAsOf } from '../ledger/hazards/hazards.repository.js';
import { BriefingQueryDto } from './briefing-query.dto.js';
import { ExportsService } from './exports.service.js';
import { ApiErrors, ApiFile, Summary } from '../common/openapi.js';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';

export class ExportQueryDto {
  @ApiProperty({ description: 'YYYY-MM', pattern: '^\\d{4}-\\d{2}$' }) @Matches(/^\d{4}-\d{2}$/, { message: 'month must be YYYY-MM' }) month: string;
}

/** `codes=true`: the machine columns of the JSON and the bundle, for integrations (default: Chinese, for people) */
const CODES = ['true', 'false'];
const codesMessage = { message: 'codes must be true or false' };

export class CsvQueryDto extends ExportQueryDto {
  @ApiPropertyOptional({ enum: CODES, description: 'true: machine columns (default: Chinese columns)' }) @IsOptional() @IsIn(CODES, codesMessage) codes?: string;
}

/** the month-end ledger (`month`), or the ledger list's view for its filters (no `month`) */
export class HazardsExportQueryDto extends HazardFilterDto {
  @ApiPropertyOptional({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM: the ledger at the month\'s end (no list filters with it)' }) @IsOptional() @Matches(/^\d{4}-\d{2}$/, { message: 'month must be YYYY-MM' }) month?: string;
  @ApiPropertyOptional({ enum: CODES, description: 'true: machine columns (default: Chinese columns)' }) @IsOptional() @IsIn(CODES, codesMessage) codes?: string;
}

const dialect = (q: { codes?: string }) => ({ codes: q.codes === 'true' });

const LIST_FILTERS = ['unit', 'source', 'status', 'overdue', 'listed', 'q', 'sort'] as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const CSV = 'text/csv; charset=utf-8';
const PARQUET = 'application/vnd.apache.parquet';

/** A download: an ASCII file name for old clients and the Chinese one (RFC 6266 filename*) for the rest. */
function download(data: Buffer | string, type: string, ascii: string, chinese: string): StreamableFile {
  return new StreamableFile(Buffer.from(data), { type, disposition: `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(chinese)}` });
}

@ApiTags('exports 导出')
@Controller('api/exports')
export class ExportsController {
  constructor(
    @Inject(ExportsService) private readonly exports: ExportsService,
    @Inject(DATABASE) private readonly db: Database,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // every unit's dispatch figures and scores are readable by every user (domain.md section 3)
  @Get('dispatch.xlsx')
  @Summary('导出调度表', 'The month\'s dispatch table as the province\'s workbook')
  @ApiFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '调度表 workbook')
  @ApiErrors(400)
  @AnyRole()
  async dispatchXlsx(@Query() q: ExportQueryDto) {
    return download(await this.exports.dispatchWorkbook(q.month), XLSX, `dispatch-${q.month}.xlsx`, `调度表-${q.month}.xlsx`);
  }

  // the briefing carries the traceback lists, which the city roles read
  @Get('briefing.docx')
  @Summary('导出通报', 'The month\'s briefing (通报) as a Word document')
  @ApiFile('application/vnd.openxmlformats-officedocument.wordprocessingml.document', '通报 document')
  @ApiErrors(400, 409)
  @Roles('city_office', 'group_leader', 'viewer')
  async briefingDocx(@Query() q: BriefingQueryDto, @Req() req: AuthedRequest) {
    const options = { issuedOn: q.date, docPrefix: q.docPrefix, docNo: q.docNo, copyTo: q.copyTo, issuedBy: req.user!.sub };
    return download(await this.exports.briefing(q.month, options), DOCX, `briefing-${q.month}.docx`, `通报-${q.month}.docx`);
  }

  @Get('dispatch.csv')
  @Summary('导出调度表 CSV', 'The month\'s dispatch figures as CSV (codes=true: machine columns)')
  @ApiFile('text/csv', 'UTF-8 CSV')
  @ApiErrors(400)
  @AnyRole()
  async dispatchCsv(@Query() q: CsvQueryDto) {
    return download(await this.exports.dispatchCsv(q.month, dialect(q)), CSV, `dispatch-${q.month}.csv`, `调度表-${q.month}.csv`);
  }

  @Get('scores.csv')
  @Summary('导出打分排队 CSV', 'The month\'s ranking as CSV')
  @ApiFile('text/csv', 'UTF-8 CSV')
  @ApiErrors(400)
  @AnyRole()
  async scoresCsv(@Query() q: CsvQueryDto) {
    return download(await this.exports.scoresCsv(q.month, dialect(q)), CSV, `scores-${q.month}.csv`, `打分排队-${q.month}.csv`);
  }

  // for analysts: the month's dispatch figures and scores as one Parquet table (DuckDB's COPY … TO parquet)
  @Get('figures.parquet')
  @Summary('导出调度与得分（Parquet）', 'The month\'s dispatch figures and scores as one Parquet table, for analysts')
  @ApiFile('application/vnd.apache.parquet', 'figures Parquet file')
  @ApiErrors(400)
  @AnyRole()
  async figuresParquet(@Query() q: ExportQueryDto) {
    return download(await this.exports.figuresParquet(q.month), PARQUET, `figures-${q.month}.parquet`, `figures-${q.month}.parquet`);
  }

  // the traceback's lists, which the city roles read (as GET /api/trace)
  @Get('trace.xlsx')
  @Summary('导出责任追溯', 'The month\'s traceback lists as a workbook')
  @ApiFile('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '责任追溯 workbook')
  @ApiErrors(400)
  @Roles('city_office', 'group_leader', 'viewer')
  async traceXlsx(@Query() q: ExportQueryDto) {
    return download(await this.exports.traceWorkbook(q.month), XLSX, `trace-${q.month}.xlsx`, `责任追溯-${q.month}.xlsx`);
  }

  // a county user gets its own cases and those about enterprises in its jurisdiction, as with hazards
  @Get('typical-cases.csv')
  @Summary('导出典型执法案例', 'The month\'s typical enforcement cases as CSV')
  @ApiFile('text/csv', 'UTF-8 CSV')
  @ApiErrors(400)
  @AnyRole()
  async typicalCasesCsv(@Query() q: ExportQueryDto, @Req() req: AuthedRequest) {
    return download(await this.exports.typicalCasesCsv(q.month, scopeUnit(req.user!)), CSV, `typical-cases-${q.month}.csv`, `典型执法案例-${q.month}.csv`);
  }

  // With `month`: the ledger as it stood at the month's end (a county user gets its own records and those
  // about enterprises in its jurisdiction). Without: the rows GET /api/hazards lists for the same filters,
  // in its order, every page. The two are not mixed: the list's filters judge the ledger as it stands now,
  // which a month-end file would contradict.
  @Get('hazards.csv')
  @Summary('导出隐患台账', 'The hazard ledger as CSV: at a month\'s end, or the list\'s view for its filters')
  @ApiFile('text/csv', 'UTF-8 CSV')
  @ApiErrors(400)
  @AnyRole()
  async hazardsCsv(@Query() q: HazardsExportQueryDto, @Req() req: AuthedRequest) {
    if (q.month) {
      const mixed = LIST_FILTERS.filter((k) => q[k] !== undefined);
      if (mixed.length) throw new DomainError('BAD_PARAMETER', `month: the month-end ledger takes no list filters (${mixed.join(', ')}); leave out month to export the list's view`);
      return download(await this.exports.hazardsCsv(q.month, scopeUnit(req.user!), dialect(q)), CSV, `hazards-${q.month}.csv`, `重大事故隐患台账-${q.month}.csv`);
    }
    const asOf = await ledgerAsOf(this.db.dataSource, this.clock.now());
    const csv = await this.exports.hazardsListCsv(hazardFilter(q, req.user!, asOf), q.sort ?? '-found_on', asOf, dialect(q));
    return download(csv, CSV, `hazards-${asOf}.csv`, `重大事故隐患台账-${asOf}.csv`);
  }
}
