import { BadRequestException, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { ErrorRequestHandler } from 'express';

// Input the validators never see go wrong in the layers under them: a NUL character reaches PostgreSQL,
// which refuses it in text (a 500), and JSON nested thousands deep overflows the stack of the
// transformer that builds the DTO (a 500). Both are refused here, before validation, naming the field.
// So is a field named __proto__: JSON.parse makes it an ordinary key, but the transformer drops it
// without a word where every other unknown field is refused, and code that copies a body with plain
// assignment would set the object's prototype from it.

/** deeper than any body of the API (a scheme's params are three levels) by a wide margin */
export const MAX_DEPTH = 32;

/** where a value sits, as a client would name it: `signedBy[1]`, `params.I1.rectified` */
function pathOf(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base ? `${base}.${key}` : key;
}

/** The first problem in a value from a request, or undefined. Iterative, so it cannot overflow itself. */
export function hostileInputProblem(value: unknown, base = ''): string | undefined {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: base, depth: 0 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return `${path || 'body'}: text may not contain the NUL character (U+0000)`;
    } else if (Array.isArray(v) || (v !== null && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v)))) {
      if (depth >= MAX_DEPTH) return `${path || 'body'}: nested deeper than ${MAX_DEPTH} levels`;
      for (const [k, inner] of Object.entries(v)) {
        if (k.includes('\u0000')) return `${path || 'body'}: a field name may not contain the NUL character (U+0000)`;
        if (k === '__proto__') return `${pathOf(path, k)}: a field may not be named __proto__`;
        stack.push({ v: inner, path: pathOf(path, Array.isArray(v) ? Number(k) : k), depth: depth + 1 });
      }
    }
  }
  return undefined;
}

/** Runs before the ValidationPipe on every body, query and path parameter. */
export class HostileInputPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    // a DTO is built from a JSON object; an array or a bare value would be refused without a field named
    const dto = metadata.type === 'body' && typeof metadata.metatype === 'function' && ![Object, String, Number, Boolean, Array].includes(metadata.metatype as never);
    if (dto && value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new BadRequestException(`body: the request body must be a JSON object of named fields, not ${Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`}`);
    }
    const problem = hostileInputProblem(value, metadata.data ?? '');
    if (problem) throw new BadRequestException(problem);
    return value;
  }
}

/**
 * The JSON body parser's refusals, answered like every other error of the API ({statusCode, code,
 * message}) instead of Express's HTML page: a body over the limit is 413, one that is not JSON 400.
 */
export function bodyParserErrors(limit: string): ErrorRequestHandler {
  return (err: { type?: string; status?: number; message?: string; length?: number }, _req, res, next) => {
    const answer = (status: number, code: string, message: string) => res.status(status).json({ statusCode: status, code, message });
    if (err.type === 'entity.too.large') return answer(413, 'PAYLOAD_TOO_LARGE', `the request body is over the ${limit} limit${err.length ? ` (${err.length} bytes)` : ''}; send less, or split it`);
    if (err.type === 'entity.parse.failed') return answer(400, 'BAD_REQUEST', `the request body is not valid JSON: ${err.message}`);
    if (err.type === 'charset.unsupported' || err.type === 'encoding.unsupported') return answer(400, 'BAD_REQUEST', `the request body cannot be read: ${err.message}; send UTF-8 JSON`);
    if (err.status && err.status >= 400 && err.status < 500) return answer(err.status, 'BAD_REQUEST', `the request body cannot be read: ${err.message}`);
    next(err);
  };
}
