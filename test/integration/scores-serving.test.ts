import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWith } from '../support/requires.js';
import { startTestServer, type TestServer } from '../support/server.js';
import type { RankingAnswer } from '../../api/src/assessment/scores.service.js';
import { directCounts } from '../../api/src/common/direct-routes.js';
import { IDLE_TRACKER } from '../../api/src/common/keep-alive.js';

// GET /api/scores as served (api/src/assessment/scores.service.ts, api/src/common/cached-answer.ts):
// one parent's peers (default the user's city), pages with the total, the ETag and 304, gzip and br,
// and a cached answer dropped by an edit.

type Client = Awaited<ReturnType<TestServer['login']>>;
const MONTH = '2023-08';
const JINCHENG_PEERS = ['140500KF', '140502', '140521', '140522', '140524', '140525', '140581', '140596', '140597'];

/** a raw GET (node:http, no transparent decompression) with the headers given */
function rawGet(s: TestServer, token: string, path: string, headers: Record<string, string> = {}, agent?: http.Agent): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http.get(`${s.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}`, ...headers }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) })).on('error', reject);
    }).on('error', reject);
  });
}

describeWith([], 'GET /api/scores: peers, pages, ETag, compression', () => {
  let s: TestServer;
  let admin: Client;
  let token: string;
  const ranking = async (c: Client, q = '') => {
    const r = await c(`/api/scores?month=${MONTH}${q}`);
    return { status: r.status, body: (await r.json()) as RankingAnswer & { code?: string; message?: string } };
  };

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
    const r = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: s.adminPassword }) });
    token = ((await r.json()) as { accessToken: string }).accessToken;
  });
  afterAll(async () => { await s?.close(); });

  it("serves the user's city by default: the same units as parent=140500 and as parent=all in a city's ledger", async () => {
    const byDefault = await ranking(admin);
    expect(byDefault.status).toBe(200);
    expect(byDefault.body.parent).toEqual({ code: '140500', name: '晋城市', level: 'city' });
    expect(byDefault.body.units.map((u) => u.unit).sort()).toEqual(JINCHENG_PEERS);
    expect(byDefault.body).toMatchObject({ total: JINCHENG_PEERS.length, page: 1, pageSize: 100 });
    const named = await ranking(admin, '&parent=140500');
    expect(named.body.units).toEqual(byDefault.body.units);
    const all = await ranking(admin, '&parent=all');
    expect(all.body.parent).toBeNull();
    expect(all.body.units).toEqual(byDefault.body.units);
    // a county user opens on its own city's ranking
    const county = await s.login('zz_serving', await s.createUser('zz_serving', 'county_branch', '140525'));
    const own = await ranking(county);
    expect(own.status).toBe(200);
    expect(own.body.parent?.code).toBe('140500');
    expect(own.body.units).toEqual(byDefault.body.units);
  });

  it('pages in rank order with the total, and the pages put together are the whole ranking', async () => {
    const whole = (await ranking(admin)).body.units;
    const pages = [];
    for (let page = 1; page <= 4; page++) {
      const p = await ranking(admin, `&page=${page}&pageSize=4`);
      expect(p.body).toMatchObject({ total: JINCHENG_PEERS.length, page, pageSize: 4 });
      pages.push(...p.body.units);
      expect(p.body.units.length).toBe(Math.max(0, Math.min(4, JINCHENG_PEERS.length - (page - 1) * 4)));
    }
    expect(pages).toEqual(whole);
    expect(whole.map((u) => u.rank)).toEqual([...whole.map((u) => u.rank)].sort((a, b) => a - b));
  });

  it('refuses a bad parameter with 400 in Chinese, an unknown parent with 404, a county-level parent with 400', async () => {
    for (const q of ['&pageSize=0', '&pageSize=501', '&page=0', '&page=x', '&parent=14%2705', '&colour=red']) {
      const r = await ranking(admin, q);
      expect([q, r.status]).toEqual([q, 400]);
      expect(r.body.message).toMatch(/\p{Script=Han}/u);
    }
    const unknown = await ranking(admin, '&parent=149999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('UNKNOWN_UNIT');
    expect(unknown.body.message).toMatch(/单位不存在/);
    const county = await ranking(admin, '&parent=140525');
    expect(county.status).toBe(400);
    expect(county.body.code).toBe('BAD_PARAMETER');
    expect(county.body.message).toContain('parent=140500');
    expect((await admin('/api/scores?month=2024-01')).status).toBe(400);
  });

  it('keeps an idle connection open for 65 s, longer than its clients (common/keep-alive.ts)', async () => {
    expect((await rawGet(s, token, `/api/scores?month=${MONTH}`)).headers['keep-alive']).toBe('timeout=65');
    expect((await fetch(`${s.baseUrl}/api/health`)).headers.get('keep-alive')).toBe('timeout=65');
    // the idle cap's listener sits beside the direct path's, which hands the rest to Express
    const listeners = (s.app.getHttpServer() as http.Server).listeners('request');
    expect([listeners.length, listeners.filter((l) => IDLE_TRACKER in l).length]).toEqual([2, 1]);
  });

  it('answers on its direct path (common/direct-routes.ts) as Express does: status, headers and bytes, refusals handed over and logged once', async () => {
    const etag = (await rawGet(s, token, `/api/scores?month=${MONTH}`)).headers.etag!;
    const countyToken = await s.createUser('zz_direct', 'county_branch', '140525').then((password) => fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zz_direct', password }) }))
      .then(async (r) => ((await r.json()) as { accessToken: string }).accessToken);
    const answered: [string, Record<string, string>][] = [
      ['', {}], ['&parent=140500&page=2&pageSize=3', {}], ['', { 'accept-encoding': 'gzip, deflate, br' }], ['', { 'accept-encoding': 'gzip' }],
      ['', { 'if-none-match': etag }], ['', { accept: 'application/vnd.apache.arrow.stream' }], ['', { 'x-request-id': 'direct-1' }], ['', { authorization: `Bearer ${countyToken}` }],
    ];
    const refused: [string, Record<string, string>][] = [
      ['&pageSize=0', {}], ['&colour=red', {}], ['&parent=149999', {}], ['', { authorization: 'Bearer not-a-token' }], ['', { authorization: 'Basic x' }],
    ];
    // what may differ between two answers: the date, and a request id the server made up
    const comparable = (h: http.IncomingHttpHeaders, given: Record<string, string>) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== 'date' && (k !== 'x-request-id' || given['x-request-id'])));
    const before = { ...directCounts };
    const unauthorized = () => s.securityLog().split('\n').filter((l) => l.includes('auth.unauthorized')).length;
    const loggedBefore = unauthorized();
    for (const [q, h] of [...answered, ...refused]) {
      const direct = await rawGet(s, token, `/api/scores?month=${MONTH}${q}`, h);
      // the same route through Express: its router takes a trailing slash, the direct path does not
      const viaExpress = await rawGet(s, token, `/api/scores/?month=${MONTH}${q}`, h);
      expect([q, h, direct.status, comparable(direct.headers, h), direct.body.toString('base64')]).toEqual([q, h, viaExpress.status, comparable(viaExpress.headers, h), viaExpress.body.toString('base64')]);
      expect([q, h, direct.status < 400]).toEqual([q, h, answered.some(([aq, ah]) => aq === q && ah === h)]);
    }
    expect(directCounts.answered - before.answered).toBe(answered.length);
    expect(directCounts.handedOver - before.handedOver).toBe(refused.length);
    // two refused tokens, each asked both ways: one security event a request, none from the direct path's own try
    expect(unauthorized() - loggedBefore).toBe(4);
  });

  it('answers 304 to its ETag, and the same tag compressed or not; gzip and br when accepted', async () => {
    const plain = await rawGet(s, token, `/api/scores?month=${MONTH}`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers['vary']).toMatch(/Accept-Encoding/i);
    // the ranking also answers Arrow: a cache must key on Accept as well (the compression once replaced it)
    expect(String(plain.headers['vary']).split(',').map((v) => v.trim().toLowerCase())).toEqual(expect.arrayContaining(['accept', 'accept-encoding']));
    expect(plain.headers['cache-control']).toBe('private, no-cache');
    const etag = plain.headers.etag!;
    expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
    const json = JSON.parse(plain.body.toString('utf8')) as RankingAnswer;
    expect(json.units.length).toBe(JINCHENG_PEERS.length);

    const gz = await rawGet(s, token, `/api/scores?month=${MONTH}`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).equals(plain.body)).toBe(true);
    expect(gz.body.length).toBeLessThan(plain.body.length);
    const br = await rawGet(s, token, `/api/scores?month=${MONTH}`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(zlib.brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect(br.headers.etag).toBe(etag);
    const refused = await rawGet(s, token, `/api/scores?month=${MONTH}`, { 'accept-encoding': 'br;q=0, gzip;q=0' });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const again = await rawGet(s, token, `/api/scores?month=${MONTH}`, { 'if-none-match': etag, 'accept-encoding': 'br' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.headers.etag).toBe(etag);
    expect((await rawGet(s, token, `/api/scores?month=${MONTH}`, { 'if-none-match': `"other", ${etag.slice(2)}` })).status).toBe(304);
    // another page, parent or month is another answer
    expect((await rawGet(s, token, `/api/scores?month=${MONTH}&pageSize=3`, { 'if-none-match': etag })).status).toBe(200);
    expect((await rawGet(s, token, `/api/scores?month=2023-09`, { 'if-none-match': etag })).status).toBe(200);
  });

  it('an edit drops the cached answer: the old ETag gets 200 with the new figures', async () => {
    const before = await rawGet(s, token, '/api/scores?month=2023-12');
    const old = JSON.parse(before.body.toString('utf8')) as RankingAnswer;
    // rectify an overdue hazard on its deadline (one the lifecycle lets us: the first that answers 2xx)
    let u: RankingAnswer['units'][number] | undefined;
    const refusals: string[] = [];
    for (const candidate of old.units.filter((x) => x.parts.overdue > 0)) {
      const detail = (await (await admin(`/api/scores/${candidate.unit}?month=2023-12`)).json()) as { explanation: { overdueHazards: { ledgerNo: string; deadline: string }[] } };
      for (const h of detail.explanation.overdueHazards) {
        const r = await admin(`/api/hazards/${encodeURIComponent(h.ledgerNo)}/rectify`, { method: 'POST', body: JSON.stringify({ rectifiedOn: h.deadline, signedBy: '测试' }) });
        if (r.status < 300) { u = candidate; break; }
        refusals.push(`${h.ledgerNo} ${r.status} ${await r.text()}`);
      }
      if (u) break;
    }
    if (!u) throw new Error(`no overdue hazard could be rectified: ${refusals.slice(0, 5).join('; ')}`);
    // the write's 2xx came first: the next read sees it, without waiting for the backstop tick
    const after = await rawGet(s, token, '/api/scores?month=2023-12', { 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const now = JSON.parse(after.body.toString('utf8')) as RankingAnswer;
    expect(now.units.find((x) => x.unit === u.unit)!.parts.overdue).toBe(u.parts.overdue - 1);
    expect((await rawGet(s, token, '/api/scores?month=2023-12', { 'if-none-match': after.headers.etag! })).status).toBe(304);
  });

  it('a publish drops it too: the published mark appears under the old ETag', async () => {
    const before = await rawGet(s, token, `/api/scores?month=2023-09`);
    expect(JSON.parse(before.body.toString('utf8')).published).toBeNull();
    expect((await admin('/api/rankings/2023-09/publish', { method: 'POST' })).status).toBe(201);
    const after = await rawGet(s, token, `/api/scores?month=2023-09`, { 'if-none-match': before.headers.etag! });
    expect(after.status).toBe(200);
    expect(JSON.parse(after.body.toString('utf8')).published).toMatchObject({ schemeVersion: 'default' });
  });
});

// The direct path as an attacker would try it (api/src/common/direct-routes.ts): many requests at once from
// users of different cities and roles, each with its own request id, must each get their own id back and
// their own city's ranking (nothing of one request's context — its user, its id — reaching another), and a
// token whose user was disabled, deleted or signed out after signing in must be refused as Express does.
describeWith([], 'GET /api/scores on its direct path, attacked', () => {
  let s: TestServer;
  let admin: Client;
  const tokenOf = async (username: string, password: string) => {
    const r = await fetch(`${s.baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    return ((await r.json()) as { accessToken: string }).accessToken;
  };
  const ranking = (r: { body: Buffer }) => JSON.parse(r.body.toString('utf8')) as RankingAnswer;

  beforeAll(async () => {
    s = await startTestServer();
    admin = await s.login('admin', s.adminPassword);
    // a second city with one county, so that a user there is answered another ranking than Jincheng's
    await s.t.db.dataSource.query(`INSERT INTO units (code, name, level, parent_code) VALUES ('140600', '朔州市', 'city', NULL), ('140602', '朔城区', 'county', '140600')`);
    const t0 = performance.now();
    while ((await admin(`/api/scores?month=${MONTH}&parent=140600`)).status !== 200) {
      if (performance.now() - t0 > 20_000) throw new Error('the second city never reached the ranking');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  afterAll(async () => { await s?.close(); });

  it('answers 50 requests at once, two users of two cities and roles and some bad tokens: each its own request id and its own city', async () => {
    const users = {
      county: { token: await tokenOf('zz_jc_county', await s.createUser('zz_jc_county', 'county_branch', '140525')), city: '140500' },
      inspector: { token: await tokenOf('zz_sz_inspector', await s.createUser('zz_sz_inspector', 'inspector', '140602')), city: '140600' },
    };
    // each user's ranking asked alone first: what each must get back below
    const alone = {
      county: ranking(await rawGet(s, users.county.token, `/api/scores?month=${MONTH}`)),
      inspector: ranking(await rawGet(s, users.inspector.token, `/api/scores?month=${MONTH}`)),
    };
    expect(alone.county.parent?.code).toBe('140500');
    expect(alone.county.units.map((u) => u.unit).sort()).toEqual(JINCHENG_PEERS);
    expect(alone.inspector.parent?.code).toBe('140600');
    expect(alone.inspector.units.every((u) => u.unit === '140602')).toBe(true);

    const asks = Array.from({ length: 50 }, (_, i) => ({
      id: `attack-${i}`,
      who: i % 10 === 9 ? ('forged' as const) : i % 2 ? ('inspector' as const) : ('county' as const),
    }));
    // Fifty connections opened and kept (a first round), then fifty requests written on them in one go (a
    // second round): the server reads them all in one turn of its event loop, so that their guards, pipes
    // and handlers interleave at every await (new connections come one by one, each request done before the next)
    const agent = new http.Agent({ keepAlive: true, maxSockets: asks.length });
    const round = () => Promise.all(asks.map(({ id, who }) =>
      rawGet(s, who === 'forged' ? `${users.county.token.slice(0, -4)}AAAA` : users[who].token, `/api/scores?month=${MONTH}`, { 'x-request-id': id }, agent)));
    const before = { ...directCounts };
    const loggedBefore = s.securityLog().length;
    const rounds = [await round(), await round()];
    agent.destroy();
    for (const answers of rounds) answers.forEach((r, i) => {
      const { id, who } = asks[i];
      expect([id, who, r.status, r.headers['x-request-id']]).toEqual([id, who, who === 'forged' ? 401 : 200, id]);
      if (who === 'forged') return;
      const body = ranking(r);
      expect([id, who, body.parent?.code]).toEqual([id, who, users[who].city]);
      expect([id, who, body]).toEqual([id, who, alone[who]]);
    });
    const forged = asks.filter((a) => a.who === 'forged').length;
    expect(directCounts.answered - before.answered).toBe(2 * (asks.length - forged));
    expect(directCounts.handedOver - before.handedOver).toBe(2 * forged);
    // each refused request logged once a round, under its own request id
    const refusedIds = s.securityLog().slice(loggedBefore).split('\n').filter(Boolean)
      .map((l) => JSON.parse(l) as { event: string; requestId?: string }).filter((e) => e.event === 'auth.unauthorized').map((e) => e.requestId).sort();
    expect(refusedIds).toEqual(asks.filter((a) => a.who === 'forged').flatMap((a) => [a.id, a.id]).sort());
  });

  const gone: [string, (username: string) => Promise<void>][] = [
    ['disabled by the office', async (u) => { expect((await admin(`/api/users/${u}`, { method: 'PATCH', body: JSON.stringify({ disabled: true }) })).status).toBe(200); }],
    ['deleted by SQL', async (u) => { await s.t.db.dataSource.query('DELETE FROM users WHERE username = $1', [u]); }],
    ['signed out everywhere', async (u) => {
      const c = await s.login(u, `${u}-password`);
      expect((await c('/api/auth/logout-all', { method: 'POST' })).status).toBeLessThan(300);
    }],
  ];
  for (const [what, change] of gone) {
    it(`refuses the token of a user ${what} after signing in, as Express does`, async () => {
      const username = `zz_gone_${what.split(' ')[0]}`;
      const token = await tokenOf(username, await s.createUser(username, 'county_branch', '140521'));
      // answered on the direct path, and the token kept in memory, before the change
      const before = { ...directCounts };
      for (let i = 0; i < 3; i++) expect((await rawGet(s, token, `/api/scores?month=${MONTH}`)).status).toBe(200);
      expect(directCounts.answered - before.answered).toBe(3);
      await change(username);
      const refusedBefore = { ...directCounts };
      const direct = await rawGet(s, token, `/api/scores?month=${MONTH}`, { 'x-request-id': `gone-${username}` });
      const viaExpress = await rawGet(s, token, `/api/scores/?month=${MONTH}`, { 'x-request-id': `gone-${username}` });
      expect(direct.status).toBe(401);
      expect(direct.headers['x-request-id']).toBe(`gone-${username}`);
      expect([direct.status, direct.body.toString('utf8')]).toEqual([viaExpress.status, viaExpress.body.toString('utf8')]);
      // refused by the guard on the direct path, then answered by Express
      expect(directCounts.handedOver - refusedBefore.handedOver).toBe(1);
      expect(directCounts.answered - refusedBefore.answered).toBe(0);
    });
  }
});
