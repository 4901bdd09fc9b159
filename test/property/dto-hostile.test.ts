import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { creditCode, signIn, type Client } from '../support/ledger-api.js';
import { BODY_ROUTES, jsonType, type BodyRoute, type Field, type Kind } from './body-routes.js';
import { EXTRA_FIELDS, FORMULAS, SQL, hostileNumber, hostileString, wrongShape } from './hostile-values.js';
import { ledgerDigest, nextXid, tableNames } from './ledger-digest.js';

// Hostile bodies for every route that takes one, against one real server over the embedded engine with
// the sample imported. Each body starts valid-ish (real unit codes, credit codes, ledger numbers, dates
// in the campaign) and is then bent: fields dropped, set to the wrong type, to huge, NUL-bearing,
// SQL or formula text, impossible dates, nested arrays; unknown fields added; or the whole body replaced
// by something that is not a JSON object. Whatever arrives, the server answers one of the statuses the
// API uses, never 500; a 400 names the field; and a refused request changed nothing, checked after each
// request on its own: when the request used no transaction id it cannot have written a row (every
// insert, update, delete or row lock takes one); when it did (a write, or one rolled back), the digest of
// every table (counts + md5 of the rows, ledger-digest.ts) must equal the one before. The id check costs
// one query; the digest, taken only then, a scan of the sample's few thousand rows.
const RUNS = Number(process.env.HOSTILE_DTO_RUNS ?? 1500);
// a failure prints its seed: HOSTILE_DTO_SEED replays it

const STATUSES = [200, 201, 400, 401, 403, 404, 409, 413, 422];
// a login refused five times for one name is held off (login-limiter.ts)
const LOGIN_STATUSES = [...STATUSES, 429];

const FINDINGS = ['no_leader_study', 'no_leader_inspection', 'no_duty_list', 'no_safety_staff', 'uncertified_special_work', 'outsourcing_chaos', 'no_drill'];
const MONTHS = ['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01'];
const CHINESE = ['贮存场所未设置防渗漏设施', '转移联单', '处置', '利用', '张三', '检查员1', '晋市环发〔2023〕51号', '已整改'];
const CODE_SET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

interface Pools { units: string[]; enterprises: string[]; hazards: string[]; inspections: string[]; actions: string[]; leaders: string[]; adminPassword: string }

const date = fc.integer({ min: 0, max: 250 }).map((d) => new Date(Date.UTC(2023, 3, 25 + d)).toISOString().slice(0, 10));
const freeText = fc.oneof(fc.constantFrom(...CHINESE), fc.constantFrom(...SQL, ...FORMULAS), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }));

