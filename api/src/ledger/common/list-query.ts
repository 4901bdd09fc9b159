import type { DataSource, EntityManager } from 'typeorm';
import type { Page } from './page.dto.js';

type Queryable = Pick<DataSource | EntityManager, 'query'>;

/** A WHERE clause built from conditions with `?` placeholders, numbered in order as $1, $2, … */
export class Where {
  readonly params: unknown[] = [];
  private readonly parts: string[] = [];

  /** Adds a condition; every `?` in it takes the next value (one value may be used by several `?`). */
  add(sql: string, ...values: unknown[]): this {
    let i = 0;
    const text = sql.replace(/\?/g, () => {
      const v = values[Math.min(i++, values.length - 1)];
      this.params.push(v);
      return `$${this.params.length}`;
    });
    this.parts.push(`(${text})`);
    return this;
  }

  /** Adds a condition without values. */
  raw(sql: string): this {
    this.parts.push(`(${sql})`);
    return this;
  }

  /** Adds the condition only when the value is given. */
  maybe(sql: string, value: unknown): this {
    return value === undefined || value === null || value === '' ? this : this.add(sql, value);
  }

  toString(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

export interface ListSpec<T> {
  /** the SELECT list, with camelCase aliases: `e.credit_code AS "creditCode"` */
  select: string;
  /** FROM and JOINs */
  from: string;
  where: Where;
  /** the sort key asked for ('name', '-name'), checked against `sorts` by the DTO */
  sort: string;
  /** sort keys to ORDER BY expressions; each must end on a unique column so that pages do not overlap */
  sorts: Record<string, string>;
  page?: number;
  pageSize?: number;
  map?: (row: Record<string, unknown>) => T;
}

/** Sort keys for the DTO: each key ascending, and with '-' descending. */
export function sortKeys(sorts: Record<string, string>): string[] {
  return Object.keys(sorts);
}

/** Both directions of each ORDER BY expression: `{ name: 'e.name, e.code' }` gives name and -name. */
export function bothWays(asc: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(asc)) {
    out[k] = v.split(',').map((c) => `${c.trim()} ASC`).join(', ');
    out[`-${k}`] = v.split(',').map((c) => `${c.trim()} DESC`).join(', ');
  }
  return out;
}

export async function listPage<T = Record<string, unknown>>(db: Queryable, s: ListSpec<T>): Promise<Page<T>> {
  const page = s.page ?? 1;
  const pageSize = s.pageSize ?? 20;
  const where = s.where.toString();
  const [{ n }] = (await db.query(`SELECT count(*)::int AS n FROM ${s.from} ${where}`, s.where.params)) as { n: number }[];
  const order = s.sorts[s.sort] ?? Object.values(s.sorts)[0];
  const rows = (await db.query(
    `SELECT ${s.select} FROM ${s.from} ${where} ORDER BY ${order} LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
    s.where.params,
  )) as Record<string, unknown>[];
  return { items: rows.map((r) => (s.map ? s.map(r) : (r as T))), total: n, page, pageSize };
}

/** numeric columns come back as strings (no float rounding in the driver); money is shown as a number */
export function toNumber(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}
