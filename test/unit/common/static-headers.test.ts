import { describe, expect, it } from '@jest/globals';
import helmet from 'helmet';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { replayedHeaders } from '../../../api/src/common/static-headers.js';

// server.ts sets helmet's headers by replaying what helmet set once at start (static-headers.ts): the
// answer must carry exactly helmet's headers, and a middleware whose headers depend on the request
// must be refused rather than frozen.
function headersAfter(mw: RequestHandler): Record<string, unknown> {
  const h: Record<string, unknown> = { 'x-powered-by': 'Express' };
  const res = { setHeader: (k: string, v: unknown) => { h[k.toLowerCase()] = v; }, removeHeader: (k: string) => { delete h[k.toLowerCase()]; }, getHeader: (k: string) => h[k.toLowerCase()] };
  let next = false;
  mw({ headers: {}, method: 'GET', url: '/' } as Request, res as unknown as Response, (() => { next = true; }) as NextFunction);
  expect(next).toBe(true);
  return h;
}

describe('replayed headers', () => {
  it("sets exactly helmet's headers, X-Powered-By removed", () => {
    const options = { contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } };
    const replayed = headersAfter(replayedHeaders(helmet(options)));
    expect(replayed).toEqual(headersAfter(helmet(options)));
    expect(replayed['x-powered-by']).toBeUndefined();
    expect(String(replayed['content-security-policy'])).toContain("img-src 'self' data:");
  });

  it('refuses a middleware that reads the request, or one that does not call next', () => {
    expect(() => replayedHeaders((req, res, next) => { res.setHeader('X-Path', req.path); next(); })).toThrow(/reads req.path/);
    expect(() => replayedHeaders(() => undefined)).toThrow(/did not call next/);
  });
});
