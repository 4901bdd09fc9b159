import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { NotificationListener } from '../common/notification-listener.js';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import type { TokenClaims } from './tokens.js';

/** What a token is checked against: the user's row as it stands. */
export interface AccessState {
  role: string;
  unitCode: string | null;
  disabled: boolean;
  tokenVersion: number;
}

/** the channel every write to users notifies, with the username (migration UsersChanged) */
const USERS_CHANGED = 'users_changed';

/**
 * Every signed-in request asks here whether its token still stands: the user exists, is enabled, and
 * has the role, unit and token version the token was made with. The answer is kept in memory, so a
 * request costs no database round trip, and it is forgotten the moment the user changes:
 * - a write through this server's API calls forget() before its answer is sent;
 * - any other write to users (the CLI in another process, a second server, an operator's SQL) fires the
 *   UsersChanged trigger, whose NOTIFY users_changed reaches this process at commit. On PostgreSQL it
 *   comes over a LISTEN connection of our own: while that connection is not in place, nothing is kept
 *   and every request reads the row (as strict as before, at a round trip a request), and when it is in
 *   place again everything kept is forgotten (a notification sent meanwhile was lost). The embedded
 *   folder is this process's alone (the DATA_DIR lock); its NOTIFY arrives by the time COMMIT returns.
 * A 5-second expiry stood here before; it let a user disabled by the CLI keep working for up to 5 s.
 */
@Injectable()
export class UserAccess implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('user-access');
  // a lookup's entry is in the cache from the moment it starts, so a forget() also drops a lookup still
  // under way that may have read the row before the write
  private readonly cache = new Map<string, Promise<AccessState | null>>();
  /** whether every change to users reaches forget(): only then is an entry kept */
  private trusted: boolean;
  private listener?: NotificationListener;
  private unlisten?: () => Promise<void>;
  /** lookups that went to the database (a test and the bench read it) */
  lookups = 0;

  constructor(@Inject(DATABASE) private readonly db: Database) {
    this.trusted = db.kind === 'embedded';
  }

  async onModuleInit(): Promise<void> {
    if (this.db.kind === 'postgres') {
      if (!this.db.url) return; // no URL for a connection of our own: every request reads the row
      this.listener = new NotificationListener(this.db.url, USERS_CHANGED, {
        notify: (username) => this.forget(username || undefined),
        live: () => { this.cache.clear(); this.trusted = true; },
        lost: () => { this.trusted = false; this.cache.clear(); },
      }, (m) => this.log.warn(m));
      this.listener.start();
    } else if (this.db.listen) {
      // a write of this process that bypasses UsersService (first start, a test's SQL)
      this.unlisten = await this.db.listen(USERS_CHANGED, () => this.forget());
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener?.stop();
    await this.unlisten?.().catch(() => undefined);
  }

  private load(username: string): Promise<AccessState | null> {
    if (this.trusted) {
      const hit = this.cache.get(username);
      if (hit) return hit;
    }
    this.lookups++;
    const state = this.db.dataSource
      .query(`SELECT role, unit_code, disabled_at IS NOT NULL AS disabled, token_version FROM users WHERE username = $1`, [username])
      .then((rows: { role: string; unit_code: string | null; disabled: boolean; token_version: number }[]) =>
        rows[0] ? { role: rows[0].role, unitCode: rows[0].unit_code, disabled: rows[0].disabled, tokenVersion: Number(rows[0].token_version) } : null);
    if (this.trusted) {
      this.cache.set(username, state);
      // a failed lookup (database away) is not kept
      state.catch(() => { if (this.cache.get(username) === state) this.cache.delete(username); });
    }
    return state;
  }

  /** Why the token no longer stands, or undefined when it does. */
  async refusal(claims: TokenClaims): Promise<string | undefined> {
    const s = await this.load(claims.sub);
    if (!s) return 'the user does not exist';
    if (s.disabled) return 'the user is disabled';
    if (s.tokenVersion !== claims.ver) return 'the token was revoked (signed out everywhere, or the password was reset)';
    if (s.role !== claims.role || s.unitCode !== claims.unit) return 'the user\'s role or unit has changed since the token was made';
    return undefined;
  }

  /** Forgets what is known of `username` (call it after a write to the user commits), or of everyone. */
  forget(username?: string): void {
    if (username === undefined) this.cache.clear();
    else this.cache.delete(username);
  }
}
