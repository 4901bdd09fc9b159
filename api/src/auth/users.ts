import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { appendAudit } from '../audit/audit-chain.js';
import { DomainError } from '../common/domain-error.js';
import { isRole, ROLES, UNIT_ROLES, type Role } from './roles.js';

export interface User {
  id: number;
  username: string;
  role: Role;
  unitCode: string | null;
}

export class UserInputError extends Error {}

/** `actor` is who created the account, for the audit trail (the CLI's OS user, first start, a test). */
export async function createUser(ds: DataSource, u: { username: string; role: string; unitCode?: string; password: string }, actor = 'system'): Promise<User> {
  if (!/^[A-Za-z0-9_.@\-\u4e00-\u9fff]{2,64}$/.test(u.username)) throw new UserInputError(`username "${u.username}" must be 2–64 letters, digits, 汉字 or . _ - @`);
  if (!isRole(u.role)) throw new UserInputError(`role "${u.role}" is not one of ${ROLES.join(', ')}`);
  if ((UNIT_ROLES as readonly string[]).includes(u.role) && !u.unitCode) throw new UserInputError(`role ${u.role} is bound to a unit: give --unit CODE`);
  // the low-level check only: the password rule (password-rule.ts) is applied by every path a person
  // uses (API, CLI, first start); tests create users with short fixed passwords through here
  if (u.password.length < 8) throw new UserInputError('the password must have at least 8 characters');
  if (u.unitCode) {
    const unit = await ds.query(`SELECT 1 FROM units WHERE code = $1`, [u.unitCode]);
    if (!unit.length) throw new DomainError('UNKNOWN_UNIT', `unit ${u.unitCode} is not in the ledger`);
  }
  const hash = await argon2.hash(u.password, { type: argon2.argon2id });
  // the account and its audit entry (never the password) in one transaction, as the API's user.create
  return ds.transaction(async (m) => {
    const rows = await m.query(
      `INSERT INTO users (username, password_hash, role, unit_code) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.username, hash, u.role, u.unitCode ?? null],
    );
    if (!rows.length) throw new DomainError('CONFLICT', `user "${u.username}" exists already`);
    const user: User = { id: Number(rows[0].id), username: u.username, role: u.role as Role, unitCode: u.unitCode ?? null };
    await appendAudit(m, [{ actor, action: 'user.create', tableName: 'users', recordKey: u.username, before: null, after: { id: String(user.id), username: user.username, role: user.role, unitCode: user.unitCode } }]);
    return user;
  });
}

export async function countUsers(ds: DataSource): Promise<number> {
  const [r] = await ds.query(`SELECT count(*)::int AS n FROM users`);
  return r.n;
}
