import { ARROW_PAGE_SIZE_MAX, JSON_PAGE_SIZE_MAX } from '../../../analytics/src/arrow-limits.js';
import { fileNameFromDisposition } from './disposition.js';
import { clearSession, readSession } from './session.js';
import { ledgerChanged } from './data-version.js';
import type { LoginAnswer, Page } from './types.js';

import { ApiError } from './api-error.js';

export { ApiError };

type Listener = () => void;
const unauthorizedListeners = new Set<Listener>();

/** Called when any request answers 401: the app sends the user back to the sign-in page. */
export function onUnauthorized(l: Listener): () => void {
  unauthorizedListeners.add(l);
  return () => unauthorizedListeners.delete(l);
}

async function toError(r: Response): Promise<ApiError> {
  let code = `HTTP_${r.status}`;
  let message = r.statusText || `HTTP ${r.status}`;
  let field: string | undefined;
  try {
    const body = (await r.json()) as { code?: string; message?: string | string[]; field?: string };
    if (body.code) code = body.code;
    if (body.message) message = Array.isArray(body.message) ? body.message.join('; ') : body.message;
    field = body.field;
  } catch {
    // not JSON (a proxy's page): keep the status line
  }
  return new ApiError(r.status, code, message, field);
}

/**
 * Every request with the signed-in user's token goes through here: a network failure becomes
 * ApiError NETWORK (an abort stays an abort), a 401 ends the session for every listener, and any other
 * non-2xx answer becomes the server's ApiError.
 */
async function authedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const session = readSession();
  let r: Response;
  try {
    r = await fetch(path, { ...init, headers: { ...(init.headers as Record<string, string>), ...(session ? { authorization: `Bearer ${session.token}` } : {}) } });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, 'NETWORK', `无法连接服务器：${(e as Error).message}`);
  }
  if (r.status === 401) {
    clearSession();
    unauthorizedListeners.forEach((l) => l());
  }
  if (!r.ok) throw await toError(r);
  return r;
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  const r = await authedFetch(path, { signal, headers: { accept: 'application/json' } });
  return (await r.json()) as T;
}

/**
 * A write: POST/PATCH a JSON body (or a FormData upload) with the user's token. Answers the JSON, or
 * undefined for 204. On success every loaded view reloads (ledgerChanged), so the hazard page, the ledger
 * and the ranking agree after a write without a page reload.
 */
export async function apiSend<T = unknown>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return send<T>(method, path, body, true);
}

/** A computation sent as a POST (what-if, stability): it writes nothing, so no view reloads after it. */
export function apiCompute<T>(path: string, body: unknown): Promise<T> {
  return send<T>('POST', path, body, false);
}

async function send<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, body: unknown, writes: boolean): Promise<T> {
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  const r = await authedFetch(path, {
    method,
    headers: { accept: 'application/json', ...(form || body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : form ? (body as FormData) : JSON.stringify(body),
  });
  if (writes) ledgerChanged();
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Sends a file as multipart/form-data (field `file`, plus text fields) and answers the JSON: the bundle
 * import and the reconciliation of a 调度表. The browser sets the multipart boundary itself.
 */
export async function apiUpload<T>(path: string, file: File, fields: Record<string, string> = {}): Promise<T> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', file, file.name);
  return apiSend<T>('POST', path, form);
}

export async function login(username: string, password: string): Promise<LoginAnswer> {
  let r: Response;
  try {
    r = await fetch('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  } catch (e) {
    throw new ApiError(0, 'NETWORK', `无法连接服务器：${(e as Error).message}`);
  }
  if (!r.ok) throw await toError(r);
  return (await r.json()) as LoginAnswer;
}

/**
 * An Arrow answer (Accept: application/vnd.apache.arrow.stream; analytics/src/arrow.ts): its rows as the JSON
 * answer's rows (dates 'YYYY-MM-DD', decimals as numbers) and its metadata (month, asOf, total …).
 * `table` picks one of a route's tables (GET /api/trace: missed, overdue, lookBack).
 */
export async function apiGetArrow<T>(path: string, signal?: AbortSignal, table?: string): Promise<{ rows: T[]; meta: Record<string, string> }> {
  // apache-arrow loads with the first Arrow read, not with every page of the app
  const { ARROW_STREAM, readArrow } = await import('../../../analytics/src/arrow.js');
  const r = await authedFetch(path, { signal, headers: { accept: table ? `${ARROW_STREAM}; table=${table}` : ARROW_STREAM } });
  const { rows, meta } = readArrow(new Uint8Array(await r.arrayBuffer()));
  return { rows: rows as T[], meta };
}

/** One page of a paged list read as Arrow, as the JSON page `{items, total, page, pageSize}`. */
export async function apiGetArrowPage<T>(path: string, signal?: AbortSignal): Promise<Page<T>> {
  const { rows, meta } = await apiGetArrow<T>(path, signal);
  return { items: rows, total: Number(meta.total), page: Number(meta.page), pageSize: Number(meta.pageSize) };
}

/**
 * Every row of a paged list that answers Arrow (hazards, inspections, actions), page after page of
 * ARROW_PAGE_SIZE_MAX rows, however many there are (no cap: the total the first page gives is what is
 * fetched). `onPage` hears the rows so far and the total, for a progress line.
 */
export async function apiGetAll<T>(path: string, signal?: AbortSignal, onPage?: (loaded: number, total: number) => void): Promise<T[]> {
  const out: T[] = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const p = await apiGetArrowPage<T>(`${path}${sep}page=${page}&pageSize=${ARROW_PAGE_SIZE_MAX}`, signal);
    // not push(...items): 100,000 arguments overflow the stack
    for (const item of p.items) out.push(item);
    onPage?.(out.length, p.total);
    if (out.length >= p.total || p.items.length === 0) return out;
  }
}

/**
 * Every row of a paged list that answers JSON only (users, enterprises, leaders), page after page of
 * JSON_PAGE_SIZE_MAX, as one page that holds them all: a pick list shows every choice, not the first 500.
 */
export async function apiGetEveryPage<T>(path: string, signal?: AbortSignal): Promise<Page<T>> {
  const items: T[] = [];
  const sep = path.includes('?') ? '&' : '?';
  for (let page = 1; ; page++) {
    const p = await apiGet<Page<T>>(`${path}${sep}page=${page}&pageSize=${JSON_PAGE_SIZE_MAX}`, signal);
    for (const item of p.items) items.push(item);
    if (items.length >= p.total || p.items.length === 0) return { items, total: p.total, page: 1, pageSize: Math.max(1, items.length) };
  }
}

/** `a=1&b=x` from an object, leaving out empty values */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Downloads a file route with the user's token (a plain link would not carry it) and saves it. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const r = await authedFetch(path);
  const url = URL.createObjectURL(await r.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = fileNameFromDisposition(r.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
