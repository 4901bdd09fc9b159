import { randomUUID } from 'node:crypto';
import { ConflictException, Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { AnalyticsService } from '../assessment/analytics.service.js';
import { BundleRefusedError, formatProblem, importBundle } from '../bundle/import-bundle.js';
import type { BundleProblem } from '../bundle/bundle-problem.js';
import { DATABASE } from '../common/tokens.js';
import { ZipRefusedError } from '../common/safe-zip.js';
import type { Database } from '../database/data-source.js';
import { JobStore, type ImportJob, type ImportProblem } from './import-job.js';
import { problemZh } from './problem-zh.js';
import { checkUnitScope } from './unit-scope.js';
import { inspectUpload, unpackUpload } from './unpack-upload.js';

export function toImportProblem(p: BundleProblem): ImportProblem {
  return { file: p.file, line: p.line ?? null, column: p.column ?? null, message: p.message, messageZh: problemZh(p.message), text: formatProblem(p) };
}

// One import at a time per server: a second is refused with 409 IMPORT_BUSY rather than queued. The
// import locks the ledger tables for its whole transaction anyway, and a clerk who sees "another import
// is running, try again in a minute" knows where they stand; a queue of uploads held in memory would not
// say when theirs will run, and would hold every waiting file in memory.
@Injectable()
export class ImportsService implements OnApplicationShutdown {
  private readonly log = new Logger('imports');
  private readonly jobs = new JobStore(100);
  private running?: Promise<void>;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(AnalyticsService) private readonly analytics: AnalyticsService,
  ) {}

  /** Checks the upload's zip bounds (before anything is inflated), then starts the job in the background. */
  start(o: { bytes: Buffer; fileName: string; unit: string | null; actor: string }): ImportJob {
    const { kind } = inspectUpload(o.bytes, o.fileName);
    if (this.running) throw new ConflictException({ code: 'IMPORT_BUSY', message: '另一个导入正在进行，请稍后再试（another import is running on this server; send the bundle again when it has finished）' });
    const job: ImportJob = {
      id: randomUUID(), status: 'checking', fileName: o.fileName, unit: o.unit, actor: o.actor,
      rowsTotal: 0, rowsChecked: 0, rowsWritten: 0, problems: [], counts: null, error: null,
      startedAt: new Date().toISOString(), finishedAt: null,
    };
    this.jobs.add(job);
    this.running = this.run(job, o.bytes, kind);
    return job;
  }

  /** The job ends (done, refused, failed) only once the server is free for the next import. */
  private async run(job: ImportJob, bytes: Buffer, kind: 'zip' | 'xlsx'): Promise<void> {
    let cleanup: (() => Promise<void>) | undefined;
    let end: Pick<ImportJob, 'status'> & Partial<ImportJob>;
    try {
      const unpacked = await unpackUpload(bytes, job.fileName, kind);
      cleanup = unpacked.cleanup;
      const result = await importBundle(this.db.dataSource, unpacked.bundlePath, {
        actor: job.actor,
        check: job.unit ? checkUnitScope(job.unit) : undefined,
        onChecked: (checked, total) => Object.assign(job, { rowsChecked: checked, rowsTotal: total }),
        onProgress: (done, total) => Object.assign(job, { status: 'writing', rowsChecked: total, rowsTotal: total, rowsWritten: done }),
      });
      end = { status: 'done', counts: result.files };
      this.analytics.invalidate();
    } catch (e) {
      if (e instanceof BundleRefusedError) {
        end = { status: 'refused', problems: e.problems.map(toImportProblem) };
      } else if (e instanceof ZipRefusedError) {
        // a lying header is found while unpacking: the archive is named, as the CLI names a workbook
        end = { status: 'refused', problems: [{ file: job.fileName, line: null, column: null, message: `refused: ${e.message}`, messageZh: e.messageZh, text: `${job.fileName}: refused: ${e.message}` }] };
      } else {
        this.log.error(`import ${job.id} failed: ${(e as Error)?.stack ?? e}`);
        end = { status: 'failed', error: 'the import could not be finished; nothing was written (the server log has the details)' };
      }
    }
    await cleanup?.().catch(() => undefined);
    this.running = undefined;
    Object.assign(job, end, { finishedAt: new Date().toISOString() });
    this.jobs.prune();
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** Resolves when the job has finished (done, refused or failed). */
  async settled(id: string): Promise<ImportJob | undefined> {
    await this.running;
    return this.jobs.get(id);
  }

  list(filter: (j: ImportJob) => boolean, limit: number): ImportJob[] {
    return this.jobs.list(filter, limit);
  }

  /** a shutdown waits for the running import's transaction instead of cutting it off */
  async onApplicationShutdown(): Promise<void> {
    await this.running;
  }
}
