import { DomainError } from '../common/domain-error.js';
import type { SchemeParams } from '../../../analytics/src/default-scheme.js';

type Partial2<T> = { [K in keyof T]?: T[K] extends object ? Partial<T[K]> : T[K] };

/**
 * A proposed scheme: the base scheme with the given parameters replaced. Every weight must be a number
 * ≥ 0 with at most 4 decimals (they enter the exact arithmetic as fractions over 10 000).
 */
export function mergeSchemeParams(base: SchemeParams, change: Partial2<SchemeParams> | undefined): SchemeParams {
  const out = structuredClone(base) as unknown as Record<string, unknown>;
  for (const [k, v] of Object.entries(change ?? {})) {
    // not a weight: whole days, and schemes made before alerts had a grace period do not carry it
    if (k === 'alertGraceDays') {
      if (!Number.isInteger(v) || (v as number) < 0 || (v as number) > 365) throw new DomainError('BAD_PARAMETER', `params.alertGraceDays must be whole days 0 … 365, got ${JSON.stringify(v)}`);
      out[k] = v;
      continue;
    }
    if (!(k in out)) throw new DomainError('BAD_PARAMETER', `params.${k} is not a scheme parameter; known: ${Object.keys(base).join(', ')}`);
    if (typeof out[k] === 'object') {
      if (typeof v !== 'object' || v === null) throw new DomainError('BAD_PARAMETER', `params.${k} must be an object`);
      const inner = out[k] as Record<string, unknown>;
      for (const [k2, v2] of Object.entries(v)) {
        if (!(k2 in inner)) throw new DomainError('BAD_PARAMETER', `params.${k}.${k2} is not a scheme parameter; known: ${Object.keys(inner).join(', ')}`);
        inner[k2] = checkWeight(`params.${k}.${k2}`, v2);
      }
    } else out[k] = checkWeight(`params.${k}`, v);
  }
  return out as unknown as SchemeParams;
}

function checkWeight(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || Math.round(v * 10000) !== v * 10000) {
    throw new DomainError('BAD_PARAMETER', `${field} must be a number ≥ 0 with at most 4 decimals, got ${JSON.stringify(v)}`);
  }
  return v;
}
