import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { DataSource } from 'typeorm';
import { createApp, describeApi } from '../../api/src/server.js';
import { readEnv } from '../../api/src/config/env.js';
import { ApiAnswer, ApiArrowAlternative, ARROW_STREAM } from '../../api/src/common/openapi.js';
import { hazardListItem, pageOf } from '../../api/src/common/view-schemas.js';
import type { Page } from '../../api/src/ledger/common/page.dto.js';
import type { HazardListItem } from '../../api/src/ledger/hazards/hazards.repository.js';

// The OpenAPI document (/api/docs-json) linted with Redocly's recommended rules (redocly.yaml): no
// errors. The document describes routes, not records, so the app is built over a database it never
// opens and never listens; redocly runs offline (no telemetry, no update check).
const run = promisify(execFile);
const REDOCLY = path.resolve('node_modules/.bin/redocly');

// the routes without sign-in (@Public()): a new one is a decision, made here too
const PUBLIC = ['POST /api/auth/login', 'GET /api/health', 'GET /api/public/releases', 'GET /api/public/hazards', 'GET /api/public/hazards.csv'];

interface Problem { ruleId: string; severity: 'error' | 'warn'; message: string; location: { pointer: string }[] }

describe('the OpenAPI document', () => {
  let app: INestApplication;
  let doc: OpenAPIObject;
  let dir: string;

  beforeAll(async () => {
    const env = { ...readEnv({ JWT_SECRET: 'test-secret-of-at-least-32-bytes-0123456789' }), port: 0 };
    const unused = { kind: 'embedded' as const, dataSource: {} as DataSource, close: async () => {} };
    app = await createApp({ env, db: unused, schedule: false, logger: false });
    doc = describeApi(app);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-openapi-'));
  });
  afterAll(async () => {
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('passes redocly lint with the recommended rules: 0 errors', async () => {
    const file = path.join(dir, 'openapi.json');
    fs.writeFileSync(file, JSON.stringify(doc));
    const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' };
    // lint exits 1 on errors; its JSON report is on stdout either way
    const out = await run(REDOCLY, ['lint', file, '--config', path.resolve('redocly.yaml'), '--format', 'json', '--max-problems', '10000'], { env, maxBuffer: 64 << 20 })
      .catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
    const problems = (JSON.parse(out.stdout) as { problems: Problem[] }).problems;
    const lines = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
    const warnings = lines.filter((l) => l.startsWith('warn'));
    console.log(`redocly lint: ${problems.length - warnings.length} errors, ${warnings.length} warnings over ${Object.keys(doc.paths).length} paths${warnings.length ? `\n${warnings.join('\n')}` : ''}`);
    expect(lines.filter((l) => l.startsWith('error'))).toEqual([]);
  });

  it('gives every operation a summary in Chinese and English, its security, and a schema for each answer', () => {
    type Answer = { content?: Record<string, { schema?: object }> };
    type Operation = { summary?: string; security?: Record<string, string[]>[]; responses: Record<string, Answer> };
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.entries(ops as Record<string, Operation>).map(([m, o]) => ({ name: `${m.toUpperCase()} ${p}`, o })));
    expect(operations.length).toBeGreaterThan(80);
    const faults: string[] = [];
    for (const { name, o } of operations) {
      if (!/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Z][^\u4e00-\u9fff]*[a-z]/.test(o.summary ?? '')) faults.push(`${name}: summary "${o.summary}" is not 中文 / English`);
      const bearer = JSON.stringify(o.security) === JSON.stringify([{ bearer: [] }]);
      const open = JSON.stringify(o.security) === '[]';
      if (!bearer && !open) faults.push(`${name}: security ${JSON.stringify(o.security)}`);
      if (bearer && !(o.responses['401'] && o.responses['403'])) faults.push(`${name}: signed-in route without its 401 and 403 answers`);
      if (open && PUBLIC.indexOf(name) < 0) faults.push(`${name}: described as public`);
      for (const [status, a] of Object.entries(o.responses)) {
        if (status === '204') continue;
        const schemas = Object.values(a.content ?? {}).map((c) => c.schema);
        if (!schemas.length || schemas.some((x) => !x || !Object.keys(x).length)) faults.push(`${name}: answer ${status} has no schema`);
      }
    }
    for (const name of PUBLIC) if (!operations.some((x) => x.name === name && JSON.stringify(x.o.security) === '[]')) faults.push(`${name}: not described as public`);
    expect(faults).toEqual([]);
  });

  // for the routes that answer Arrow too (issue 14 item 4): the lead applies the decorator at merge
  it('ApiArrowAlternative puts the Arrow stream beside the JSON of a 200 answer', async () => {
    @Controller('rows')
    class RowsController {
      @Get()
      @ApiArrowAlternative()
      @ApiAnswer(pageOf('HazardListItem', hazardListItem))
      list(): Page<HazardListItem> {
        return { items: [], total: 0, page: 1, pageSize: 20 };
      }
    }
    @Module({ controllers: [RowsController] })
    class RowsModule {}
    const small = await NestFactory.create(RowsModule, { logger: false });
    try {
      const content = SwaggerModule.createDocument(small, new DocumentBuilder().build()).paths['/rows'].get!.responses['200'] as { content: Record<string, { schema: object }> };
      expect(Object.keys(content.content).sort()).toEqual(['application/json', ARROW_STREAM]);
      expect(content.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/HazardListItemPage' });
      expect(content.content[ARROW_STREAM].schema).toMatchObject({ type: 'string', format: 'binary' });
    } finally {
      await small.close();
    }
  });
});
