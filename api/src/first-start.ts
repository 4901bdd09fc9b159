import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { importBundle } from './bundle/import-bundle.js';
import { countUsers, createUser } from './auth/users.js';
import { weakPasswordReason } from './auth/password-rule.js';
import { EnvError } from './config/env.js';
import { generateBundle } from '../../seeds/generate/index.js';

export async function ledgerIsEmpty(ds: DataSource): Promise<boolean> {
  const [r] = await ds.query(`SELECT count(*)::int AS n FROM units`);
  return r.n === 0;
}

/** Generates the deterministic Jincheng demo ledger and imports it, so a new user sees figures at once. */
export async function loadDemoLedger(ds: DataSource, log: (s: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-demo-'));
  try {
    const gen = await generateBundle({ scale: 'city', seed: 2023, outDir: dir });
    const r = await importBundle(ds, dir, { actor: 'system:first-start' });
    log(`loaded the generated Jincheng demo ledger (${r.rows} rows, ${gen.rows} generated)`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The first `admin` (city office): ADMIN_PASSWORD, or a random password printed once. */
export async function ensureAdmin(ds: DataSource, adminPassword: string | undefined, log: (s: string) => void): Promise<void> {
  if ((await countUsers(ds)) > 0) return;
  const weak = adminPassword === undefined ? undefined : weakPasswordReason(adminPassword, 'admin');
  if (weak) throw new EnvError(`ADMIN_PASSWORD is too weak: ${weak}`);
  // 16 characters of base64url (96 random bits): passes the password rule
  const password = adminPassword ?? randomBytes(12).toString('base64url');
  await createUser(ds, { username: 'admin', role: 'city_office', password }, 'system:first-start');
  if (adminPassword) log('created user admin (city office) with the password in ADMIN_PASSWORD');
  else log(`created user admin (city office) with the password ${password} — shown once; change it after signing in`);
}
