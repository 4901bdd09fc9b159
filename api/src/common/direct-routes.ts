import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { type CanActivate, type INestApplication, type PipeTransform, RequestMethod, type Type } from '@nestjs/common';
import { GUARDS_METADATA, INTERCEPTORS_METADATA, METHOD_METADATA, PATH_METADATA, PIPES_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants.js';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum.js';
import { ApplicationConfig } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host.js';
import { IDLE_TRACKER } from './keep-alive.js';

// A cached GET /api/scores cost ~0.3 ms of CPU, of which Express's router walking the app's few hundred
// layers and Nest's pipeline around the handler took ~0.1 ms (scripts/bench/adapters.ts: the same bytes
// cost 0.13 ms on Nest/Express, 0.02 ms on bare node:http). The routes named here are taken from node:http
// before Express sees them and run through the same pieces Express and Nest would run, in their order: the
// request-scoped headers (request id, helmet's), the app's guard (reading the rule from the route's own
// decorator), the global pipes on each query parameter, and the route's own handler, which answers on the
// response itself (@Res()). Only a success is answered here: a request the guard or a pipe refuses, or
// whose handler throws before answering, is handed to Express as it came (headers set here removed), and
// Express answers it as it always did — the error's shape, its status, the security log line.

/** requests answered here and handed to Express (a test reads them: the path it compares must have been taken) */
export const directCounts = { answered: 0, handedOver: 0 };

type Request = IncomingMessage & { user?: unknown; securityNote?: unknown };

/** What the app's middleware does before every route, shared with Express's (server.ts builds both from the same pieces). */
export interface Pipeline {
  /** the headers every answer carries, set before the route runs (request id, helmet's); runs `next` in the request's context */
  around(req: IncomingMessage, res: ServerResponse, next: () => Promise<void>): Promise<void>;
  /** the query string parsed as Express parses it ('query parser fn') */
  parseQuery(search: string): Record<string, unknown>;
}

/**
 * The app's global guards and pipes, the very instances Nest runs (APP_GUARD, useGlobalPipes). Nest keeps
 * them in the application's private `config`; read from there so that a guard added to the app cannot be
 * skipped here. Throws at start when Nest no longer keeps them there, or when the app has global
 * interceptors or request-scoped enhancers (this path does not run those).
 */
function globalEnhancers(app: INestApplication): { guards: CanActivate[]; pipes: PipeTransform[] } {
  const config = (app as unknown as { config?: ApplicationConfig }).config;
  if (!(config instanceof ApplicationConfig)) throw new Error('answerDirectly: the Nest application keeps no ApplicationConfig in `config` (a Nest upgrade?)');
  if (config.getGlobalInterceptors().length || config.getGlobalRequestInterceptors().length || config.getGlobalRequestGuards().length || config.getGlobalRequestPipes().length) {
    throw new Error('answerDirectly: the app has global interceptors or request-scoped guards or pipes, which this path does not run');
  }
  const guards = config.getGlobalGuards();
  if (!guards.length) throw new Error('answerDirectly: the app has no global guard (the routes\' access rules would not be checked)');
  return { guards, pipes: config.getGlobalPipes() };
}

interface DirectRoute {
  path: string;
  controller: Type;
  name: string;
  /** the handler's arguments built from one request */
  args(req: Request, res: ServerResponse, query: Record<string, unknown>, pipes: PipeTransform[]): Promise<unknown[]>;
}

const join = (...parts: (string | undefined)[]) => `/${parts.flatMap((p) => (p ?? '').split('/')).filter(Boolean).join('/')}`;

/**
 * A GET route's direct form, read from its decorators. Refuses (throws at start) a route this path could
 * not run as Nest does: not a GET, a guard, pipe or interceptor of its own, or a parameter other than the
 * request, the response (answered by the handler: no passthrough) or the query.
 */
function directRoute(controller: Type, name: string): DirectRoute {
  const handler = controller.prototype[name] as (...a: unknown[]) => unknown;
  const refuse = (why: string) => new Error(`direct route ${controller.name}.${name}: ${why}`);
  if (Reflect.getMetadata(METHOD_METADATA, handler) !== RequestMethod.GET) throw refuse('not a GET');
  for (const key of [GUARDS_METADATA, PIPES_METADATA, INTERCEPTORS_METADATA]) {
    if ((Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller))?.length) throw refuse(`has ${key} of its own`);
  }
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, name) ?? []) as unknown[];
  const params = Object.entries((Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, name) ?? {}) as Record<string, { index: number; data?: unknown; pipes?: unknown[] }>)
    .map(([key, p]) => ({ type: Number(key.split(':')[0]), ...p }));
  if (params.length !== handler.length) throw refuse('a parameter without a decorator');
  for (const p of params) {
    if (p.pipes?.length) throw refuse('a parameter with pipes of its own');
    if (p.type === RouteParamtypes.RESPONSE && (p.data as { passthrough?: boolean } | undefined)?.passthrough) throw refuse('@Res({ passthrough }): Nest would send what it returns');
    if (![RouteParamtypes.REQUEST, RouteParamtypes.RESPONSE, RouteParamtypes.QUERY].includes(p.type)) throw refuse(`a parameter of type ${RouteParamtypes[p.type]}`);
  }
  if (!params.some((p) => p.type === RouteParamtypes.RESPONSE)) throw refuse('no @Res(): Nest would send what it returns');
  return {
    path: join(Reflect.getMetadata(PATH_METADATA, controller) as string, Reflect.getMetadata(PATH_METADATA, handler) as string),
    controller, name,
    async args(req, res, query, pipes) {
      const args: unknown[] = [];
      for (const p of params) {
        if (p.type === RouteParamtypes.REQUEST) args[p.index] = req;
        else if (p.type === RouteParamtypes.RESPONSE) args[p.index] = res;
        else {
          const data = p.data as string | undefined;
          let value: unknown = data ? query[data] : query;
          for (const pipe of pipes) value = await pipe.transform(value, { type: 'query', metatype: types[p.index] as Type, data });
          args[p.index] = value;
        }
      }
      return args;
    },
  };
}

