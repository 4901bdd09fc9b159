import { Logger } from '@nestjs/common';

// Delivery to a unit office's own IM bot: one JSON POST, retried with exponential backoff (base, 2×base,
// 4×base …) on a network error or a non-2xx answer, given up after `attempts` tries.
export interface WebhookOptions { attempts: number; baseDelayMs: number; timeoutMs: number }
export const DEFAULT_WEBHOOK_OPTIONS: WebhookOptions = { attempts: 4, baseDelayMs: 2000, timeoutMs: 10_000 };

const log = new Logger('webhook');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** true when delivered; the number of tries is logged either way. */
export async function postWebhook(url: string, body: unknown, o: WebhookOptions = DEFAULT_WEBHOOK_OPTIONS): Promise<boolean> {
  let last = '';
  for (let attempt = 1; attempt <= o.attempts; attempt++) {
    try {
      const r = await fetch(url, {
        method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body), signal: AbortSignal.timeout(o.timeoutMs),
      });
      if (r.ok) return true;
      last = `HTTP ${r.status}`;
    } catch (e) {
      last = (e as Error).message;
    }
    if (attempt < o.attempts) await sleep(o.baseDelayMs * 2 ** (attempt - 1));
  }
  log.warn(`webhook ${new URL(url).host} not delivered after ${o.attempts} tries: ${last}`);
  return false;
}
