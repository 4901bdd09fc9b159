import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { BundleRefusedError, formatProblem } from '../bundle/import-bundle.js';
import { ZipRefusedError } from './safe-zip.js';
import { DATABASE_UNAVAILABLE, DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from './database-unavailable.js';
import type { IncomingMessage } from 'node:http';
import { drainRequest } from './drain-request.js';

type ErrorResponse = { status(n: number): { json(b: unknown): void }; setHeader(name: string, value: string): void; headersSent?: boolean };
import { AnalyticsError, AnalyticsErrorCode } from '../../../analytics/src/errors.js';
import { messageZh } from './error-messages-zh.js';
import type { ErrorAnswer } from './error-answer.js';

// One place maps every error to HTTP: domain codes to their status, framework errors kept, anything
// else a 500 whose details go to the log and not to the client. Every `message` is Chinese for the person
// who reads it (the English detail follows in brackets); `code` stays the machine's.
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('http');
  private lastOutageLog = 0;

  catch(e: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<ErrorResponse>();
    const req = host.switchToHttp().getRequest<IncomingMessage>();
    // a refusal of a request whose body is still coming (an upload) is sent once that body is read and
    // discarded, so the client gets the answer instead of a reset; past the drain's bounds the answer
    // closes the connection (drain-request.ts)
    if (req && !req.complete && !req.readableEnded) {
      void drainRequest(req).then((whole) => {
        if (res.headersSent) return;
        if (!whole) res.setHeader('Connection', 'close');
        this.answer(e, res);
      });
      return;
    }
    this.answer(e, res);
  }

  private answer(e: unknown, res: ErrorResponse): void {
    const answer = (status: number, code: string, message: string, more: Pick<ErrorAnswer, 'field' | 'problems'> = {}) =>
      res.status(status).json({ statusCode: status, code, message: messageZh({ status, code, message, field: more.field }), ...more } satisfies ErrorAnswer);
    if (e instanceof DomainError) return answer(e.status, e.code, e.message, fieldOf(e.message));
    // the engine's refusals (an unknown hazard or unit, a month outside the campaign) are the caller's, not the server's
    if (e instanceof AnalyticsError) return answer(ANALYTICS_STATUS[e.code], e.code, e.message);
    if (e instanceof BundleRefusedError) {
      return answer(400, 'BUNDLE_REFUSED', `bundle refused: ${e.problems.length} problem(s); nothing was written`, { problems: e.problems.map(formatProblem) });
    }
    if (e instanceof ZipRefusedError) return res.status(e.status).json({ statusCode: e.status, code: e.code, message: e.bilingual } satisfies ErrorAnswer);
    if (e instanceof HttpException) {
      const body = e.getResponse();
      const status = e.getStatus();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      const code = (typeof body === 'object' && (body as { code?: string }).code) || httpCode(status);
      const text = Array.isArray(message) ? message.join('; ') : message;
      const field = (typeof body === 'object' && (body as { field?: string }).field) || undefined;
      return answer(status, code, typeof text === 'string' ? text : '', field ? { field } : typeof text === 'string' ? fieldOf(text) : {});
    }
    if (isDatabaseUnavailable(e)) {
      // an outage, not a bug: say so, and log one line every few seconds instead of a stack per request
      if (Date.now() - this.lastOutageLog > 5000) {
        this.lastOutageLog = Date.now();
        this.log.warn(`ledger database unavailable: ${(e as Error).message}`);
      }
      res.setHeader('Retry-After', '5');
      return res.status(503).json({ statusCode: 503, code: DATABASE_UNAVAILABLE, message: DATABASE_UNAVAILABLE_MESSAGE } satisfies ErrorAnswer);
    }
    this.log.error((e as Error)?.stack ?? String(e));
    answer(500, 'INTERNAL', 'internal error; the server log has the details');
  }
}

const ANALYTICS_STATUS: Record<AnalyticsErrorCode, number> = {
  BAD_MONTH: 400,
  MONTH_OUTSIDE_CAMPAIGN: 400,
  BAD_SCHEME: 400,
  UNKNOWN_UNIT: 404,
  UNKNOWN_HAZARD: 404,
};

/**
 * The body field a refusal names, for a form to show the message beside its input: our messages start
 * with `field: ` (`fundsWan: …`, `body.items[0].x: …`).
 */
export function fieldOf(message: string): { field?: string } {
  const m = /^([A-Za-z][A-Za-z0-9_]*(?:[.[][A-Za-z0-9_\]]+)*): /.exec(message);
  return m && m[1] !== 'body' ? { field: m[1] } : {};
}

function httpCode(status: number): string {
  return ({ 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 429: 'TOO_MANY_REQUESTS', 503: 'UNAVAILABLE' } as Record<number, string>)[status] ?? 'ERROR';
}
