import type { BriefingQueryDto } from '../../../../api/src/exports/briefing-query.dto.js';
import { num, text, type FormValues } from '../../ui/form/values.js';

// The 通报 download's query from the export form: 文号 (机关代字 and 序号), 成文日期 and 抄送, each left
// out when blank so that the server's defaults apply (晋危废专办, the month's own or the next number,
// the month's last day, the 领导小组 members).

export function briefingQuery(month: string, v: FormValues): BriefingQueryDto {
  return { month, docPrefix: text(v, 'docPrefix'), docNo: num(v, 'docNo'), date: text(v, 'date'), copyTo: text(v, 'copyTo') };
}

// the query is built here rather than with api/client's query(): this file stays free of the browser's
// globals, so that the unit tests (run under Node) can import it
export function briefingPath(month: string, v: FormValues): string {
  const q = new URLSearchParams();
  for (const [k, x] of Object.entries(briefingQuery(month, v))) if (x !== undefined) q.set(k, String(x));
  return `/api/exports/briefing.docx?${q}`;
}
