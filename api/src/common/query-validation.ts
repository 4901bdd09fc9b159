import { type ArgumentMetadata, ValidationPipe } from '@nestjs/common';

/** distinct query strings kept per DTO class: a client sending endless new ones only evicts */
const KEPT_PER_DTO = 500;

const PLAIN = new Set<unknown>([String, Number, Boolean, Array, Object]);

/**
 * The global ValidationPipe, remembering what it built for a query DTO: class-transformer and
 * class-validator cost about a tenth of a cached GET /api/scores' CPU (profiled at 50 connections), and a
 * reader asks the same few query strings over and over. Validation is a function of the DTO class and
 * the query's values (the validators are pure: api/src/ledger/common/validators.ts), so a query validated
 * once is valid again; each request gets its own copy of the DTO. Refusals are not kept (they are thrown
 * each time, as before), nor bodies or path parameters.
 */
export class MemoisedValidationPipe extends ValidationPipe {
  private readonly kept = new Map<unknown, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dto = metadata.metatype;
    if (metadata.type !== 'query' || typeof dto !== 'function' || PLAIN.has(dto) || value === null || typeof value !== 'object') return super.transform(value, metadata);
    let byQuery = this.kept.get(dto);
    if (!byQuery) this.kept.set(dto, (byQuery = new Map()));
    const key = JSON.stringify(value);
    const hit = byQuery.get(key);
    if (hit) return copyOf(hit);
    const built = (await super.transform(value, metadata)) as object;
    if (built === null || typeof built !== 'object') return built;
    if (byQuery.size >= KEPT_PER_DTO) byQuery.delete(byQuery.keys().next().value!);
    byQuery.set(key, copyOf(built));
    return built;
  }
}

/** the DTO's own fields copied onto a new instance of its class (arrays copied too: a query's values are flat) */
function copyOf<T extends object>(dto: T): T {
  const copy = Object.create(Object.getPrototypeOf(dto)) as T;
  for (const [k, v] of Object.entries(dto)) (copy as Record<string, unknown>)[k] = Array.isArray(v) ? [...v] : v;
  return copy;
}
