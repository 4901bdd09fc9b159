import path from 'node:path';

// The environment, read and checked once at start-up: a wrong value stops the process with a message
// that names the variable, instead of failing later somewhere else.
export interface Env {
  port: number;
  /** the address the server binds: 127.0.0.1 unless HOST says otherwise (docker-compose sets 0.0.0.0) */
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /**
   * where the analytics copy persists between starts (ANALYTICS_DIR, default DATA_DIR/analytics, for the
   * embedded folder and DATABASE_URL alike); undefined when ANALYTICS_DIR is `memory`: loaded whole at each start
   */
  analyticsDir: string | undefined;
  adminPassword: string | undefined;
  jwtSecret: string | undefined;
  tokenTtlSeconds: number;
  /** alerts by e-mail (api/src/alerts/mailer.ts): off when unset */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** first retry delay of a webhook delivery; each further retry waits twice as long */
  webhookRetryBaseMs: number;
}

export class EnvError extends Error {}

export const MIN_JWT_SECRET_BYTES = 32;

function int(name: string, fallback: number, source: NodeJS.ProcessEnv): number {
  const raw = source[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new EnvError(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const databaseUrl = source.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new EnvError(`DATABASE_URL must start with postgres:// or postgresql://, got "${databaseUrl}"`);
  }
  const port = int('PORT', 3000, source);
  if (port > 65535) throw new EnvError(`PORT must be at most 65535, got ${port}`);
  const jwtSecret = source.JWT_SECRET || undefined;
  // HS256 is only as strong as its key: a short secret can be found by brute force offline from one token
  if (jwtSecret !== undefined && Buffer.byteLength(jwtSecret, 'utf8') < MIN_JWT_SECRET_BYTES) {
    throw new EnvError(`JWT_SECRET must be at least ${MIN_JWT_SECRET_BYTES} bytes, got ${Buffer.byteLength(jwtSecret, 'utf8')}; generate one with: openssl rand -base64 48 (or leave it unset: a random key is made at each start)`);
  }
  const host = source.HOST || '127.0.0.1';
  if (/\s/.test(host)) throw new EnvError(`HOST must be an address such as 127.0.0.1 or 0.0.0.0, got "${host}"`);
  const smtpUrl = source.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new EnvError(`SMTP_URL must start with smtp:// or smtps://, got "${smtpUrl.replace(/\/\/[^@/]*@/, '//…@')}"`);
  const dataDir = path.resolve(source.DATA_DIR || './data');
  const analytics = source.ANALYTICS_DIR || undefined;
  return {
    port,
    host,
    dataDir,
    databaseUrl,
    analyticsDir: analytics === 'memory' ? undefined : path.resolve(analytics ?? path.join(dataDir, 'analytics')),
    adminPassword: source.ADMIN_PASSWORD || undefined,
    jwtSecret,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 3600, source),
    smtpUrl,
    mailFrom: source.MAIL_FROM || '危险废物隐患排查整治平台 <noreply@localhost>',
    webhookRetryBaseMs: int('WEBHOOK_RETRY_BASE_MS', 2000, source),
  };
}
