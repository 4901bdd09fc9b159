import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { EnvError, readEnv } from '../../../api/src/config/env.js';
import { weakPasswordReason } from '../../../api/src/auth/password-rule.js';
import { AttemptLimiter } from '../../../api/src/auth/login-limiter.js';
import { PasswordQueue, PasswordQueueBusy } from '../../../api/src/auth/password-queue.js';
import { Writable } from 'node:stream';
import { securityEvent, setSecurityLogStream, withRequestId } from '../../../api/src/common/security-log.js';

describe('JWT_SECRET and HOST', () => {
  it('refuses a JWT_SECRET under 32 bytes with the reason, and takes one of 32', () => {
    expect(() => readEnv({ JWT_SECRET: 'a' })).toThrow(EnvError);
    expect(() => readEnv({ JWT_SECRET: 'a' })).toThrow(/JWT_SECRET must be at least 32 bytes, got 1/);
    // bytes, not characters: 10 汉字 are 30 bytes in UTF-8
    expect(() => readEnv({ JWT_SECRET: '危险废物隐患排查整治' })).toThrow(/got 30/);
    expect(readEnv({ JWT_SECRET: 'x'.repeat(32) }).jwtSecret).toBe('x'.repeat(32));
    expect(readEnv({}).jwtSecret).toBeUndefined();
  });

  it('binds 127.0.0.1 unless HOST says otherwise', () => {
    expect(readEnv({}).host).toBe('127.0.0.1');
    expect(readEnv({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('the compiled server refuses to start with JWT_SECRET=a and says why', () => {
    const main = path.resolve('dist/api/src/main.js');
    expect(fs.existsSync(main)).toBe(true); // built by the test run's global setup
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jwt-a-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, JWT_SECRET: 'a', DATA_DIR: dataDir };
      delete env.DATABASE_URL;
      const r = spawnSync(process.execPath, [main], { env, encoding: 'utf8', timeout: 60_000 });
      expect([r.status, r.stderr]).toEqual([1, expect.stringMatching(/configuration error: JWT_SECRET must be at least 32 bytes/)]);
      // refused before anything was opened or written
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('password rule', () => {
  it('refuses short, common and one-character passwords, and the username', () => {
    expect(weakPasswordReason('elevenchars')).toMatch(/at least 12 characters/);
    expect(weakPasswordReason('aaaaaaaaaaaaaaaa')).toMatch(/one character repeated/);
    expect(weakPasswordReason('密密密密密密密密密密密密')).toMatch(/one character repeated/);
    for (const p of ['password1234', 'PASSWORD1234', 'qwertyuiop123', '1qaz2wsx3edc', 'woaini1314520', '123456789012']) expect([p, weakPasswordReason(p)]).toEqual([p, expect.stringMatching(/common passwords/)]);
    expect(weakPasswordReason('zhang.wei.2024', 'Zhang.Wei.2024')).toMatch(/username/);
  });

  it('accepts a long uncommon one, and the test support\'s passwords', () => {
    for (const p of ['Kohlenstoff-Ofen-2024', 'admin-test-password', 'county_branch-140521-1-password', '晋城市危废专项整治二〇二三']) expect([p, weakPasswordReason(p)]).toEqual([p, undefined]);
  });
});

describe('attempt limiter', () => {
  it('counts an attempt when it begins: the sixth concurrent attempt is refused before any ends', () => {
    const l = new AttemptLimiter(5, 60_000, true);
    const begun = Array.from({ length: 8 }, () => l.begin('u', 1000));
    expect(begun.filter((b) => 'succeed' in b)).toHaveLength(5);
    expect(begun.slice(5)).toEqual([{ retryAfter: 60 }, { retryAfter: 60 }, { retryAfter: 60 }]);
  });

  it('gives a place back when nothing was checked, keeps failures for the window, clears them on success', () => {
    const l = new AttemptLimiter(2, 60_000, true);
    const a = l.begin('u', 0);
    const b = l.begin('u', 0);
    if ('retryAfter' in a || 'retryAfter' in b) throw new Error('refused');
    expect(l.retryAfter('u', 0)).toBe(60);
    a.cancel();
    expect(l.retryAfter('u', 0)).toBe(0);
    b.fail();
    const c = l.begin('u', 10_000);
    if ('retryAfter' in c) throw new Error('refused');
    c.fail();
    expect(l.retryAfter('u', 30_000)).toBe(30);
    expect(l.retryAfter('u', 60_001)).toBe(0);
    const d = l.begin('u', 60_001);
    if ('retryAfter' in d) throw new Error('refused');
    d.succeed();
    expect(l.retryAfter('u', 60_002)).toBe(0);
  });
});

describe('password queue', () => {
  it('runs at most 2 verifications at once, lets 8 wait, and refuses the rest before hashing', async () => {
    const q = new PasswordQueue(2, 8);
    const hash = await q.hash('a-password-to-check');
    const tries = Array.from({ length: 14 }, (_, i) => q.verify(hash, i === 0 ? 'a-password-to-check' : 'wrong').then((ok) => ({ ok }), (e: unknown) => ({ e })));
    const results = await Promise.all(tries);
    const busy = results.filter((r) => 'e' in r && r.e instanceof PasswordQueueBusy);
    expect(busy).toHaveLength(4);
    expect(q.checked).toBe(10);
    expect(results[0]).toEqual({ ok: true });
    expect(await q.verify(undefined, 'a-password-to-check')).toBe(false);
  });
});

describe('security log', () => {
  it('writes one JSON line per event with the request id, and redacts credentials by name wherever they sit', () => {
    const lines: string[] = [];
    setSecurityLogStream(new Writable({ write(c: Buffer, _e, done) { lines.push(c.toString('utf8')); done(); } }));
    try {
      withRequestId('req-1', () => securityEvent('login.failed', { username: 'u1', password: 'hunter2-secret', extra: { token: 'eyJ-secret-token', newPassword: 'np-secret' } }));
      securityEvent('user.changed', { username: 'u2', authorization: 'Bearer abc-secret' });
    } finally {
      setSecurityLogStream(undefined);
    }
    const text = lines.join('');
    for (const secret of ['hunter2-secret', 'eyJ-secret-token', 'np-secret', 'abc-secret']) expect(text).not.toContain(secret);
    const [a, b] = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(a).toMatchObject({ log: 'security', event: 'login.failed', requestId: 'req-1', username: 'u1', password: '[redacted]' });
    expect(b).toMatchObject({ event: 'user.changed', username: 'u2' });
    expect(b.requestId).toBeUndefined();
  });
});
