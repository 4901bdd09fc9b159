import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { securityEvents } from '../support/security-events.js';
import { describeWith } from '../support/requires.js';
import { cli } from '../support/cli.js';
import { SAMPLE_BUNDLE } from '../support/databases.js';
import { copySampleWith } from '../support/sample-copy.js';

// The embedded folder through the compiled CLI, as an operator runs it, with no AUDIT_KEY: the key file
// DATA_DIR/audit.key is made on first use; the import, `user create`, a backup and a restore are on the
// trail; the checkpoint mirror follows them (a restore starts its history anew); the wrong key is named.

const SLOW = 600_000;
const lines = (s: string) => s.split('\n').filter(Boolean);

describeWith([], 'the audit trail of an embedded DATA_DIR through the CLI', () => {
  let dir: string;
  let env: Record<string, string>;
  const run = (args: string[], input?: string) => {
    const r = cli(args, env, input);
    return { ...r, out: `${r.stdout}${r.stderr}` };
  };
  const mirror = () => lines(fs.readFileSync(path.join(env.DATA_DIR, 'audit-checkpoints.jsonl'), 'utf8')).map((l) => JSON.parse(l));

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-audit-cli-'));
    env = { DATA_DIR: path.join(dir, 'data'), AUDIT_KEY: '' };
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keys the trail with DATA_DIR/audit.key, and puts an import and a user on it', () => {
    const imported = run(['import', SAMPLE_BUNDLE]);
    expect([imported.status, imported.stderr]).toEqual([0, '']);
    const keyFile = path.join(env.DATA_DIR, 'audit.key');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const user = run(['user', 'create', '--username', 'clerk01', '--role', 'viewer'], 'a-long-password-01\n');
    expect([user.status, user.stderr]).toEqual([0, '']);
    const shown = run(['audit', 'show', 'clerk01']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toMatch(/^#\d+ \S+ cli:\S+ user\.create users clerk01: after \{"id":"\d+","role":"viewer","unitCode":null,"username":"clerk01"\}\n$/);
    const hazard = run(['audit', 'show', 'JC-140502-2023-0001']);
    expect(hazard.stdout).toMatch(/^#\d+ \S+ cli:\S+ bundle\.import: brought JC-140502-2023-0001 into hazards from hazards\.csv/);
    // the mirror holds the head of each committed write, the last one the user's
    const heads = mirror();
    expect(heads.at(-1)).toMatchObject({ reason: 'append', headId: String(heads.at(-1).entries) });
    const verified = run(['audit', 'verify']);
    expect([verified.status, verified.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^audit trail intact: ${heads.at(-1).entries} entries`))]);
  }, SLOW);

  it('carries the head in a backup, and after a restore the trail verifies with the restore on it', () => {
    const backup = path.join(dir, 'b.tar');
    expect(run(['backup', '--out', backup]).status).toBe(0);
    const before = mirror().at(-1);
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', backup, 'manifest.json'], { encoding: 'utf8' }));
    expect(manifest.auditCheckpoint).toEqual({ ...before, reason: 'backup', database: undefined });
    // a correction after the backup: its entries are lost by the restore, which is what a restore does
    const bundle = copySampleWith('hazards.csv', (r) => (r.ledger_no === 'JC-140502-2023-0001' ? { ...r, description: '更正' } : r));
    expect(run(['import', bundle]).status).toBe(0);
    fs.rmSync(bundle, { recursive: true, force: true });
    expect(mirror().at(-1).entries).toBe(before.entries + 2);
    const restored = run(['restore', '--from', backup]);
    // a restore's only words on stderr are its security-log line
    expect([restored.status, securityEvents(restored.stderr)]).toEqual([0, ['backup.restored']]);
    const last = mirror().at(-1);
    expect(last).toMatchObject({ reason: 'restore', entries: before.entries + 1 });
    const shown = run(['audit', 'show', backup]);
    expect(shown.stdout).toMatch(/ backup\.restore database /);
    expect(run(['audit', 'verify']).status).toBe(0);
  }, SLOW);

  it('names the key when the trail is checked with another one', () => {
    const keyFile = path.join(env.DATA_DIR, 'audit.key');
    const kept = fs.readFileSync(keyFile);
    fs.writeFileSync(keyFile, 'ab'.repeat(32) + '\n', { mode: 0o600 });
    const r = run(['audit', 'verify']);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^audit trail broken at entry \d+: the checkpoint of \S+ \(\d+ entries, head \d+, in audit_checkpoints\) is not signed with this audit key/);
    fs.writeFileSync(keyFile, kept);
    expect(run(['audit', 'verify']).status).toBe(0);
  }, SLOW);
});
