import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import pg from 'pg';
import { chinaDay } from '../../api/src/common/china-time.js';

// Load: the compiled server (a child process, as in production) over a fresh database on the
// real PostgreSQL with the sample ledger; N clients for D seconds, each in a closed loop mixing reads
// (ranking, one county, ledger lists, dispatch) and writes (feedback on assigned hazards, rectification).
// Afterwards every write that was answered 2xx is looked up in the database. Self-contained (HTTP and
// SQL only), so that `npm run load` compiles just this folder.

export interface LoadOptions {
  /** a PostgreSQL URL whose server may create databases (a database of its own is created and dropped) */
  databaseUrl: string;
  clients: number;
  seconds: number;
  /** the share of iterations that write (default 0.4: 0.25 feedback, 0.15 rectification) */
  writeShare?: number;
  /** the project root (dist/ built by `npm run build:server`) */
  root?: string;
  log?: (line: string) => void;
}

type ReadKind = 'scores' | 'county' | 'hazards' | 'dispatch' | 'feedback_list';
type WriteKind = 'feedback' | 'rectify' | 'report' | 'confirm';
type Kind = ReadKind | WriteKind;
const READ_KINDS: ReadKind[] = ['scores', 'county', 'hazards', 'dispatch', 'feedback_list'];
const WRITE_KINDS: WriteKind[] = ['feedback', 'rectify', 'report', 'confirm'];

export interface Percentiles { n: number; p50: number; p95: number; p99: number; max: number }

export interface LoadReport {
  clients: number;
  seconds: number;
  writeShare: number;
  requests: number;
  /** requests a second over the run */
  rate: number;
  latency: Partial<Record<Kind | 'all reads' | 'all writes' | 'overall', Percentiles>>;
  /** writes answered 2xx, by kind, and of them the ones found in the database afterwards */
  acknowledged: Record<WriteKind, number>;
  found: Record<WriteKind, number>;
  lost: number;
  /** 409 HAZARD_ALREADY_RECTIFIED when two clients rectify the same sample hazard: the rule, not a fault */
  expectedConflicts: number;
  /** everything else that was not the expected answer (status, code, or no answer at all) */
  errors: string[];
  errorCount: number;
}

const PASSWORD = 'load-test-admin-password';
const SIGNER = '压测签名';

function percentiles(xs: number[]): Percentiles | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1] };
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = net.createServer();
    s.once('error', fail);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => ok(port));
    });
  });
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The calendar day in China Standard Time, as the server counts "today". */
const cstToday = () => chinaDay(Date.now());

interface RectifyTarget { ledgerNo: string; body: Record<string, unknown> }
interface Enterprise { creditCode: string; unitCode: string; mainLeader: string | null }

