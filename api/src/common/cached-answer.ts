import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { addVary } from './vary.js';

// An answer serialised once for one state of the figures and sent as bytes to every reader of that
// state: no JSON.stringify, hash or compression per request (at nation scale the ranking was 1.1 MB
// and 9.8 ms of JSON.stringify a request). A reader that holds it already gets 304 (If-None-Match).

const gzip = promisify(zlib.gzip);
const brotli = promisify(zlib.brotliCompress);

/** below this a compressed answer saves less than it costs the two ends */
const MIN_COMPRESSED_BYTES = 1024;

export type ContentEncoding = 'br' | 'gzip';

export class CachedAnswer {
  /** weak: the same figures compressed or not are the same answer (RFC 9110 8.8.1) */
  readonly etag: string;
  private readonly encoded = new Map<ContentEncoding, Promise<Buffer>>();

  /** value: what the bytes were serialised from, for a reader that asks for another representation (Arrow) */
  constructor(readonly body: Buffer, readonly contentType = 'application/json; charset=utf-8', readonly value?: unknown) {
    this.etag = `W/"${createHash('sha1').update(body).digest('base64url')}"`;
  }

  static json(value: unknown): CachedAnswer {
    return new CachedAnswer(Buffer.from(JSON.stringify(value), 'utf8'), undefined, value);
  }

  /** The body compressed, once, by the first reader that accepts the encoding. */
  encodedAs(encoding: ContentEncoding): Promise<Buffer> {
    let hit = this.encoded.get(encoding);
    if (!hit) {
      // brotli's default quality (11) takes hundreds of ms for a megabyte, paid by the first reader after
      // every edit; quality 5 is within a few per cent of its size at a tenth of the time
      hit = encoding === 'br'
        ? brotli(this.body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: this.body.length } })
        : gzip(this.body, { level: 6 });
      this.encoded.set(encoding, hit);
      hit.catch(() => this.encoded.delete(encoding));
    }
    return hit;
  }
}

/** The encoding to send for an Accept-Encoding header: br before gzip, neither when refused (q=0). */
export function preferredEncoding(header: string | undefined): ContentEncoding | undefined {
  if (!header) return undefined;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), weight === undefined ? 1 : Number(weight.slice(2)) || 0);
  }
  const accepts = (e: ContentEncoding) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  if (accepts('br')) return 'br';
  if (accepts('gzip')) return 'gzip';
  return undefined;
}

/** If-None-Match holds the answer's tag (weak comparison, as RFC 9110 13.1.2 asks for GET). */
export function notModified(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  const want = opaque(etag);
  return header.split(',').some((t) => opaque(t) === want);
}

/**
 * Sends a cached answer on the Node response (either HTTP adapter's underlying one): 304 when the
 * reader has it, else its bytes, compressed when the reader accepts it. `no-cache`: a browser keeps it
 * but asks each time, so a figure changed by an edit is never shown stale.
 */
export async function sendCachedAnswer(req: { headers: Record<string, string | string[] | undefined> }, res: ServerResponse, answer: CachedAnswer): Promise<void> {
  const header = (name: string) => [req.headers[name]].flat().join(',') || undefined;
  res.setHeader('ETag', answer.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  addVary(res, 'Accept-Encoding');
  if (notModified(header('if-none-match'), answer.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  const encoding = answer.body.length >= MIN_COMPRESSED_BYTES ? preferredEncoding(header('accept-encoding')) : undefined;
  const bytes = encoding ? await answer.encodedAs(encoding) : answer.body;
  res.statusCode = 200;
  res.setHeader('Content-Type', answer.contentType);
  if (encoding) res.setHeader('Content-Encoding', encoding);
  res.setHeader('Content-Length', bytes.length);
  res.end(bytes);
}
