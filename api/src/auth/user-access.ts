import { Inject, Injectable } from '@nestjs/common';
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

// Changes made by another process (the CLI on the same PostgreSQL) are seen after at most this long;
// changes made through this server's API are seen at once (forget() runs before the answer is sent).
// The embedded DATA_DIR is this process's alone while it runs (the lock), so there no other process can
// change a user and an entry stands until forgotten: an expired entry would be read again through
// PGlite's single connection, and so wait behind a long import's transaction, stalling every request
// of that user (the import page's progress polls among them) until the import ends.
const TTL_MS = 5_000;

/**
 * Every signed-in request asks here whether its token still stands: the user exists, is enabled, and
 * has the role, unit and token version the token was made with. A small cache keeps this off the
 * database for most requests; a write to a user forgets its entry synchronously, so a disabled user's
 * next request is refused.
 */
@Injectable()
export class UserAccess {
  // a lookup's entry is in the cache from the moment it starts, so a write's forget() also drops a
  // lookup still under way that may have read the row before the write
  private readonly cache = new Map<string, { at: number; state: Promise<AccessState | null> }>();

  constructor(@Inject(DATABASE) private readonly db: Database) {}

  private load(username: string): Promise<AccessState | null> {
    const hit = this.cache.get(username);
    if (hit && (this.db.kind === 'embedded' || Date.now() - hit.at < TTL_MS)) return hit.state;
    const state = this.db.dataSource
      .query(`SELECT role, unit_code, disabled_at IS NOT NULL AS disabled, token_version FROM users WHERE username = $1`, [username])
      .then((rows: { role: string; unit_code: string | null; disabled: boolean; token_version: number }[]) =>
        rows[0] ? { role: rows[0].role, unitCode: rows[0].unit_code, disabled: rows[0].disabled, tokenVersion: Number(rows[0].token_version) } : null);
    const entry = { at: Date.now(), state };
    this.cache.set(username, entry);
    // a failed lookup (database away) is not kept
    state.catch(() => { if (this.cache.get(username) === entry) this.cache.delete(username); });
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