function validish(kind: Kind, p: Pools): fc.Arbitrary<unknown> {
  if (typeof kind === 'object') return fc.constantFrom(...kind.enum);
  switch (kind) {
    case 'creditCode': return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...p.enterprises) },
      fc.array(fc.constantFrom(...CODE_SET), { minLength: 9, maxLength: 9 }).map((cs) => creditCode(`91140525${cs.join('')}`)),
      fc.constantFrom('91140502L12TH3BJ3A', '123', 'IOZSV1405020000000'));
    case 'unitCode': return fc.constantFrom(...p.units, 'NOPE');
    case 'date': return date;
    case 'text': return freeText;
    case 'name': return fc.oneof(fc.constantFrom('张三', '李四', '检查员1'), freeText.filter((s) => s.length <= 100));
    case 'newId': return fc.stringMatching(/^P[A-Za-z0-9._-]{1,16}$/);
    case 'hazard': return fc.constantFrom(...p.hazards, 'NOPE-1');
    case 'inspection': return fc.constantFrom(...p.inspections, 'NOPE');
    case 'action': return fc.constantFrom(...p.actions, 'NOPE');
    case 'leader': return fc.constantFrom(...p.leaders, '无此人');
    case 'month': return fc.constantFrom(...MONTHS);
    case 'schemeVersion': return fc.stringMatching(/^[A-Za-z0-9._-]{1,40}$/);
    case 'schemeBase': return fc.constantFrom('default', 'nope');
    case 'username': return fc.oneof(fc.constant('admin'), fc.stringMatching(/^[a-z][a-z0-9_]{1,20}$/));
    case 'password': return fc.oneof(fc.constant(p.adminPassword), fc.string({ minLength: 8, maxLength: 30 }));
    case 'int': return fc.integer({ min: 0, max: 5 });
    case 'money': return fc.integer({ min: 0, max: 1_000_000 }).map((c) => c / 100);
    case 'bool': return fc.boolean();
    case 'signers': return fc.uniqueArray(fc.constantFrom('张三', '李四', '王五', '检查员1'), { minLength: 1, maxLength: 3 });
    case 'findings': return fc.uniqueArray(fc.constantFrom(...FINDINGS), { maxLength: 3 });
    case 'campaign': return fc.constantFrom('jincheng-2023', 'nope');
    // a campaign's phases: mostly the notice's own, sometimes a duty outside its phase or a field too many
    case 'phases': return fc.oneof(
      fc.constant([{ key: 'all', name: '全程', startOn: '2023-04-25', endOn: '2023-12-31' },
        { key: 'county_coverage', name: '县级全覆盖检查', startOn: '2023-07-01', endOn: '2023-08-31', withinPhase: 'all', requiredPercent: 100, inspectedBy: 'unit' }]),
      fc.array(fc.record({ key: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/), name: freeText.filter((x) => x.length <= 40), startOn: date, endOn: date,
        withinPhase: fc.option(fc.constantFrom('all', 'nope'), { nil: undefined }), requiredPercent: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
        inspectedBy: fc.option(fc.constantFrom('unit', 'parent', 'city'), { nil: undefined }) }, { requiredKeys: ['key', 'name', 'startOn', 'endOn'] }), { maxLength: 4 }));
    case 'schemeParams': return fc.oneof(fc.constantFrom({}, { I1: { rectified: 10 } }, { missedLookbackDays: 90 }, { deductions: { cap: 15.5 } }),
      fc.dictionary(fc.constantFrom('I1', 'I2', 'nope', 'missedLookbackDays', 'emptyRatio'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }));
  }
}

type Mutation = { op: 'drop'; field: string } | { op: 'set'; field: string; value: unknown } | { op: 'extra'; field: string; value: unknown };

function mutation(fields: string[]): fc.Arbitrary<Mutation> {
  const any = fields.length ? fc.constantFrom(...fields) : fc.constant('colour');
  return fc.oneof(
    fc.record({ op: fc.constant('drop' as const), field: any }),
    fc.record({ op: fc.constant('set' as const), field: any, value: fc.oneof(hostileString, wrongShape, hostileNumber, fc.constantFrom<unknown>(null, true, false)) }),
    fc.record({ op: fc.constant('extra' as const), field: fc.constantFrom(...EXTRA_FIELDS, '__proto__', 'constructor'), value: fc.jsonValue({ maxDepth: 2 }) }),
  );
}

/** what is sent: a JSON object built from the route's fields, or a raw body of some other shape */
type Sent = { kind: 'json'; body: Record<string, unknown> } | { kind: 'raw'; raw: string | Uint8Array; contentType: string; what: string };

