import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';

// The security log, so that an intrusion or a misuse can be reconstructed afterwards: one JSON line per event that an operator or an auditor looks for
// (sign-ins, lock-outs, 401/403, refused uploads, user and role changes, restores, audit failures), each
// with the request id of the request it came from. Kept apart from Nest's own log so it can be shipped
// and kept on its own. A password or a token is never written: the fields below are redacted by name
// wherever they sit, and callers pass usernames, never credentials.

export type SecurityEventKind =
  | 'login.succeeded'
  | 'login.failed'
  | 'login.locked'
  | 'login.busy'
  | 'auth.unauthorized'
  | 'auth.forbidden'
  | 'upload.refused'
  | 'user.created'
  | 'user.changed'
  | 'user.password_reset'
  | 'user.password_changed'
  | 'user.logout_all'
  | 'backup.restored'
  | 'audit.verify_failed';

const REDACT = ['password', 'newPassword', 'currentPassword', 'passwordHash', 'password_hash', 'token', 'accessToken', 'authorization', 'secret']
  .flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

function build(stream?: Writable): Logger {
  const options = { base: { log: 'security' }, redact: { paths: REDACT, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime };
  return stream ? pino(options, stream) : pino(options);
}

let logger: Logger = build();

/** Sends the security log to `stream` instead of stdout (tests read it back; an operator may point it at a file). */
export function setSecurityLogStream(stream: Writable | undefined): void {
  logger = build(stream);
}

const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** The request id of the request being served, if any. */
export const currentRequestId = (): string | undefined => requestContext.getStore()?.requestId;

/** Runs `fn` as part of the request `requestId`, so that every event it logs carries that id. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

/** A request id a client may send us (X-Request-Id): short, printable, nothing to inject into a log line. */
export function acceptRequestId(given: string | undefined): string {
  return given && /^[A-Za-z0-9._:-]{1,64}$/.test(given) ? given : randomUUID();
}

/** Writes one security event. Fields name who and what (username, ip, route, reason), never a credential. */
export function securityEvent(kind: SecurityEventKind, fields: Record<string, unknown> = {}): void {
  const requestId = currentRequestId();
  logger.info({ event: kind, ...(requestId ? { requestId } : {}), ...fields });
}
