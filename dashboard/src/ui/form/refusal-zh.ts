import { CODE_ZH, PHRASES_ZH } from '../../../../api/src/common/error-messages-zh.js';
import { ApiError } from '../../api/api-error.js';

// The Chinese of the API's codes and of the common validation phrasings is the API's own table
// (api/src/common/error-messages-zh.ts), which also sets every error's message; the form reads it to put
// a short sentence beside the refused input.
export const REFUSAL_ZH = CODE_ZH;
const PHRASES = PHRASES_ZH;

/** The Chinese sentence for a refusal: the code's meaning, refined by the message's phrase when it names a field. */
export function refusalZh(e: unknown): string {
  if (!(e instanceof ApiError)) return `操作未完成：${(e as Error)?.message ?? String(e)}`;
  // the password rule is one sentence whatever part of it failed (length, common, repeated)
  if (e.code === 'WEAK_PASSWORD' || e.code === 'PASSWORD_MISMATCH') return REFUSAL_ZH[e.code];
  if (e.field) for (const [re, zh] of PHRASES) if (re.test(e.message)) return zh;
  if (e.status === 403 && !REFUSAL_ZH[e.code]) return REFUSAL_ZH.FORBIDDEN;
  return REFUSAL_ZH[e.code] ?? `操作未完成（${e.code}）`;
}