const rawBodies: fc.Arbitrary<Sent> = fc.oneof(
  fc.constantFrom<unknown>([], [{}], 'text', 42, null, true).map((v) => ({ kind: 'raw' as const, raw: JSON.stringify(v), contentType: 'application/json', what: 'not an object' })),
  fc.constantFrom('{"a":', '{', "{'a':1}", '\u0000', '{"a":1}garbage', '', '{"a":"\\ud800"}', '{"__proto__":{"isAdmin":true}}')
    .map((raw) => ({ kind: 'raw' as const, raw, contentType: 'application/json', what: 'bad JSON' })),
  // nested far deeper than JSON.stringify here can write: built as text
  fc.constantFrom('{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000), `{"name":${'['.repeat(20_000)}${']'.repeat(20_000)}}`)
    .map((raw) => ({ kind: 'raw' as const, raw, contentType: 'application/json', what: 'deep' })),
  fc.uint8Array({ maxLength: 300 }).map((raw) => ({ kind: 'raw' as const, raw, contentType: 'application/octet-stream', what: 'bytes' })),
  fc.string().map((raw) => ({ kind: 'raw' as const, raw, contentType: 'text/plain', what: 'text' })),
);

function bodyOf(route: BodyRoute, p: Pools): fc.Arbitrary<{ sent: Sent; mutations: Mutation[] }> {
  const entries = Object.entries(route.fields);
  const record = fc.record(Object.fromEntries(entries.map(([k, f]) => [k, validish(f.kind, p)])),
    { requiredKeys: entries.filter(([, f]) => f.required).map(([k]) => k) }) as fc.Arbitrary<Record<string, unknown>>;
  const json = fc.tuple(record, fc.array(mutation(entries.map(([k]) => k)), { maxLength: 3 })).map(([base, mutations]) => {
    const body: Record<string, unknown> = { ...base };
    for (const m of mutations) {
      if (m.op === 'drop') delete body[m.field];
      else Object.defineProperty(body, m.field, { value: m.value, enumerable: true, configurable: true, writable: true });
    }
    return { sent: { kind: 'json' as const, body }, mutations };
  });
  return fc.oneof({ weight: 9, arbitrary: json }, { weight: 1, arbitrary: rawBodies.map((sent) => ({ sent, mutations: [] })) });
}

// encodeURIComponent throws on a lone surrogate; in a URL it can only travel as U+FFFD
const wellFormed = (s: string) => s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** path parameter values: the route's real ones mostly, hostile strings (short: the URL has a limit) sometimes */
function paramOf(kind: Kind, p: Pools): fc.Arbitrary<string> {
  const hostile = fc.oneof(hostileString.filter((s) => s.length > 0 && s.length < 200), fc.constantFrom('%', '%E0%A4', 'a%00b'))
    // kept raw to carry a malformed escape or a NUL, but a raw / ? or # would make another URL (no route: 404)
    .map((s) => (s.startsWith('%') || s.includes('%00') ? s.replace(/[/?#]/g, (c) => encodeURIComponent(c)) : encodeURIComponent(wellFormed(s))))
    .filter((s) => !/^(\.|%2e){1,2}$/i.test(s));
  return fc.oneof({ weight: 4, arbitrary: (validish(kind, p) as fc.Arbitrary<string>).map(encodeURIComponent) }, hostile);
}

/** the fields whose final value the DTO surely refuses: wrong JSON type, a required field missing, an unknown field */
function surelyWrong(route: BodyRoute, body: Record<string, unknown>): string[] {
  if (route.body) return [];
  const out: string[] = [];
  for (const [name, f] of Object.entries(route.fields) as [string, Field][]) {
    const v = body[name];
    if (v === undefined || v === null) {
      if (f.required) out.push(name);
      continue;
    }
    const want = jsonType(f.kind);
    const got = Array.isArray(v) ? 'array' : typeof v;
    if (got !== want) out.push(name);
    else if (want === 'array' && f.kind !== 'phases' && (v as unknown[]).some((x) => typeof x !== 'string')) out.push(name);
  }
  // constructor may be dropped by the transformer rather than refused: not surely wrong (__proto__ is refused early)
  for (const k of Object.keys(body)) if (!(k in route.fields) && k !== 'constructor') out.push(k);
  return out;
}

// a counterexample may hold a body of hundreds of kilobytes: long strings are cut in the report
function shortReport<T>(out: fc.RunDetails<T>): void {
  if (!out.failed) return;
  const cut = (_: string, v: unknown) => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 120)}…(${v.length} characters)` : v);
  throw new Error(`property failed after ${out.numRuns} runs (seed ${out.seed}, path ${out.counterexamplePath}):\n`
    + `${JSON.stringify(out.counterexample, cut)}\n${String(out.errorInstance).slice(0, 3000)}`);
}

/** what HostileInputPipe refuses before validation: a NUL anywhere, nesting over 32 levels, a field named __proto__ */
function earlyRefused(v: unknown, depth = 1): boolean {
  if (typeof v === 'string') return v.includes('\u0000');
  if (v === null || typeof v !== 'object') return false;
  if (depth >= 32) return true;
  return Object.entries(v).some(([k, x]) => k.includes('\u0000') || k === '__proto__' || earlyRefused(x, depth + 1));
}

/** the top-level fields of a raw body that is a JSON object, else none */
function parsedObject(raw: string | Uint8Array): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(typeof raw === 'string' ? raw : Buffer.from(raw).toString('utf8'));
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const word = (name: string) => new RegExp(`(^|[^A-Za-z0-9_])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([^A-Za-z0-9_]|$)`);

describeWith([], 'hostile DTO bodies', () => {
  let s: TestServer;
  let pools: Pools;
  let tables: string[];
  const clients: Record<string, Client> = {};
  const seen = { tried: 0, refused: 0, accepted: 0, serverErrors: 0, digests: 0, noXid: 0, digestMs: 0, requestMs: 0, byStatus: {} as Record<number, number>, routes: new Set<string>() };

  beforeAll(async () => {
    s = await startTestServer({ engine: 'embedded' });
    clients.city_office = await s.login('admin', s.adminPassword);
    clients.group_leader = await signIn(s, 'group_leader');
    clients.county_branch = await signIn(s, 'county_branch', '140525');
    clients.inspector = await signIn(s, 'inspector', '140525');
    clients.viewer = await signIn(s, 'viewer');
    const ds = s.t.db.dataSource;
    const col = async (sql: string) => ((await ds.query(sql)) as { v: string }[]).map((r) => r.v);
    pools = {
      units: await col(`SELECT code AS v FROM units ORDER BY code`),
      enterprises: await col(`SELECT credit_code AS v FROM enterprises ORDER BY credit_code`),
      hazards: await col(`SELECT ledger_no AS v FROM hazards ORDER BY ledger_no`),
      inspections: await col(`SELECT inspection_id AS v FROM inspections ORDER BY inspection_id`),
      actions: await col(`SELECT action_id AS v FROM actions ORDER BY action_id`),
      leaders: await col(`SELECT DISTINCT name AS v FROM leaders ORDER BY name`),
      adminPassword: s.adminPassword,
    };
    tables = await tableNames(ds);
  });
  afterAll(async () => {
    await s?.close();
    console.log(`hostile DTO bodies: ${seen.tried} tried over ${seen.routes.size} routes: ${seen.refused} refused, ${seen.accepted} accepted, `
      + `${seen.serverErrors} server errors; nothing written checked by ${seen.noXid} unused transaction ids and ${seen.digests} table digests (${Math.round(seen.digestMs)} ms; requests ${Math.round(seen.requestMs)} ms); by status ${JSON.stringify(seen.byStatus)}`);
  });

  it('covers every route the server describes with a body (POST, PUT, PATCH, DELETE) and every field of its DTO', async () => {
    const doc = (await (await fetch(`${s.baseUrl}/api/docs-json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { $ref?: string } }> } }>>;
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
    };
    const described: string[] = [];
    for (const [p, ops] of Object.entries(doc.paths)) for (const m of Object.keys(ops)) if (['post', 'put', 'patch', 'delete'].includes(m)) described.push(`${m.toUpperCase()} ${p}`);
    expect(described.sort()).toEqual(BODY_ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    for (const r of BODY_ROUTES) {
      const ref = doc.paths[r.path][r.method.toLowerCase()].requestBody?.content['application/json']?.schema.$ref;
      if (r.body) continue;
      expect(ref).toBeDefined();
      const props = doc.components.schemas[ref!.split('/').pop()!].properties;
      // DTOs described with @ApiProperty must list exactly the fields the test generates
      if (props && Object.keys(props).length) expect([r.method, r.path, Object.keys(props).sort()]).toEqual([r.method, r.path, Object.keys(r.fields).sort()]);
    }
  });

  it(`answers ${RUNS} hostile bodies without a 500, names the field of a 400, and writes nothing when it refuses`, async () => {
    const ds = s.t.db.dataSource;
    let digest = await ledgerDigest(ds, tables);
    let lastXid = await nextXid(ds);
    const roles = fc.oneof({ weight: 6, arbitrary: fc.constant('city_office') }, fc.constantFrom('group_leader', 'county_branch', 'inspector', 'viewer'));
    // HOSTILE_DTO_ONLY=what-if narrows the run to the routes whose path holds it (to chase one finding)
    const routes = BODY_ROUTES.filter((r) => r.hostile !== false && r.path.includes(process.env.HOSTILE_DTO_ONLY ?? ''));
    const request = fc.oneof(...routes.map((route) => ({
      weight: Math.round((route.weight ?? 1) * 10),
      arbitrary: fc.record({
        route: fc.constant(route),
        role: roles,
        params: fc.record(Object.fromEntries(Object.entries(route.params ?? {}).map(([k, kind]) => [k, paramOf(kind, pools)]))) as fc.Arbitrary<Record<string, string>>,
        query: route.body === 'file' ? fc.record({ unit: fc.oneof(fc.constantFrom(...pools.units), hostileString.filter((x) => x.length < 100)), month: fc.constantFrom(...MONTHS) }) : fc.constant(undefined),
        body: route.body === 'file'
          ? rawBodies.map((sent) => ({ sent, mutations: [] as Mutation[] }))
          : bodyOf(route, pools),
      }),
    })));

    await fc.assert(fc.asyncProperty(request, async ({ route, role, params, query, body }) => {
      let url = route.path.replace(/\{(\w+)\}/g, (_, k: string) => params[k]);
      if (query) url += `?unit=${encodeURIComponent(wellFormed(query.unit))}&month=${query.month}`;
      const init: RequestInit = body.sent.kind === 'json'
        ? { method: route.method, body: JSON.stringify(body.sent.body) }
        : { method: route.method, body: body.sent.raw as RequestInit["body"], headers: { 'content-type': body.sent.contentType } };
      const login = route.path === '/api/auth/login';
      const sentAt = performance.now();
      // a request that hangs is a finding too (the server stops answering): fail it with its input
      init.signal = AbortSignal.timeout(30_000);
      const r = login
        ? await fetch(`${s.baseUrl}${url}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } })
        : await clients[role](url, init);
      const text = await r.text();
      seen.requestMs += performance.now() - sentAt;
      seen.tried++;
      seen.routes.add(`${route.method} ${route.path}`);
      seen.byStatus[r.status] = (seen.byStatus[r.status] ?? 0) + 1;
      const where = `${route.method} ${url.slice(0, 200)} as ${login ? 'nobody' : role}: ${r.status} ${text.slice(0, 300)}`;
      if (r.status >= 500) seen.serverErrors++;
      expect([where, (login ? LOGIN_STATUSES : STATUSES).includes(r.status)]).toEqual([where, true]);

      const t0 = performance.now();
      const xid = await nextXid(ds);
      const wrote = xid !== lastXid + 1n;
      lastXid = xid;
      if (wrote) {
        const after = await ledgerDigest(ds, tables);
        seen.digests++;
        if (r.status >= 400) expect([where, after === digest]).toEqual([where, true]);
        digest = after;
      } else seen.noXid++;
      seen.digestMs += performance.now() - t0;
      if (r.status >= 400) seen.refused++;
      else seen.accepted++;

      const answer = JSON.parse(text) as { message?: unknown };
      // a path with a malformed %-escape is refused by Express before routing (after the JSON parser,
      // which may refuse the body first), whatever the body
      const decoded = Object.values(params).map((v) => { try { return decodeURIComponent(v); } catch { return undefined; } });
      if (decoded.includes(undefined)) {
        expect([where, r.status, /param|body/.test(String(answer.message))]).toEqual([where, 400, true]);
        return;
      }
      // a NUL in a path parameter is refused naming the parameter, maybe before the body is looked at
      const badParams = Object.keys(params).filter((k, i) => decoded[i]!.includes('\u0000'));
      if (r.status === 400) {
        expect([where, typeof answer.message]).toEqual([where, 'string']);
        const message = answer.message as string;
        const sent = body.sent.kind === 'json' ? body.sent.body : parsedObject(body.sent.raw);
        const wrong = body.sent.kind === 'json' ? surelyWrong(route, sent) : [];
        // the NUL and nesting check runs before validation and may name its field first
        const refusedEarly = Object.keys(sent).filter((k) => earlyRefused(sent[k]) || k.includes('\u0000') || k === '__proto__');
        const names = wrong.length ? [...wrong, ...badParams, ...refusedEarly] : [...Object.keys(route.fields), ...Object.keys(sent), ...Object.keys(route.params ?? {}), 'body', 'unit', 'file', 'month',
          // Express refuses a malformed %-escape in the path before routing: "Failed to decode param '%'" quotes the value
          ...(route.params ? ['param'] : [])];
        expect([where, names.some((n) => word(n).test(message))]).toEqual([where, true]);
      }
      // a body the DTO surely refuses is refused as a bad request (the role guard may answer first)
      if (body.sent.kind === 'json' && surelyWrong(route, body.sent.body).length) {
        expect([where, [400, 403].includes(r.status)]).toEqual([where, true]);
        if (role === 'city_office' || login) expect([where, r.status]).toEqual([where, 400]);
      }
    }), { numRuns: RUNS, reporter: shortReport, endOnFailure: true, ...(process.env.HOSTILE_DTO_SEED ? { seed: Number(process.env.HOSTILE_DTO_SEED) } : {}) });
  }, 600_000);
});
