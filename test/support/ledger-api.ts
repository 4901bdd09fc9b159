import type { DataSource } from 'typeorm';
import { creditCodeCheckChar } from '../../api/src/bundle/credit-code.js';
import type { TestServer } from './server.js';

// Helpers for the ledger API tests (workflows-*, role-matrix, audit-*).

export type Client = Awaited<ReturnType<TestServer['login']>>;

export interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T & { code?: string; message?: string };
}

export async function call<T = Record<string, unknown>>(c: Client, method: string, path: string, body?: unknown): Promise<Answer<T>> {
  const r = await c(path, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await r.text();
  let parsed: unknown = text;
  try { parsed = text ? JSON.parse(text) : null; } catch { /* not JSON (the docs page) */ }
  return { status: r.status, body: parsed as Answer<T>['body'] };
}

export const post = <T = Record<string, unknown>>(c: Client, path: string, body: unknown = {}) => call<T>(c, 'POST', path, body);
export const patch = <T = Record<string, unknown>>(c: Client, path: string, body: unknown = {}) => call<T>(c, 'PATCH', path, body);
export const get = <T = Record<string, unknown>>(c: Client, path: string) => call<T>(c, 'GET', path);

let users = 0;
/** A new user of that role (bound to `unit` for county_branch and inspector), signed in. */
export async function signIn(s: TestServer, role: string, unit?: string): Promise<Client> {
  const name = `${role}-${unit ?? 'city'}-${++users}`;
  const pw = await s.createUser(name, role, unit);
  return s.login(name, pw);
}

/** A valid 统一社会信用代码 from 17 characters of the code set (the check character is computed). */
export function creditCode(first17: string): string {
  const check = creditCodeCheckChar(first17);
  if (!check) throw new Error(`${first17}: not 17 characters of the GB 32100-2015 code set`);
  return first17 + check;
}

export async function auditCount(ds: DataSource): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM audit_log`);
  return n;
}

/** Everything a transition may touch for one hazard, to show that a refused one changed nothing. */
export async function hazardSnapshot(ds: DataSource, ledgerNo: string): Promise<unknown> {
  return {
    hazard: await ds.query(`SELECT * FROM hazards WHERE ledger_no = $1`, [ledgerNo]),
    signoffs: await ds.query(`SELECT step, signer, signed_on FROM hazard_signoffs WHERE hazard_ledger_no = $1 ORDER BY id`, [ledgerNo]),
    assignment: await ds.query(`SELECT * FROM assignments WHERE hazard_ledger_no = $1`, [ledgerNo]),
    feedback: await ds.query(`SELECT feedback_on, document_no FROM feedback WHERE hazard_ledger_no = $1 ORDER BY id`, [ledgerNo]),
    audit: await auditCount(ds),
  };
}
