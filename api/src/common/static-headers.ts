import type { NextFunction, Request, RequestHandler, Response } from 'express';

type HeaderOp = [name: string, value: string | number | readonly string[] | undefined];

/**
 * A middleware whose headers do not depend on the request (helmet's: the same CSP, HSTS, frame and
 * referrer headers on every answer), run once at start on a recording response and replayed on each
 * request as one loop. helmet runs a chain of a dozen functions a request for the same headers; the
 * replay sets exactly what helmet set (names, values, removals), in its order. Refuses a middleware
 * that does not call next() at once or that reads the request: its headers would not be static.
 */
export function replayedHeaders(middleware: RequestHandler): RequestHandler {
  const ops: HeaderOp[] = [];
  const req = new Proxy({}, { get: (_t, p) => { throw new Error(`replayedHeaders: the middleware reads req.${String(p)}, so its headers may depend on the request`); } });
  const res = {
    setHeader: (name: string, value: HeaderOp[1]) => { ops.push([name, value]); return res; },
    removeHeader: (name: string) => { ops.push([name, undefined]); },
  };
  let nextCalled = false;
  middleware(req as Request, res as unknown as Response, ((e?: unknown) => { if (e) throw e; nextCalled = true; }) as NextFunction);
  if (!nextCalled) throw new Error('replayedHeaders: the middleware did not call next() at once');
  return (_req: Request, response: Response, next: NextFunction) => {
    for (const [name, value] of ops) {
      if (value === undefined) response.removeHeader(name);
      else response.setHeader(name, value);
    }
    next();
  };
}
