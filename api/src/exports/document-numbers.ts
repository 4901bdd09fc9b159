import type { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';

// 发文字号 of the briefings (GB/T 9704-2012 7.2.4: 机关代字〔年份〕序号号), kept in the register table
// document_numbers so that no number is given twice. A month's briefing keeps its number: downloading
// it again (a draft, then the published one) shows the same 文号 instead of using up a new one.

export const DEFAULT_DOC_PREFIX = '晋危废专办';

export interface DocNumberRequest {
  prefix: string;
  /** the issuing year (the 〔2023〕) */
  year: number;
  month: string;
  /** a number the office chose; absent: the month's number, or the next free one */
  number?: number;
  issuedBy: string;
}

export interface DocNumber { prefix: string; year: number; number: number }

/** 晋危废专办〔2023〕7号 */
export function formatDocNumber(n: DocNumber): string {
  return `${n.prefix}〔${n.year}〕${n.number}号`;
}

/**
 * The number of a month's briefing, registered on first use. Allocations of one prefix and year take a
 * transaction-scoped advisory lock, so concurrent requests see each other's numbers: two requests for
 * "the next number" never both take max + 1, and two for one month never register two numbers.
 */
export async function issueDocNumber(ds: DataSource, r: DocNumberRequest): Promise<DocNumber> {
  return ds.transaction(async (m) => {
    await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`document_numbers:${r.prefix}:${r.year}`]);
    const key = { prefix: r.prefix, year: r.year };
    if (r.number !== undefined) {
      const [held] = await m.query(`SELECT month FROM document_numbers WHERE prefix = $1 AND year = $2 AND number = $3`, [r.prefix, r.year, r.number]);
      if (held && held.month !== r.month) {
        throw new DomainError('DOC_NUMBER_TAKEN', `文号 ${formatDocNumber({ ...key, number: r.number })} 已用于${held.month}的通报，请另选序号或不填序号由系统顺排`);
      }
      if (!held) await m.query(`INSERT INTO document_numbers (prefix, year, number, month, issued_by) VALUES ($1, $2, $3, $4, $5)`, [r.prefix, r.year, r.number, r.month, r.issuedBy]);
      return { ...key, number: r.number };
    }
    // the month's latest number, when it has one already
    const [own] = await m.query(`SELECT max(number) AS n FROM document_numbers WHERE prefix = $1 AND year = $2 AND month = $3`, [r.prefix, r.year, r.month]);
    if (own?.n != null) return { ...key, number: Number(own.n) };
    const [{ n }] = await m.query(
      `INSERT INTO document_numbers (prefix, year, number, month, issued_by)
       SELECT $1, $2, coalesce(max(number), 0) + 1, $3, $4 FROM document_numbers WHERE prefix = $1 AND year = $2 RETURNING number AS n`,
      [r.prefix, r.year, r.month, r.issuedBy]);
    return { ...key, number: Number(n) };
  });
}
