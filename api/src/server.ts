import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import helmet from 'helmet';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { AppModule, type AppOptions } from './app.module.js';
import { PROJECT_ROOT } from '../../analytics/src/project-root.js';
import { bodyParserErrors, HostileInputPipe } from './common/hostile-input.js';
import { validationRefusal } from './common/validation-refusal.js';
import { assignRequestId, requestContext } from './common/request-context.js';
import { answerDirectly } from './common/direct-routes.js';
import { withRequestId } from './common/security-log.js';
import { ScoresController } from './assessment/scores.controller.js';
import { addSchemaComponents } from './common/openapi.js';
import { MemoisedValidationPipe } from './common/query-validation.js';
import { replayedHeaders } from './common/static-headers.js';
import { keepIdleConnectionsOpen } from './common/keep-alive.js';
import type { Server } from 'node:http';

/**
 * The OpenAPI document of the app's routes (served at /api/docs-json; test/integration/openapi-lint.test.ts
 * lints it with Redocly's recommended rules). Security, summaries, parameters and answers come from the
 * routes' decorators (auth/access.decorator.ts, common/openapi.ts); the answers' schemas from typed
 * schemas beside the contracts.
 */
export function describeApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('危险废物领域重大事故隐患专项排查整治 API')
    .setDescription('台账、打分排队、调度、追溯与导出 / the ledger, the ranking, dispatch figures, traceback and exports (docs/api.md)')
    .setVersion('1')
    .addServer('/', 'this server')
    .addBearerAuth()
    .build();
  return addSchemaComponents(SwaggerModule.createDocument(app, config));
}

/** The Nest application with everything main.ts and the tests share: validation, headers, the dashboard. */
export async function createApp(o: AppOptions & { logger?: boolean }): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(o), { logger: o.logger === false ? false : ['error', 'warn', 'log'], bodyParser: false });
  keepIdleConnectionsOpen(app.getHttpServer() as Server);
  // first: a request id for every request, echoed as X-Request-Id and carried by its security events
  app.use(requestContext);
  // helmet's headers are the same on every answer: computed once, set in one step (static-headers.ts)
  const expressApp = app.getHttpAdapter().getInstance() as express.Express;
  expressApp.disable('x-powered-by');
  const securityHeaders = replayedHeaders(helmet({ contentSecurityPolicy: { directives: { 'script-src': ["'self'"], 'img-src': ["'self'", 'data:'] } } }));
  app.use(securityHeaders);
  // requests over 2 MB are refused with 413 before they reach a handler, in the API's JSON error shape;
  // a request without a body (every GET) skips the parser, as the parser itself would, a step sooner
  const json = express.json({ limit: '2mb' });
  app.use('/api', (req: express.Request, res: express.Response, next: express.NextFunction) => (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined ? next() : json(req, res, next)), bodyParserErrors('2 MB'));
  // NUL characters and absurd nesting are refused before validation (hostile-input.ts says why)
  app.useGlobalPipes(new HostileInputPipe(), new MemoisedValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, exceptionFactory: validationRefusal }));
  // the readers' most asked GET, answered ahead of Express's router by the app's own guard, pipes and handler (direct-routes.ts)
  answerDirectly(app, {
    around(req, res, next) {
      const requestId = assignRequestId(req, res);
      securityHeaders(req as express.Request, res as express.Response, () => undefined);
      return withRequestId(requestId, next);
    },
    parseQuery: expressApp.get('query parser fn') as (search: string) => Record<string, unknown>,
  }, [[ScoresController, 'ranking']]);
  // OpenAPI: the description of the routes (not their data) at /api/docs, its JSON at /api/docs-json
  SwaggerModule.setup('api/docs', app, () => describeApi(app));
  const dist = path.join(PROJECT_ROOT, 'dashboard/dist');
  if (fs.existsSync(path.join(dist, 'index.html'))) {
    // not for /api: mounted before the API's routes, it looked for a file (a stat through the thread
    // pool) on every API request, a tenth of a cached GET's CPU
    const files = express.static(dist, { index: false, maxAge: '1h' });
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => (req.path.startsWith('/api') ? next() : files(req, res, next)));
    // the dashboard routes in the browser: any GET outside /api gets its page
    app.use((req: express.Request, res: express.Response, next: express.NextFunction) => {
      if (req.method !== 'GET' || req.path.startsWith('/api')) return next();
      res.sendFile(path.join(dist, 'index.html'));
    });
  }
  return app;
}
