import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { AuditKeyError, KEY_FILE, loadAuditKey } from '../../../api/src/audit/audit-key.js';
import { checkpointProblem, signCheckpoint } from '../../../api/src/audit/audit-checkpoints.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-audit-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('creates DATA_DIR/audit.key on first use, readable by its owner only, and keeps using it', () => {
  const dataDir = path.join(dir, 'data');
  const first = loadAuditKey(dataDir, {});
  const file = path.join(dataDir, KEY_FILE);
  expect(first.keySource).toBe(file);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  expect(fs.readFileSync(file, 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  expect(first.key.length).toBe(32);
  expect(loadAuditKey(dataDir, {}).key.equals(first.key)).toBe(true);
});

it('prefers AUDIT_KEY and refuses a short one', () => {
  const k = 'k'.repeat(40);
  expect(loadAuditKey(dir, { AUDIT_KEY: k })).toEqual({ key: Buffer.from(k), keySource: 'AUDIT_KEY' });
  expect(() => loadAuditKey(dir, { AUDIT_KEY: 'short' })).toThrow(AuditKeyError);
});

it('refuses a checkpoint altered after signing, or checked with another key', () => {
  const key = Buffer.alloc(32, 1);
  const c = signCheckpoint(key, { entries: 1250, headId: '1250', headHash: 'a'.repeat(64), at: '2026-12-04T10:00:00.000Z', reason: 'operator' });
  expect(checkpointProblem(key, c)).toBeUndefined();
  expect(checkpointProblem(key, { ...c, entries: 1200 })).toMatch(/not signed with this audit key/);
  expect(checkpointProblem(Buffer.alloc(32, 2), c)).toMatch(/not signed with this audit key/);
});
