import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, securityEvent, withRequestId } from './security-log.js';

/** What the guard found out about a refused request, for the one log line written when it ends. */
export interface SecurityNote {
  user?: string;
  reason?: string;
  /** the route wrote its own, more precise event (a failed sign-in): none is added at the end */
  logged?: boolean;
}

type NotedRequest = Request & { securityNote?: SecurityNote };

export function noteSecurity(req: unknown, note: SecurityNote): void {
  (req as NotedRequest).securityNote = { ...(req as NotedRequest).securityNote, ...note };
}

// An upload is refused with 400 (wrong file, no file) or 413 (too large) on a multipart request.
const isUpload = (req: Request) => /^multipart\//i.test(req.headers['content-type'] ?? '');

/** The request's id (the client's X-Request-Id when it is a sane one, else a new UUID), echoed in the answer. */
export function assignRequestId(req: IncomingMessage, res: ServerResponse): string {
  const given = req.headers['x-request-id'];
  const requestId = acceptRequestId(Array.isArray(given) ? given[0] : given);
  res.setHeader('X-Request-Id', requestId);
  return requestId;
}

/**
 * Gives every request an id (the client's X-Request-Id when it is a sane one, else a new UUID), echoes
 * it in the answer, and runs the request in its context so that security events carry it. When the
 * answer is a 401, a 403 or a refused upload, logs one security event for it.
 */
export function requestContext(req: Request, res: Response, next: NextFunction): void {
  const requestId = assignRequestId(req, res);
  res.on('finish', () => {
    const status = res.statusCode;
    const kind = status === 401 ? 'auth.unauthorized' : status === 403 ? 'auth.forbidden' : (status === 413 || status === 400) && isUpload(req) ? 'upload.refused' : undefined;
    if (!kind) return;
    const { logged, ...note } = (req as NotedRequest).securityNote ?? {};
    if (logged) return;
    withRequestId(requestId, () => securityEvent(kind, { status, method: req.method, path: req.path, ip: req.ip, ...note, ...(kind === 'upload.refused' ? { bytes: Number(req.headers['content-length'] ?? 0) || undefined } : {}) }));
  });
  withRequestId(requestId, next);
}
