// Tells "the ledger database cannot be reached right now" apart from every other failure, so that the
// HTTP filter answers 503 (retry shortly) instead of 500 (a bug). node-postgres and TypeORM report an
// outage in several shapes: a socket error code, a PostgreSQL SQLSTATE, or only a message.

export const DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE';

export const DATABASE_UNAVAILABLE_MESSAGE =
  'the ledger database is unavailable at the moment (台账数据库暂时无法连接); please retry in a few seconds. ' +
  'If this request was a change, check whether it was saved before sending it again.';

/** Socket errors of a connection that could not be made or was cut. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server that is going away or not accepting connections: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections; and class 08 (connection
 * exception) except 08P01, a protocol violation, which is a bug and not an outage.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres and pg-pool say these in words only. */
const MESSAGES = [
  /Connection terminated unexpectedly/i,
  /Connection terminated due to connection timeout/i,
  // pg 8.2x's connectionTimeoutMillis on a server that accepts the socket and never answers
  /^timeout expired$/,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
];

/**
 * TypeORM releases a query runner when its connection emits 'error' (the server went away between two
 * queries of a transaction); the next query then fails with one of these instead of the server's error.
 * Our code meets them in no other way: every write runs in LedgerWriter's one transaction and uses only
 * its manager, so a runner is never used after its transaction has finished.
 */
const RELEASED_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

interface ErrorShape {
  name?: unknown;
  code?: unknown;
  syscall?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function one(e: ErrorShape): boolean {
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && SOCKET_CODES.has(code)) return true;
  // a missing unix socket (connect ENOENT /var/run/postgresql/.s.PGSQL.5432): the server is not running
  if (code === 'ENOENT' && e.syscall === 'connect') return true;
  if (code && (SQLSTATES.has(code) || (/^08[0-9A-Z]{3}$/.test(code) && code !== '08P01'))) return true;
  if (typeof e.name === 'string' && RELEASED_RUNNER.has(e.name)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return MESSAGES.some((m) => m.test(message));
}

/** True when `e` (or what it wraps: TypeORM's driverError, a cause, an AggregateError's errors) is a database outage. */
export function isDatabaseUnavailable(e: unknown, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 4) return false;
  const x = e as ErrorShape;
  if (one(x)) return true;
  const inner = [x.driverError, x.cause, ...(Array.isArray(x.errors) ? x.errors : [])];
  return inner.some((i) => isDatabaseUnavailable(i, depth + 1));
}
