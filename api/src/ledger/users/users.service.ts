import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TokenClaims } from '../../auth/tokens.js';
import { UNIT_ROLES, type Role } from '../../auth/roles.js';
import { assertStrongPassword } from '../../auth/password-rule.js';
import { PasswordQueue } from '../../auth/password-queue.js';
import { UserAccess } from '../../auth/user-access.js';
import { DomainError } from '../../common/domain-error.js';
import { securityEvent } from '../../common/security-log.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { LedgerWriter, type LedgerTx } from '../common/ledger-writer.js';
import { USER_SORTS, type CreateUserDto, type UpdateUserDto, type UserQueryDto } from './users.dto.js';

export interface UserView { id: string; username: string; role: string; unitCode: string | null; createdAt: string; disabled: boolean; email: string | null }

const SELECT = `u.id::text AS id, u.username, u.role, u.unit_code AS "unitCode", to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt", u.disabled_at IS NOT NULL AS disabled, u.email`;

/** What the audit trail keeps of a user: never the password or its hash. */
const audited = (u: UserView) => ({ id: u.id, username: u.username, role: u.role, unitCode: u.unitCode, disabled: u.disabled, email: u.email });

async function lockUser(m: EntityManager, username: string): Promise<UserView> {
  const [user] = (await m.query(`SELECT ${SELECT} FROM users u WHERE u.username = $1 FOR UPDATE`, [username])) as UserView[];
  if (!user) throw new DomainError('UNKNOWN_USER', `no user "${username}"`);
  return user;
}

const isUnitRole = (r: string) => (UNIT_ROLES as readonly string[]).includes(r);

/**
 * Accounts, managed by the city office; each user changes their own password. A password is stored only
 * as its argon2id hash and never shown, audited or logged. Every change is audited through the ledger
 * writer; a change that must end the user's sessions (disabled, role or unit changed, password reset,
 * sign out everywhere) raises the user's token version, and the token cache forgets the user before the
 * answer is sent, so their next request is refused.
 */
