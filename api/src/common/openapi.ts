import { applyDecorators } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, DECORATORS, type OpenAPIObject } from '@nestjs/swagger';
import type { JsonSchema, Schema } from '../../../analytics/src/json-schema.js';
import { errorAnswerSchema } from './error-answer.js';

// The OpenAPI document's answers come from typed schemas (analytics/src/json-schema.ts): a decorator
// records the named schemas it uses here, and describeApi (server.ts) puts them in the document's
// components, so a $ref never points at nothing.
const COMPONENTS: Record<string, JsonSchema> = {};

function use<T>(schema: Schema<T>): JsonSchema {
  Object.assign(COMPONENTS, schema.components);
  return schema.json;
}

/** The named schemas the decorators have used, for the document's components. */
export function addSchemaComponents(doc: OpenAPIObject): OpenAPIObject {
  doc.components = { ...doc.components, schemas: { ...doc.components?.schemas, ...(COMPONENTS as NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>) } };
  return doc;
}

/** 摘要: the operation's summary in Chinese and English (`排名 / Ranking of county-level units`). */
export const Summary = (zh: string, en: string, description?: string) => ApiOperation({ summary: `${zh} / ${en}`, description });

type Handler<T> = (...args: never[]) => T | Promise<T>;

/**
 * The answer's JSON schema. The handler must return what the schema describes: the decorator does not
 * compile on a method whose return type differs, so the document follows the code.
 */
export function ApiAnswer<T>(schema: Schema<T>, o: { status?: number; description?: string } = {}) {
  return <F extends Handler<T>>(target: object, key: string | symbol, d: TypedPropertyDescriptor<F>): TypedPropertyDescriptor<F> => {
    ApiResponse({ status: o.status ?? 200, description: o.description ?? 'OK', schema: use(schema) as object })(target, key, d);
    return d;
  };
}

/**
 * The answer's JSON schema for a handler that sends its own bytes (@Res: a cached answer): its return type
 * cannot be checked, so the service's answer type is (the schema is built with s.object<ThatType>).
 */
export function ApiSentAnswer<T>(schema: Schema<T>, o: { description?: string } = {}): MethodDecorator {
  return ApiResponse({ status: 200, description: o.description ?? 'OK', schema: use(schema) as object });
}

/** A file to download (CSV, XLSX, DOCX): the media type and a binary body. */
export function ApiFile(mediaType: string, description: string) {
  return applyDecorators(
    ApiProduces(mediaType),
    ApiResponse({ status: 200, description, content: { [mediaType]: { schema: { type: 'string', format: 'binary' } } } }),
  );
}

/** Answered with no body (204). */
export const ApiNoBody = (description: string) => ApiResponse({ status: 204, description });

const ERRORS = {
  400: '请求有误 / bad request: a parameter or body field is wrong (`field` names it; BAD_PARAMETER, BAD_MONTH, …)',
  401: '未登录 / no valid bearer token (sign in at POST /api/auth/login)',
  403: '无权访问 / the role may not do this, or the record is another unit\'s (FORBIDDEN, OUT_OF_SCOPE)',
  404: '不存在 / no such record (UNKNOWN_RECORD, UNKNOWN_HAZARD, UNKNOWN_UNIT, …)',
  409: '冲突 / the record\'s state forbids it (HAZARD_ALREADY_CLOSED, CONFLICT, …: the code says which)',
  413: '文件过大 / the upload is over the limit',
  429: '请求过于频繁 / too many requests: Retry-After says when to come back',
  503: '暂时不可用 / the ledger database is unavailable (DATABASE_UNAVAILABLE): retry after Retry-After',
} as const;
export type ErrorStatus = keyof typeof ERRORS;

/** A refusal the route may answer, in the API's error shape (error-answer.ts). */
export function ApiError(status: ErrorStatus, description: string = ERRORS[status]) {
  return ApiResponse({ status, description, content: { 'application/json': { schema: use(errorAnswerSchema) as object } } });
}

/** The refusals a route may answer, each with its usual wording. */
export const ApiErrors = (...statuses: ErrorStatus[]) => applyDecorators(...statuses.map((status) => ApiError(status)));

/**
 * No sign-in: the operation says `security: []`. Merged into the operation's metadata (ApiOperation
 * merges too), so Summary() above or below it keeps both.
 */
export function NoSecurity(): MethodDecorator {
  return (_target, _key, d) => {
    const prev = (Reflect.getMetadata(DECORATORS.API_OPERATION, d.value as object) ?? {}) as object;
    Reflect.defineMetadata(DECORATORS.API_OPERATION, { ...prev, security: [] }, d.value as object);
    return d;
  };
}

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

/**
 * The route also answers `Accept: application/vnd.apache.arrow.stream` with an Arrow IPC stream of the
 * same rows. Adds that media type beside the JSON of the 200 answer; put it above ApiAnswer.
 */
export function ApiArrowAlternative(description = 'the same rows as an Arrow IPC stream (Accept: application/vnd.apache.arrow.stream)') {
  return (_target: object, _key: string | symbol, d: PropertyDescriptor) => {
    const responses = (Reflect.getMetadata(DECORATORS.API_RESPONSE, d.value as object) ?? {}) as Record<string, { description?: string; content?: Record<string, unknown>; schema?: unknown }>;
    const ok = responses['200'] ?? { description: 'OK' };
    const json = ok.content?.['application/json'] ?? (ok.schema ? { schema: ok.schema } : undefined);
    const content = { ...(json ? { 'application/json': json } : {}), ...ok.content, [ARROW_STREAM]: { schema: { type: 'string', format: 'binary', description } } };
    Reflect.defineMetadata(DECORATORS.API_RESPONSE, { ...responses, 200: { description: ok.description, content } }, d.value as object);
    return d;
  };
}