export async function runLoad(o: LoadOptions): Promise<LoadReport> {
  const root = o.root ?? process.cwd();
  const log = o.log ?? ((l: string) => console.log(l));
  const run = `${process.pid.toString(36)}${Date.now().toString(36)}`;
  const dbName = `load_${run}`;
  const url = withDatabase(o.databaseUrl, dbName);
  const admin = new pg.Client({ connectionString: o.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  let server: ChildProcess | undefined;
  let serverLog = '';
  const check = new pg.Client({ connectionString: url });
  try {
    const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
    delete base.DATA_DIR;
    const imported = spawnSync(process.execPath, [path.join(root, 'dist/api/src/cli/main.js'), 'import', path.join(root, 'test/fixtures/jincheng-sample/bundle')], { env: base, encoding: 'utf8', timeout: 300_000 });
    if (imported.status !== 0) throw new Error(`importing the sample failed (${imported.status}): ${imported.stderr || imported.stdout}`);

    const port = await freePort();
    server = spawn(process.execPath, [path.join(root, 'dist/api/src/main.js')], {
      env: { ...base, PORT: String(port), ADMIN_PASSWORD: PASSWORD, JWT_SECRET: `load-run-secret-of-at-least-32-bytes-${run}` },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout!.on('data', (b: Buffer) => { serverLog = (serverLog + b.toString()).slice(-20_000); });
    server.stderr!.on('data', (b: Buffer) => { serverLog = (serverLog + b.toString()).slice(-20_000); });
    let exited: string | undefined;
    server.once('exit', (code, signal) => { exited = `the server exited (${code ?? signal})`; });
    const baseUrl = `http://127.0.0.1:${port}`;
    const startWait = Date.now();
    for (;;) {
      if (exited) throw new Error(`${exited} before it served:\n${serverLog}`);
      const ok = await fetch(`${baseUrl}/api/health`).then((r) => r.status === 200, () => false);
      if (ok) break;
      if (Date.now() - startWait > 120_000) throw new Error(`the server did not answer /api/health within 120 s:\n${serverLog}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
    const { accessToken } = (await login.json()) as { accessToken: string };

    // what the clients work on, read from the database before the run
    await check.connect();
    const today = cstToday();
    const campaign = await fetch(`${baseUrl}/api/campaign`, { headers: { authorization: `Bearer ${accessToken}` } });
    const { months } = (await campaign.json()) as { months: string[] };
    const units = ((await check.query(`SELECT code FROM units WHERE level IN ('county', 'zone') ORDER BY code`)).rows as { code: string }[]).map((r) => r.code);
    const assigned = ((await check.query(`SELECT h.ledger_no FROM hazards h JOIN assignments a ON a.hazard_ledger_no = h.ledger_no WHERE h.closed_on IS NULL ORDER BY 1`)).rows as { ledger_no: string }[]).map((r) => r.ledger_no);
    // sample hazards that may be rectified: confirmed, open, not rectified; several clients race for each
    const rectifiable: RectifyTarget[] = ((await check.query(`SELECT ledger_no, responsible_person, measures, funds_wan, deadline, contingency_plan FROM hazards
      WHERE confirmed_on IS NOT NULL AND rectified_on IS NULL AND closed_on IS NULL ORDER BY 1`)).rows as Record<string, string | null>[]).map((h) => {
      const body: Record<string, unknown> = { signedBy: SIGNER };
      if (!h.responsible_person) body.responsiblePerson = '整改责任人';
      if (!h.measures) body.measures = '整改措施';
      if (h.funds_wan === null) body.fundsWan = 1.5;
      if (!h.deadline) body.deadline = today;
      if (!h.contingency_plan) body.contingencyPlan = '应急预案';
      return { ledgerNo: h.ledger_no as string, body };
    });
    const enterprises: Enterprise[] = ((await check.query(`SELECT credit_code, unit_code, main_leader FROM enterprises ORDER BY 1`)).rows as { credit_code: string; unit_code: string; main_leader: string | null }[])
      .map((e) => ({ creditCode: e.credit_code, unitCode: e.unit_code, mainLeader: e.main_leader }));
    if (!assigned.length || !enterprises.length || !units.length) throw new Error('the sample has no assigned hazards, enterprises or units to work on');
    log(`load: ${o.clients} clients for ${o.seconds} s against ${baseUrl} (PostgreSQL database ${dbName}); ${assigned.length} assigned hazards take feedback, ${rectifiable.length} sample hazards are open to rectification, then each client reports, confirms and rectifies its own`);

    const latency = new Map<Kind, number[]>();
    const acks: Record<WriteKind, string[]> = { feedback: [], rectify: [], report: [], confirm: [] };
    const errors: string[] = [];
    let errorCount = 0;
    let expectedConflicts = 0;
    let requests = 0;
    const stillRectifiable = new Set(rectifiable.map((r) => r.ledgerNo));

    async function call(kind: Kind, method: string, p: string, body?: unknown): Promise<{ status: number; code?: string; json?: Record<string, unknown> } | undefined> {
      const t = performance.now();
      try {
        const r = await fetch(`${baseUrl}${p}`, {
          method,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await r.text();
        const ms = performance.now() - t;
        requests++;
        (latency.get(kind) ?? latency.set(kind, []).get(kind)!).push(ms);
        let json: Record<string, unknown> | undefined;
        try { json = JSON.parse(text) as Record<string, unknown>; } catch { /* not JSON */ }
        return { status: r.status, code: json?.code as string | undefined, json };
      } catch (e) {
        requests++;
        // the cause says which: a reset, a refused connection, a timeout
        const cause = (e as Error & { cause?: { code?: string; message?: string } }).cause;
        fail(`${method} ${p}: no answer (${(e as Error).message}${cause ? `: ${cause.code ?? ''} ${cause.message ?? ''}`.trimEnd() : ''})`);
        return undefined;
      }
    }
    function fail(what: string): void {
      errorCount++;
      if (errors.length < 50) errors.push(what);
    }
    function expectStatus(r: Awaited<ReturnType<typeof call>>, want: number, what: string): boolean {
      if (!r) return false;
      if (r.status === want) return true;
      fail(`${what}: ${r.status} ${r.code ?? ''} ${String(r.json?.message ?? '').slice(0, 200)}`);
      return false;
    }

    const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];

    async function read(): Promise<void> {
      const kind = pick(READ_KINDS);
      const month = pick(months);
      const p = {
        scores: `/api/scores?month=${month}`,
        county: `/api/scores/${pick(units)}?month=${month}`,
        hazards: `/api/hazards?page=${1 + Math.floor(Math.random() * 5)}&pageSize=20&sort=-found_on`,
        dispatch: `/api/dispatch?month=${month}`,
        feedback_list: `/api/feedback?pageSize=20`,
      }[kind];
      expectStatus(await call(kind, 'GET', p), 200, `GET ${p}`);
    }

    async function feedback(c: number, n: number): Promise<void> {
      const ledgerNo = pick(assigned);
      const documentNo = `LOAD-${run}-${c}-${n}`;
      const p = `/api/hazards/${encodeURIComponent(ledgerNo)}/feedback`;
      if (expectStatus(await call('feedback', 'POST', p, { documentNo, signedBy: SIGNER, progress: '整改推进中' }), 200, `POST ${p}`)) acks.feedback.push(documentNo);
    }

    async function rectifySample(): Promise<boolean> {
      const open = rectifiable.filter((r) => stillRectifiable.has(r.ledgerNo));
      if (!open.length) return false;
      const t = pick(open);
      const p = `/api/hazards/${encodeURIComponent(t.ledgerNo)}/rectify`;
      const r = await call('rectify', 'POST', p, t.body);
      if (r?.status === 200) {
        stillRectifiable.delete(t.ledgerNo);
        acks.rectify.push(t.ledgerNo);
      } else if (r?.status === 409 && r.code === 'HAZARD_ALREADY_RECTIFIED') {
        // another client was first: the lifecycle refuses a second rectification, as it should
        expectedConflicts++;
        stillRectifiable.delete(t.ledgerNo);
      } else {
        expectStatus(r, 200, `POST ${p}`);
      }
      return true;
    }

    // a client's own hazard through its lifecycle: report, two-level confirmation, rectification
    async function ownHazard(c: number, n: number): Promise<void> {
      const e = pick(enterprises);
      const ledgerNo = `LOAD-${run}-${c}-${n}`;
      const h = `/api/hazards/${encodeURIComponent(ledgerNo)}`;
      const reported = await call('report', 'POST', '/api/hazards', { ledgerNo, enterpriseCreditCode: e.creditCode, unitCode: e.unitCode, source: 'self_check', foundOn: '2024-03-01', description: '压测隐患', category: '贮存', signedBy: SIGNER });
      if (!expectStatus(reported, 201, `POST /api/hazards ${ledgerNo}`)) return;
      acks.report.push(ledgerNo);
      if (!expectStatus(await call('confirm', 'POST', `${h}/confirm`, { step: 'enterprise', signedBy: e.mainLeader ?? SIGNER, on: '2024-03-02' }), 200, `POST ${h}/confirm enterprise`)) return;
      acks.confirm.push(`${ledgerNo}|confirm_enterprise`);
      if (!expectStatus(await call('confirm', 'POST', `${h}/confirm`, { step: 'unit', signedBy: SIGNER, on: '2024-03-03' }), 200, `POST ${h}/confirm unit`)) return;
      acks.confirm.push(`${ledgerNo}|confirm_unit`);
      const body = { signedBy: SIGNER, responsiblePerson: '整改责任人', measures: '整改措施', fundsWan: 2, deadline: '2024-06-30', contingencyPlan: '应急预案' };
      if (expectStatus(await call('rectify', 'POST', `${h}/rectify`, body), 200, `POST ${h}/rectify`)) acks.rectify.push(ledgerNo);
    }

    // the analytics copy is loaded by the first figure read: that is the first start's cost (npm run bench
    // measures it), not the steady state this run measures
    const warm = await fetch(`${baseUrl}/api/scores?month=${months[months.length - 1]}`, { headers: { authorization: `Bearer ${accessToken}` } });
    if (warm.status !== 200) throw new Error(`warming up: GET /api/scores answered ${warm.status} ${await warm.text()}`);
    const writeShare = o.writeShare ?? 0.4;
    const until = performance.now() + o.seconds * 1000;
    const began = performance.now();
    async function client(c: number): Promise<void> {
      for (let n = 0; performance.now() < until; n++) {
        if (exited) return;
        const x = Math.random();
        if (x >= writeShare) await read();
        else if (x < writeShare * 0.625) await feedback(c, n);
        else if (!(await rectifySample())) await ownHazard(c, n);
      }
    }
    await Promise.all(Array.from({ length: o.clients }, (_, c) => client(c)));
    const elapsed = (performance.now() - began) / 1000;
    if (exited) fail(`${exited} during the run:\n${serverLog.slice(-4000)}`);

    // every acknowledged write, looked up in the database
    const count = async (sql: string, keys: string[]) => ((await check.query(sql, [keys])).rows[0] as { n: number }).n;
    const confirmKeys = (step: string) => acks.confirm.filter((k) => k.endsWith(`|${step}`)).map((k) => k.split('|')[0]);
    const found: Record<WriteKind, number> = {
      feedback: await count(`SELECT count(*)::int AS n FROM feedback WHERE document_no = ANY($1)`, acks.feedback),
      report: await count(`SELECT count(*)::int AS n FROM hazards WHERE ledger_no = ANY($1)`, acks.report),
      confirm: await count(`SELECT count(DISTINCT hazard_ledger_no)::int AS n FROM hazard_signoffs WHERE step = 'confirm_enterprise' AND hazard_ledger_no = ANY($1)`, confirmKeys('confirm_enterprise'))
        + await count(`SELECT count(*)::int AS n FROM hazards WHERE confirmed_on IS NOT NULL AND ledger_no = ANY($1)`, confirmKeys('confirm_unit')),
      // a hazard is rectified once: an acknowledgement counted twice would show here as a shortfall
      rectify: await count(`SELECT count(*)::int AS n FROM hazards h WHERE h.rectified_on IS NOT NULL AND h.ledger_no = ANY($1)
        AND (SELECT count(*) FROM hazard_signoffs s WHERE s.hazard_ledger_no = h.ledger_no AND s.step = 'rectify') = 1`, acks.rectify),
    };
    const acknowledged = Object.fromEntries(WRITE_KINDS.map((k) => [k, acks[k].length])) as Record<WriteKind, number>;
    const doubled = acks.rectify.length - new Set(acks.rectify).size;
    if (doubled) fail(`${doubled} hazards were acknowledged as rectified twice`);
    const lost = WRITE_KINDS.reduce((s, k) => s + acknowledged[k] - found[k], 0) + doubled;

    const all = (kinds: Kind[]) => kinds.flatMap((k) => latency.get(k) ?? []);
    const latencyReport: LoadReport['latency'] = {};
    for (const k of [...READ_KINDS, ...WRITE_KINDS]) {
      const p = percentiles(latency.get(k) ?? []);
      if (p) latencyReport[k] = p;
    }
    latencyReport['all reads'] = percentiles(all(READ_KINDS));
    latencyReport['all writes'] = percentiles(all(WRITE_KINDS));
    latencyReport.overall = percentiles(all([...READ_KINDS, ...WRITE_KINDS]));
    return { clients: o.clients, seconds: o.seconds, writeShare, requests, rate: requests / elapsed, latency: latencyReport, acknowledged, found, lost, expectedConflicts, errors, errorCount };
  } catch (e) {
    if (serverLog) log(`server output:\n${serverLog.slice(-4000)}`);
    throw e;
  } finally {
    await check.end().catch(() => undefined);
    if (server && server.exitCode === null) {
      const gone = new Promise((ok) => server!.once('exit', ok));
      server.kill('SIGTERM');
      await Promise.race([gone, new Promise((ok) => setTimeout(ok, 10_000))]);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    const drop = new pg.Client({ connectionString: o.databaseUrl });
    await drop.connect();
    await drop.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await drop.end();
  }
}

export function formatReport(r: LoadReport): string {
  const total = (x: Record<WriteKind, number>) => WRITE_KINDS.reduce((s, k) => s + x[k], 0);
  const f = (n: number) => n.toFixed(0).padStart(6);
  const rows = Object.entries(r.latency).filter(([, p]) => p).map(([k, p]) => `  ${k.padEnd(14)} ${String(p!.n).padStart(7)} ${f(p!.p50)} ${f(p!.p95)} ${f(p!.p99)} ${f(p!.max)}`);
  return [
    `load: ${r.clients} clients, ${r.seconds} s, ${Math.round(r.writeShare * 100)}% writes: ${r.requests} requests (${r.rate.toFixed(1)}/s); writes ${total(r.acknowledged)} acknowledged, ${total(r.found)} found, ${r.lost} lost; ${r.errorCount} errors; ${r.expectedConflicts} expected 409s (two clients rectifying one hazard)`,
    `  writes by kind (acknowledged/found): ${WRITE_KINDS.map((k) => `${k} ${r.acknowledged[k]}/${r.found[k]}`).join(', ')}`,
    `  latency ms      count    p50    p95    p99    max`,
    ...rows,
    ...r.errors.slice(0, 20).map((e) => `  error: ${e}`),
  ].join('\n');
}
