// npm run --silent build:server && swc scripts -d dist --quiet && node dist/scripts/bench/adapters.js [--seconds 10] [--units 9]
// The HTTP framework's own cost, apart from the product: the same cached ranking bytes (GET /api/scores)
// and a constant health answer (GET /api/health, framework-serialised, no database) served by bare
// node:http, Nest on Express and Nest on Fastify, each in its own process, under 50 connections
// (autocannon). Reports p50/p95/p99 and the server's CPU per request (/proc utime + stime). Never
// asserted; docs/scale-out.md records the figures with the date and load average.
import 'reflect-metadata';
import { spawn } from 'node:child_process';
import http, { type ServerResponse } from 'node:http';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Module, Res } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { latencyText, loadTest } from './load.js';
import { Report } from './report.js';

const SERVERS = ['node:http', 'nest-express', 'nest-fastify'] as const;
type ServerKind = (typeof SERVERS)[number];

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

/** a ranking answer of `n` units, shaped like GET /api/scores' (about 600 bytes a unit) */
function rankingBody(n: number): Buffer {
  const units = Array.from({ length: n }, (_, i) => ({
    unit: `1405${String(i).padStart(2, '0')}`, name: `单位${i}`, rank: i + 1, total: 80 - i / 10, I1: 20, I2: 20, I3: 20, I4: 20, D: 0,
    parts: { found: 10, rectified: 9, overdue: 1, scope: 40, checked: 38, flagged: 3, enforced: 2, penalised: 1, enforced_rectified: 1, cases: 0, main_ok: 1, member_ok: 0.83, late: 0, missed_feedback: 0, missed_hazards: 0 },
    movement: { rankChange: 0, totalChange: 0 },
  }));
  return Buffer.from(JSON.stringify({ month: '2023-08', asOf: '2023-08-31', scheme: 'default', units, published: null, parent: { code: '140500', name: '晋城市', level: 'city' }, total: n, page: 1, pageSize: 100 }));
}

const HEALTH = { status: 'ok', database: 'ok' };

/** the cached bytes as each framework sends bytes (Express: the Node response; Fastify: its reply) */
function sendBytes(res: ServerResponse | { header(k: string, v: string): unknown; send(b: Buffer): unknown }, body: Buffer): void {
  if ('send' in res) {
    res.header('content-type', 'application/json; charset=utf-8');
    res.send(body);
  } else {
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(body);
  }
}

async function serve(kind: ServerKind, port: number, body: Buffer): Promise<void> {
  if (kind === 'node:http') {
    const health = Buffer.from(JSON.stringify(HEALTH));
    http.createServer((req, res) => sendBytes(res, req.url?.startsWith('/api/scores') ? body : health)).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
    return;
  }
  @Controller('api')
  class BenchController {
    @Get('health')
    health() {
      return HEALTH;
    }

    @Get('scores')
    scores(@Res() res: ServerResponse) {
      sendBytes(res, body);
    }
  }
  @Module({ controllers: [BenchController] })
  class BenchModule {}
  const adapter = kind === 'nest-express' ? new ExpressAdapter() : new FastifyAdapter();
  const app = await NestFactory.create(BenchModule, adapter, { logger: false });
  await app.listen(port, '127.0.0.1');
  process.stdout.write('ready\n');
}

async function measure(kind: ServerKind, seconds: number, units: number, report: Report): Promise<void> {
  const port = 4100 + Math.floor(Math.random() * 800);
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--serve', kind, '--port', String(port), '--units', String(units)], { stdio: ['ignore', 'pipe', 'inherit'] });
  try {
    await new Promise<void>((ok, fail) => {
      child.stdout!.on('data', (d: Buffer) => { if (d.toString().includes('ready')) ok(); });
      child.once('exit', (code) => fail(new Error(`${kind} exited with ${code}`)));
    });
    for (const path of ['/api/health', '/api/scores']) {
      await loadTest(`http://127.0.0.1:${port}${path}`, {}, 10, 1); // warm up (JIT)
      report.add(`${kind.padEnd(12)} GET ${path.padEnd(12)} 50 conn: p50 / p95 / p99`, latencyText(await loadTest(`http://127.0.0.1:${port}${path}`, {}, 50, seconds, child.pid)));
    }
  } finally {
    child.kill('SIGTERM');
  }
}

async function main(): Promise<void> {
  const units = Number(option('units', '9'));
  if (process.argv.includes('--serve')) return serve(option('serve', 'node:http') as ServerKind, Number(option('port', '4100')), rankingBody(units));
  const seconds = Number(option('seconds', '10'));
  const report = new Report();
  report.add('answer of GET /api/scores (cached bytes)', `${rankingBody(units).length} bytes (${units} units)`);
  report.add('load average before', os.loadavg().map((x) => x.toFixed(2)).join(' '));
  for (const kind of SERVERS) await measure(kind, seconds, units, report);
  report.add('load average after', os.loadavg().map((x) => x.toFixed(2)).join(' '));
  report.print('HTTP adapters, the same cached bytes');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
