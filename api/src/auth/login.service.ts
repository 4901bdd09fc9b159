import { HttpException, Inject, Injectable } from '@nestjs/common';
import { DATABASE } from '../common/tokens.js';
import type { Database } from '../database/data-source.js';
import { securityEvent } from '../common/security-log.js';
import { accountLimiter, addressLimiter, type Attempt } from './login-limiter.js';
import { PasswordQueue, PasswordQueueBusy } from './password-queue.js';
import type { Role } from './roles.js';
import { TokenSigner } from './tokens.js';

/** A refusal that tells the client when to come back (the controller sets Retry-After). */
export class RetryLater extends HttpException {
  constructor(status: 429 | 503, code: string, message: string, readonly retryAfterSeconds: number) {
    super({ statusCode: status, code, message }, status);
  }
}

const badCredentials = () => new HttpException({ statusCode: 401, code: 'BAD_CREDENTIALS', message: 'wrong username or password (用户名或密码错误)' }, 401);

interface UserRow { username: string; password_hash: string; role: Role; unit_code: string | null; disabled: boolean; token_version: number }

/**
 * Sign-in: the address's and the account's attempts are counted first (synchronously, so concurrent
 * guesses cannot all slip under the limit), then the password waits for a place in the queue of
 * argon2 verifications; only then is it checked.
 */
@Injectable()
export class LoginService {
  readonly byAccount = accountLimiter();
  readonly byAddress = addressLimiter();

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(TokenSigner) private readonly tokens: TokenSigner,
    @Inject(PasswordQueue) readonly passwords: PasswordQueue,
  ) {}

  async login(username: string, password: string, ip: string) {
    const address = this.byAddress.begin(ip);
    if ('retryAfter' in address) {
      securityEvent('login.locked', { username, ip, limit: 'address', retryAfter: address.retryAfter });
      throw new RetryLater(429, 'TOO_MANY_ATTEMPTS', `too many sign-in attempts from this address (登录尝试过多); try again in ${address.retryAfter} s`, address.retryAfter);
    }
    const account = this.byAccount.begin(username);
    if ('retryAfter' in account) {
      address.cancel();
      securityEvent('login.locked', { username, ip, limit: 'account', retryAfter: account.retryAfter });
      throw new RetryLater(429, 'TOO_MANY_ATTEMPTS', `too many failed sign-ins for this account (登录失败次数过多，账户暂时锁定); try again in ${account.retryAfter} s`, account.retryAfter);
    }
    const attempts: Attempt[] = [address, account];
    let user: UserRow | undefined;
    let ok: boolean;
    try {
      [user] = (await this.db.dataSource.query(
        `SELECT username, password_hash, role, unit_code, disabled_at IS NOT NULL AS disabled, token_version FROM users WHERE username = $1`, [username])) as UserRow[];
      ok = await this.passwords.verify(user?.password_hash, password);
    } catch (e) {
      // a busy refusal still counts for the address (a flood from one address meets its limit), not for the account
      account.cancel();
      if (e instanceof PasswordQueueBusy) address.fail();
      else address.cancel();
      if (e instanceof PasswordQueueBusy) {
        securityEvent('login.busy', { username, ip, retryAfter: e.retryAfterSeconds });
        throw new RetryLater(503, 'SIGN_IN_BUSY', `the server is checking many sign-ins at the moment (登录繁忙); try again in ${e.retryAfterSeconds} s`, e.retryAfterSeconds);
      }
      throw e;
    }
    if (!ok || !user) {
      attempts.forEach((a) => a.fail());
      securityEvent('login.failed', { username, ip, reason: user ? 'wrong password' : 'unknown user' });
      throw badCredentials();
    }
    if (user.disabled) {
      // the right password: saying so tells the owner why, and tells a guesser nothing they lack
      attempts.forEach((a) => a.fail());
      securityEvent('login.failed', { username, ip, reason: 'disabled' });
      throw new HttpException({ statusCode: 401, code: 'ACCOUNT_DISABLED', message: 'this account is disabled (账户已停用); ask the city office' }, 401);
    }
    attempts.forEach((a) => a.succeed());
    securityEvent('login.succeeded', { username, ip, role: user.role });
    const accessToken = await this.tokens.sign({ username: user.username, role: user.role, unitCode: user.unit_code, tokenVersion: Number(user.token_version) });
    return { accessToken, user: { username: user.username, role: user.role, unitCode: user.unit_code } };
  }

  /** Checks a signed-in user's current password (changing one's own): counted against the account like a sign-in. */
  async checkOwnPassword(username: string, password: string, ip: string): Promise<void> {
    const account = this.byAccount.begin(username);
    if ('retryAfter' in account) {
      securityEvent('login.locked', { username, ip, limit: 'account', retryAfter: account.retryAfter });
      throw new RetryLater(429, 'TOO_MANY_ATTEMPTS', `too many wrong passwords for this account; try again in ${account.retryAfter} s`, account.retryAfter);
    }
    let ok: boolean;
    try {
      const [row] = (await this.db.dataSource.query(`SELECT password_hash FROM users WHERE username = $1`, [username])) as { password_hash: string }[];
      ok = await this.passwords.verify(row?.password_hash, password);
    } catch (e) {
      account.cancel();
      if (e instanceof PasswordQueueBusy) throw new RetryLater(503, 'SIGN_IN_BUSY', `the server is checking many passwords at the moment; try again in ${e.retryAfterSeconds} s`, e.retryAfterSeconds);
      throw e;
    }
    if (!ok) {
      account.fail();
      securityEvent('login.failed', { username, ip, reason: 'wrong current password' });
      throw new HttpException({ statusCode: 400, code: 'WRONG_PASSWORD', message: 'currentPassword: the current password is wrong (当前密码错误)' }, 400);
    }
    // a right current password does not clear the account's failed sign-ins: it is checked, not signed in
    account.cancel();
  }
}