/**
 * Takes `routes` (controller and handler name) from node:http ahead of Express on the app's server. The
 * app must not be listening yet, and its global guards and pipes set. DIRECT_ROUTES=off leaves every request
 * to Express (to compare the two).
 */
export function answerDirectly(app: INestApplication, pipeline: Pipeline, routes: [Type, string][]): void {
  if (process.env.DIRECT_ROUTES === 'off') return;
  const { guards, pipes } = globalEnhancers(app);
  const byPath = new Map(routes.map(([c, name]) => {
    const r = directRoute(c, name);
    const instance = app.get(c, { strict: false }) as Record<string, (...a: unknown[]) => Promise<unknown>>;
    return [r.path, { ...r, instance }] as const;
  }));
  const server = app.getHttpServer() as Server;
  // the idle connection tracker (keep-alive.ts) listens beside Express and stays
  const [express, ...others] = (server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[]).filter((l) => !(IDLE_TRACKER in l));
  if (!express || others.length) throw new Error('answerDirectly: expected one request listener (Express) on the server');
  server.removeListener('request', express);
  server.on('request', (req: Request, res: ServerResponse) => {
    const url = req.url ?? '';
    const q = url.indexOf('?');
    const route = req.method === 'GET' ? byPath.get(q < 0 ? url : url.slice(0, q)) : undefined;
    // a GET with a body is Express's (its parser and its limits)
    if (!route || req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined) return express(req, res);
    void answer(route, req, res, q < 0 ? '' : url.slice(q + 1)).catch(() => false).then((answered) => {
      if (answered) {
        directCounts.answered++;
        return;
      }
      directCounts.handedOver++;
      for (const name of res.getHeaderNames()) res.removeHeader(name);
      res.statusCode = 200;
      delete req.user;
      delete req.securityNote;
      express(req, res);
    });
  });

  async function answer(route: DirectRoute & { instance: Record<string, (...a: unknown[]) => Promise<unknown>> }, req: Request, res: ServerResponse, search: string): Promise<boolean> {
    const controller = route.instance;
    let answered = false;
    await pipeline.around(req, res, async () => {
      try {
        const ctx = new ExecutionContextHost([req, res], route.controller, controller[route.name]);
        for (const guard of guards) if ((await guard.canActivate(ctx)) !== true) return;
        const args = await route.args(req, res, pipeline.parseQuery(search), pipes);
        await controller[route.name](...args);
        answered = true;
      } catch (e) {
        // started answering, then failed: nothing left to hand over
        if (res.headersSent) {
          answered = true;
          res.destroy(e as Error);
        }
      }
    });
    return answered;
  }
}