@Injectable()
export class UsersService {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(LedgerWriter) private readonly writer: LedgerWriter,
    @Inject(PasswordQueue) private readonly passwords: PasswordQueue,
    @Inject(UserAccess) private readonly access: UserAccess,
  ) {}

  list(q: UserQueryDto) {
    const w = new Where().maybe('u.role = ?', q.role).maybe('u.unit_code = ?', q.unit);
    return listPage<UserView>(this.db.dataSource, { select: SELECT, from: 'users u', where: w, sort: q.sort ?? 'username', sorts: USER_SORTS, page: q.page, pageSize: q.pageSize });
  }

  async create(by: TokenClaims, d: CreateUserDto): Promise<UserView> {
    const bound = isUnitRole(d.role);
    if (bound && !d.unitCode) throw new DomainError('BAD_PARAMETER', `unitCode: required, role ${d.role} is bound to a unit`);
    if (!bound && d.unitCode) throw new DomainError('BAD_PARAMETER', `unitCode: role ${d.role} reads the whole city and is not bound to a unit`);
    assertStrongPassword(d.password, 'password', d.username);
    // hashed before the transaction: argon2 takes a while and the transaction should not
    const hash = await this.passwords.hash(d.password);
    const user = await this.writer.write(by, async (tx) => {
      if (d.unitCode) await assertUnit(tx, d.unitCode);
      const [taken] = (await tx.m.query(`SELECT 1 FROM users WHERE username = $1`, [d.username])) as unknown[];
      if (taken) throw new DomainError('CONFLICT', `username: user "${d.username}" exists already`);
      const [row] = (await tx.m.query(`INSERT INTO users (username, password_hash, role, unit_code, email) VALUES ($1, $2, $3, $4, $5) RETURNING id::text AS id`,
        [d.username, hash, d.role, d.unitCode ?? null, d.email ?? null])) as { id: string }[];
      const [created] = (await tx.m.query(`SELECT ${SELECT} FROM users u WHERE u.id = $1::bigint`, [row.id])) as UserView[];
      tx.audit('user.create', 'users', d.username, null, audited(created));
      return created;
    });
    this.access.forget(user.username);
    securityEvent('user.created', { by: by.sub, username: user.username, role: user.role, unitCode: user.unitCode });
    return user;
  }

  /** Disables or enables a user, or changes their role or unit (PATCH /api/users/:username). */
  async update(by: TokenClaims, username: string, d: UpdateUserDto): Promise<UserView> {
    const result = await this.writer.write(by, async (tx) => {
      const before = await lockUser(tx.m, username);
      const role: Role = d.role ?? (before.role as Role);
      // a city role is not bound to a unit: moving a county user to one drops the unit
      const unitCode = d.unitCode !== undefined ? d.unitCode : isUnitRole(role) ? before.unitCode : null;
      if (isUnitRole(role) && !unitCode) throw new DomainError('BAD_PARAMETER', `unitCode: required, role ${role} is bound to a unit`);
      if (!isUnitRole(role) && unitCode) throw new DomainError('BAD_PARAMETER', `unitCode: role ${role} reads the whole city and is not bound to a unit`);
      if (unitCode && unitCode !== before.unitCode) await assertUnit(tx, unitCode);
      const disabled = d.disabled ?? before.disabled;
      if (username === by.sub && (disabled || role !== before.role)) {
        throw new DomainError('BAD_PARAMETER', `${disabled ? 'disabled' : 'role'}: you may not disable your own account or change your own role; another city office user can`);
      }
      const email = d.email !== undefined ? d.email : before.email;
      const changed = role !== before.role || unitCode !== before.unitCode || disabled !== before.disabled || email !== before.email;
      if (!changed) return { before, after: before };
      // a session ends when its user is disabled or gets other rights; enabling again starts none
      const revoke = disabled && !before.disabled ? true : role !== before.role || unitCode !== before.unitCode;
      await tx.m.query(
        `UPDATE users SET role = $2, unit_code = $3,
                disabled_at = CASE WHEN $4::boolean THEN coalesce(disabled_at, now()) ELSE NULL END,
                token_version = token_version + $5::int, email = $6
          WHERE username = $1`, [username, role, unitCode, disabled, revoke ? 1 : 0, email]);
      await assertCityOfficeRemains(tx);
      const after = await lockUser(tx.m, username);
      tx.audit('user.update', 'users', username, audited(before), audited(after));
      return { before, after };
    });
    this.access.forget(username);
    const { before, after } = result;
    if (before !== after) {
      securityEvent('user.changed', {
        by: by.sub, username,
        ...(before.role !== after.role ? { role: { from: before.role, to: after.role } } : {}),
        ...(before.unitCode !== after.unitCode ? { unitCode: { from: before.unitCode, to: after.unitCode } } : {}),
        ...(before.disabled !== after.disabled ? { disabled: after.disabled } : {}),
      });
    }
    return after;
  }

  /** The city office sets a new password for a user; the user's sessions end. */
  async resetPassword(by: TokenClaims, username: string, password: string): Promise<void> {
    assertStrongPassword(password, 'password', username);
    const hash = await this.passwords.hash(password);
    await this.writer.write(by, async (tx) => {
      const before = await lockUser(tx.m, username);
      await tx.m.query(`UPDATE users SET password_hash = $2, token_version = token_version + 1 WHERE username = $1`, [username, hash]);
      // the entry says that the password changed and by whom; the password and its hash stay out
      tx.audit('user.password_reset', 'users', username, audited(before), { ...audited(before), passwordChanged: true, sessionsEnded: true });
    });
    this.access.forget(username);
    securityEvent('user.password_reset', { by: by.sub, username });
  }

  /** A user's own new password (the current one already checked by the caller). Their tokens stay valid. */
  async changeOwnPassword(u: TokenClaims, currentPassword: string, newPassword: string): Promise<void> {
    assertStrongPassword(newPassword, 'newPassword', u.sub);
    if (newPassword === currentPassword) throw new DomainError('WEAK_PASSWORD', 'newPassword: the new password is the current one; choose another');
    const hash = await this.passwords.hash(newPassword);
    await this.writer.write(u, async (tx) => {
      const before = await lockUser(tx.m, u.sub);
      await tx.m.query(`UPDATE users SET password_hash = $2 WHERE username = $1`, [u.sub, hash]);
      tx.audit('user.password_change', 'users', u.sub, audited(before), { ...audited(before), passwordChanged: true });
    });
    this.access.forget(u.sub);
    securityEvent('user.password_changed', { username: u.sub });
  }

  /**
   * Ends every session of the user (POST /api/auth/logout-all): tokens made before now stop working.
   * A session event like a sign-in, kept in the security log; the account's record is unchanged, so
   * the audit trail (changes to records) has no entry for it.
   */
  async logoutAll(u: TokenClaims): Promise<void> {
    await this.db.dataSource.query(`UPDATE users SET token_version = token_version + 1 WHERE username = $1`, [u.sub]);
    this.access.forget(u.sub);
    securityEvent('user.logout_all', { username: u.sub });
  }
}

async function assertUnit(tx: LedgerTx, unitCode: string): Promise<void> {
  const [unit] = (await tx.m.query(`SELECT 1 FROM units WHERE code = $1`, [unitCode])) as unknown[];
  if (!unit) throw new DomainError('BAD_REFERENCE', `unitCode: no unit ${unitCode} in the ledger`);
}

/** The office may not lock itself out: at least one enabled city_office account stays. */
async function assertCityOfficeRemains(tx: LedgerTx): Promise<void> {
  const [{ n }] = (await tx.m.query(`SELECT count(*)::int AS n FROM users WHERE role = 'city_office' AND disabled_at IS NULL`)) as { n: number }[];
  if (n === 0) throw new DomainError('CONFLICT', 'disabled: this is the last enabled city_office account; create or enable another first');
}
