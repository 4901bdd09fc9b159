// Asks a running server for GET /api/hazards as JSON and as Arrow, every page, and says whether the two
// answers are equal row for row (the issue's "Must show"); then asks for the whole list as Arrow pages of
// ARROW_PAGE_SIZE_MAX and checks them against the JSON pages of 500 they span. A separate reader: apache-arrow reads the stream,
// analytics/src/arrow.ts only turns its cells into JSON values.
//
//   npm run arrow-check -- --url http://127.0.0.1:3000 --username admin   (password from ARROW_CHECK_PASSWORD)
//   or, after a build: node dist/scripts/arrow-check.js --url … --username … [--page-size 500] [--query 'status=open']
import { parseArgs } from 'node:util';
import { isDeepStrictEqual } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { ARROW_PAGE_SIZE_MAX, ARROW_STREAM, JSON_PAGE_SIZE_MAX, projectRow, rowsOfTable } from '../analytics/src/arrow.js';
import { HAZARD_LIST_ARROW } from '../api/src/ledger/hazards/hazards.repository.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.ARROW_CHECK_URL ?? 'http://127.0.0.1:3000' },
    username: { type: 'string', default: process.env.ARROW_CHECK_USERNAME ?? 'admin' },
    'page-size': { type: 'string', default: '500' },
    query: { type: 'string', default: '' },
  },
});
const base = values.url!.replace(/\/$/, '');
const password = process.env.ARROW_CHECK_PASSWORD;
if (!password) {
  process.stderr.write('ARROW_CHECK_PASSWORD is required (the password of --username)\n');
  process.exit(2);
}

