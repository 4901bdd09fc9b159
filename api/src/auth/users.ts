import argon2 from 'argon2';
import type { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-error.js';
import { isRole, ROLES, UNIT_ROLES, type Role } from './roles.js';

export interface User {
  id: number;
  username: string;
  role: Role;
  unitCode: string | null;
}

export class UserInputError extends Error {}

export async function createUser(ds: DataSource, u: { username: string; role: string; unitCode?: string; password: string }): Promise<User> {
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
  const rows = await ds.query(
    `INSERT INTO users (username, password_hash, role, unit_code) VALUES ($1, $2, $3, $4) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [u.username, hash, u.role, u.unitCode ?? null],
  );
  if (!rows.length) throw new DomainError('CONFLICT', `user "${u.username}" exists already`);
  return { id: Number(rows[0].id), username: u.username, role: u.role, unitCode: u.unitCode ?? null };
}

export async function countUsers(ds: DataSource): Promise<number> {
  const [r] = await ds.query(`SELECT count(*)::int AS n FROM users`);
  return r.n;
}
