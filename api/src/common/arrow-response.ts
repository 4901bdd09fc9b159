// Content negotiation for the Arrow answers: a route marked @ArrowAnswer(CONTRACT) answers JSON as before,
// and an Arrow IPC stream (analytics/src/arrow.ts) when the request's Accept prefers
// application/vnd.apache.arrow.stream. One line a route; the contract is declared beside the JSON contract.
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { applyDecorators, type CallHandler, type ExecutionContext, type NestInterceptor, StreamableFile, UseInterceptors } from '@nestjs/common';
import { ApiProduces } from '@nestjs/swagger';
import { map, type Observable } from 'rxjs';
import { RecordBatchStreamWriter } from 'apache-arrow';
import { ARROW_STREAM, arrowBatches, type ArrowContract, JSON_PAGE_SIZE_MAX, tableName } from '../../../analytics/src/arrow.js';
import { DomainError } from './domain-error.js';
import { addVary } from './vary.js';
import { ApiArrowAlternative } from './openapi.js';

interface MediaRange {
  type: string;
  q: number;
  params: Map<string, string>;
}

function mediaRanges(accept: string): MediaRange[] {
  return accept.split(',').map((part) => {
    const [type, ...rest] = part.split(';').map((s) => s.trim());
    const params = new Map(rest.map((p) => p.split('=').map((s) => s.trim().replace(/^"|"$/g, '')) as [string, string]));
    const q = params.has('q') ? Number(params.get('q')) : 1;
    return { type: type.toLowerCase(), q: Number.isFinite(q) ? q : 0, params };
  });
}

/**
 * The Arrow table asked for ('' for the contract's first), or null when JSON is wanted: Arrow only when the
 * Accept header names it and ranks it above JSON (`*\/*` and no header stay JSON, as every client gets today).
 */
export function arrowAsked(accept: string | string[] | undefined): string | null {
  const text = Array.isArray(accept) ? accept.join(',') : accept;
  if (!text) return null;
  const ranges = mediaRanges(text);
  const arrow = ranges.find((r) => r.type === ARROW_STREAM);
  if (!arrow || arrow.q <= 0) return null;
  const json = ranges.find((r) => r.type === 'application/json');
  if (json && json.q > arrow.q) return null;
  return arrow.params.get('table') ?? '';
}

/**
 * The Arrow table a request asks for, or null when it asks for JSON; an unknown table is the caller's 400.
 * One negotiation for the interceptor and for the handlers that send their own bytes.
 */
function askedTable<J>(contract: ArrowContract<J>, req: { headers: Record<string, string | string[] | undefined> }, res: ServerResponse): string | null {
  // one address, two representations: a cache must key on Accept
  addVary(res, 'Accept');
  const asked = arrowAsked(req.headers.accept);
  if (asked === null) return null;
  try {
    return tableName(contract, asked);
  } catch (e) {
    throw new DomainError('BAD_PARAMETER', `${(e as Error).message} (ask with Accept: ${ARROW_STREAM}; table=NAME)`);
  }
}

/** The IPC stream as a Node stream: each batch is built when the response drains the one before (backpressure). */
export function arrowNodeStream<J>(contract: ArrowContract<J>, json: J, table?: string): Readable {
  return Readable.from(arrowBatches(contract, json, table)).pipe(RecordBatchStreamWriter.throughNode());
}

class ArrowInterceptor<J> implements NestInterceptor {
  constructor(private readonly contract: ArrowContract<J>) {}

  intercept(ctx: ExecutionContext, next: CallHandler<J>): Observable<unknown> {
    const http = ctx.switchToHttp();
    const res = http.getResponse<ServerResponse>();
    const req = http.getRequest<{ headers: Record<string, string | string[] | undefined>; query?: Record<string, unknown> }>();
    const table = askedTable(this.contract, req, res);
    if (table === null) {
      // a list's DTO lets pageSize reach the Arrow limit; a JSON page stays small (one array built whole)
      const size = Number(req.query?.pageSize);
      if (Number.isFinite(size) && size > JSON_PAGE_SIZE_MAX) {
        throw new DomainError('BAD_PARAMETER', `pageSize must not be greater than ${JSON_PAGE_SIZE_MAX} for a JSON answer (more only when asked with Accept: ${ARROW_STREAM})`);
      }
      return next.handle();
    }
    return next.handle().pipe(
      map((json) => {
        const meta = this.contract.meta?.(json) ?? {};
        if (typeof meta.total === 'number') res.setHeader('X-Total-Count', String(meta.total));
        res.setHeader('X-Arrow-Table', table);
        return new StreamableFile(arrowNodeStream(this.contract, json, table), { type: ARROW_STREAM });
      }),
    );
  }
}

/**
 * For a handler that sends its own bytes (@Res: the cached ranking): when the request asks for Arrow, sends
 * `json` as the contract's stream and says true; otherwise leaves the response alone. The document gets the
 * Arrow answer from ArrowDocumented() on the same route.
 */
export function sendArrowIfAsked<J>(req: { headers: Record<string, string | string[] | undefined> }, res: ServerResponse, contract: ArrowContract<J>, json: J, total?: number): boolean {
  const table = askedTable(contract, req, res);
  if (table === null) return false;
  if (total !== undefined) res.setHeader('X-Total-Count', String(total));
  res.setHeader('X-Arrow-Table', table);
  res.setHeader('Content-Type', ARROW_STREAM);
  arrowNodeStream(contract, json, table).pipe(res);
  return true;
}

/** The document's side of sendArrowIfAsked: JSON and the Arrow stream beside it (goes above ApiAnswer). */
export function ArrowDocumented(): MethodDecorator {
  return applyDecorators(ApiProduces('application/json', ARROW_STREAM), ApiArrowAlternative());
}

/**
 * The route also answers Accept: application/vnd.apache.arrow.stream with the contract's Arrow stream
 * (the same rows as its JSON, in the same order; paging and filters as for JSON).
 */
export function ArrowAnswer<J>(contract: ArrowContract<J>): MethodDecorator {
  // ApiArrowAlternative reads the 200 answer ApiAnswer declared: @ArrowAnswer goes above it
  return applyDecorators(UseInterceptors(new ArrowInterceptor(contract)), ApiProduces('application/json', ARROW_STREAM), ApiArrowAlternative());
}