async function token(): Promise<string> {
  const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: values.username, password }) });
  if (!r.ok) throw new Error(`sign-in as ${values.username}: HTTP ${r.status} ${await r.text()}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

async function main(): Promise<number> {
  const auth = { authorization: `Bearer ${await token()}` };
  const columns = HAZARD_LIST_ARROW.tables.items.columns;
  let total = Infinity;
  let compared = 0;
  let jsonMs = 0;
  let arrowMs = 0;
  let jsonBytes = 0;
  let arrowBytes = 0;
  for (let page = 1; compared < total; page++) {
    const path = `/api/hazards?${values.query ? `${values.query}&` : ''}page=${page}&pageSize=${values['page-size']}`;
    let t = performance.now();
    const j = await fetch(`${base}${path}`, { headers: { ...auth, accept: 'application/json' } });
    if (!j.ok) throw new Error(`GET ${path} as JSON: HTTP ${j.status}`);
    const jsonText = await j.text();
    jsonMs += performance.now() - t;
    jsonBytes += Buffer.byteLength(jsonText);
    const json = JSON.parse(jsonText) as { items: object[]; total: number };
    t = performance.now();
    const a = await fetch(`${base}${path}`, { headers: { ...auth, accept: ARROW_STREAM } });
    if (!a.ok || a.headers.get('content-type') !== ARROW_STREAM) throw new Error(`GET ${path} as Arrow: HTTP ${a.status} ${a.headers.get('content-type')}`);
    const bytes = new Uint8Array(await a.arrayBuffer());
    arrowMs += performance.now() - t;
    arrowBytes += bytes.byteLength;
    const table = tableFromIPC(bytes);
    const arrowRows = rowsOfTable(table);
    const jsonRows = json.items.map((r) => projectRow(r, columns));
    if (arrowRows.length !== jsonRows.length) {
      process.stdout.write(`NOT EQUAL: page ${page} has ${jsonRows.length} rows as JSON and ${arrowRows.length} as Arrow\n`);
      return 1;
    }
    for (let i = 0; i < jsonRows.length; i++) {
      if (!isDeepStrictEqual(arrowRows[i], jsonRows[i])) {
        process.stdout.write(`NOT EQUAL: page ${page} row ${i + 1}\n  JSON:  ${JSON.stringify(jsonRows[i])}\n  Arrow: ${JSON.stringify(arrowRows[i])}\n`);
        return 1;
      }
    }
    if (table.schema.metadata.get('total') !== String(json.total)) {
      process.stdout.write(`NOT EQUAL: total ${json.total} as JSON, ${table.schema.metadata.get('total')} in the Arrow metadata\n`);
      return 1;
    }
    total = json.total;
    compared += jsonRows.length;
    if (jsonRows.length === 0) break;
    if (page === 1) {
      const types = table.schema.fields.map((f) => `${f.name}: ${String(f.type)}`).join(', ');
      process.stdout.write(`Arrow schema: ${types}\n`);
    }
  }
  process.stdout.write(`EQUAL: GET /api/hazards at ${base}, ${compared} of ${total} rows compared row for row, JSON and Arrow (${Math.round(jsonBytes / 1024)} KiB JSON in ${Math.round(jsonMs)} ms, ${Math.round(arrowBytes / 1024)} KiB Arrow in ${Math.round(arrowMs)} ms)\n`);
  return compared === total ? 0 : 1;
}

/**
 * The whole list as Arrow pages of ARROW_PAGE_SIZE_MAX, each compared with the JSON pages of
 * JSON_PAGE_SIZE_MAX that cover the same rows (one large page in memory at a time).
 */
async function checkWhole(auth: Record<string, string>): Promise<number> {
  const columns = HAZARD_LIST_ARROW.tables.items.columns;
  const filter = values.query ? `${values.query}&` : '';
  const perBig = ARROW_PAGE_SIZE_MAX / JSON_PAGE_SIZE_MAX;
  let total = Infinity;
  let compared = 0;
  let arrowMs = 0;
  let arrowBytes = 0;
  for (let big = 1; compared < total; big++) {
    const path = `/api/hazards?${filter}page=${big}&pageSize=${ARROW_PAGE_SIZE_MAX}`;
    const t = performance.now();
    const a = await fetch(`${base}${path}`, { headers: { ...auth, accept: ARROW_STREAM } });
    if (!a.ok) throw new Error(`GET ${path} as Arrow: HTTP ${a.status}`);
    const bytes = new Uint8Array(await a.arrayBuffer());
    arrowMs += performance.now() - t;
    arrowBytes += bytes.byteLength;
    const table = tableFromIPC(bytes);
    const rows = rowsOfTable(table);
    total = Number(table.schema.metadata.get('total'));
    if (rows.length === 0) break;
    for (let k = 0; k * JSON_PAGE_SIZE_MAX < rows.length; k++) {
      const page = (big - 1) * perBig + k + 1;
      const j = await fetch(`${base}/api/hazards?${filter}page=${page}&pageSize=${JSON_PAGE_SIZE_MAX}`, { headers: { ...auth, accept: 'application/json' } });
      if (!j.ok) throw new Error(`GET /api/hazards page ${page} as JSON: HTTP ${j.status}`);
      const json = ((await j.json()) as { items: object[] }).items.map((r) => projectRow(r, columns));
      const part = rows.slice(k * JSON_PAGE_SIZE_MAX, (k + 1) * JSON_PAGE_SIZE_MAX);
      if (!isDeepStrictEqual(part, json)) {
        process.stdout.write(`NOT EQUAL: the whole list as Arrow (page ${big} of ${ARROW_PAGE_SIZE_MAX}) differs from JSON page ${page}\n`);
        return 1;
      }
    }
    compared += rows.length;
  }
  process.stdout.write(`EQUAL: the whole list as Arrow pages of ${ARROW_PAGE_SIZE_MAX}, ${compared} of ${total} rows, equals the JSON pages of ${JSON_PAGE_SIZE_MAX} row for row (${Math.round(arrowBytes / 1024)} KiB Arrow in ${Math.round(arrowMs)} ms)\n`);
  return compared === total ? 0 : 1;
}

main().then(async (code) => (code === 0 ? checkWhole({ authorization: `Bearer ${await token()}` }) : code)).then((code) => process.exit(code), (e: unknown) => {
  process.stderr.write(`arrow-check: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
