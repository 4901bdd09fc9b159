import argon2 from 'argon2';
import { Inject, Injectable } from '@nestjs/common';
import type { TokenClaims } from '../../auth/tokens.js';
import { UNIT_ROLES } from '../../auth/roles.js';
import { DomainError } from '../../common/domain-error.js';
import { DATABASE } from '../../common/tokens.js';
import type { Database } from '../../database/data-source.js';
import { listPage, Where } from '../common/list-query.js';
import { LedgerWriter } from '../common/ledger-writer.js';
import { USER_SORTS, type CreateUserDto, type UserQueryDto } from './users.dto.js';

export interface UserView { id: string; username: string; role: string; unitCode: string | null; createdAt: string }

const SELECT = `u.id::text AS id, u.username, u.role, u.unit_code AS "unitCode", to_char(u.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"`;

/** Accounts, managed by the city office. A password is stored only as its argon2id hash and never shown or audited. */
@Injectable()
export class UsersService {
  constructor(@Inject(DATABASE) private readonly db: Database, @Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  list(q: UserQueryDto) {
    const w = new Where().maybe('u.role = ?', q.role).maybe('u.unit_code = ?', q.unit);
    return listPage<UserView>(this.db.dataSource, { select: SELECT, from: 'users u', where: w, sort: q.sort ?? 'username', sorts: USER_SORTS, page: q.page, pageSize: q.pageSize });
  }

  async create(by: TokenClaims, d: CreateUserDto): Promise<UserView> {
    const bound = (UNIT_ROLES as readonly string[]).includes(d.role);
    if (bound && !d.unitCode) throw new DomainError('BAD_PARAMETER', `unitCode is required: role ${d.role} is bound to a unit`);
    if (!bound && d.unitCode) throw new DomainError('BAD_PARAMETER', `unitCode: role ${d.role} reads the whole city and is not bound to a unit`);
    // hashed before the transaction: argon2 takes a while and the transaction should not
    const hash = await argon2.hash(d.password, { type: argon2.argon2id });
    return this.writer.write(by, async (tx) => {
      if (d.unitCode) {
        const [unit] = (await tx.m.query(`SELECT 1 FROM units WHERE code = $1`, [d.unitCode])) as unknown[];
        if (!unit) throw new DomainError('BAD_REFERENCE', `unitCode: no unit ${d.unitCode} in the ledger`);
      }
      const [taken] = (await tx.m.query(`SELECT 1 FROM users WHERE username = $1`, [d.username])) as unknown[];
      if (taken) throw new DomainError('CONFLICT', `username: user "${d.username}" exists already`);
      const [row] = (await tx.m.query(`INSERT INTO users (username, password_hash, role, unit_code) VALUES ($1, $2, $3, $4) RETURNING id::text AS id`,
        [d.username, hash, d.role, d.unitCode ?? null])) as { id: string }[];
      const [user] = (await tx.m.query(`SELECT ${SELECT} FROM users u WHERE u.id = $1::bigint`, [row.id])) as UserView[];
      tx.audit('user.create', 'users', d.username, null, { id: user.id, username: user.username, role: user.role, unitCode: user.unitCode });
      return user;
    });
  }
}
