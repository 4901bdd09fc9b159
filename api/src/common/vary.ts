import type { ServerResponse } from 'node:http';

/** Adds to the response's Vary instead of replacing it: the Arrow negotiation and the cached answer's
 *  compression each name the request header their answer depends on. */
export function addVary(res: Pick<ServerResponse, 'getHeader' | 'setHeader'>, header: string): void {
  const had = res.getHeader('Vary');
  // the usual case, once or twice a cached GET: nothing there yet
  if (had === undefined) {
    res.setHeader('Vary', header);
    return;
  }
  const now = String(had).split(',').map((v) => v.trim()).filter(Boolean);
  if (!now.some((v) => v.toLowerCase() === header.toLowerCase())) res.setHeader('Vary', [...now, header].join(', '));
}
