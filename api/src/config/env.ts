import path from 'node:path';

// The environment, read and checked once at start-up: a wrong value stops the process with a message
// that names the variable, instead of failing later somewhere else.
export interface Env {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  adminPassword: string | undefined;
  jwtSecret: string | undefined;
  tokenTtlSeconds: number;
}

export class EnvError extends Error {}

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
  return {
    port,
    dataDir: path.resolve(source.DATA_DIR || './data'),
    databaseUrl,
    adminPassword: source.ADMIN_PASSWORD || undefined,
    jwtSecret: source.JWT_SECRET || undefined,
    tokenTtlSeconds: int('TOKEN_TTL_SECONDS', 3600, source),
  };
}
