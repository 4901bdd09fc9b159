import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { probeNeeds } from './needs.js';

// Publishes what is missing as NEED_MISSING_<NAME>=reason for the workers (they inherit the environment).
export default async function globalSetup() {
  const needs = await probeNeeds();
  const missing = Object.entries(needs).filter(([, why]) => why);
  if (process.env.CI === 'true' && missing.length) {
    throw new Error(`CI=true and the machine lacks what suites need: ${missing.map(([n, w]) => `${n}: ${w}`).join('; ')}. Run .ci/run, which installs them.`);
  }
  // the CLI suites run the compiled CLI exactly as other tools do
  execFileSync('npx', ['swc', 'api', 'analytics', 'seeds', '-d', 'dist', '--quiet'], { stdio: 'inherit' });
  // one audit key for the run (servers, the CLI children, the tests that check the chain): nothing is
  // written to ./data/audit.key by a test
  process.env.AUDIT_KEY ||= randomBytes(32).toString('hex');
  for (const [name, why] of missing) process.env[`NEED_MISSING_${name.toUpperCase()}`] = why;
}
