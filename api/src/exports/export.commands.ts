import type { Command } from '../cli/commands/command.js';
import { EXIT, UsageError } from '../cli/usage-error.js';
import { briefingBuffer } from './briefing-document.js';
import { buildBriefing } from './briefing-content.js';
import { gatherBriefing, rankingWithMovement } from './briefing-data.js';
import { reconciliationsReader } from '../reconcile/reconciliations.service.js';
import { CSV_KINDS, dispatchCsv, hazardsAsOf, hazardsCsv, scoresCsv, type CsvKind } from './csv-exports.js';
import { DOC_PREFIX } from './briefing-query.dto.js';
import { dispatchWorkbookBuffer } from './dispatch-workbook.js';
import { requireString, withLedger, writeFileAtomically } from './export-run.js';
import { endOfMonth, loadCampaign } from '../campaign/campaign.js';

// npm run cli -- export dispatch|briefing|csv …: the office's files for a month, written to --out.

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

export const exportDispatchCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' } },
  async run(v, _p, env) {
    const out = requireString(v.out, '--out FILE.xlsx');
    await withLedger(env, 'read', v.month, async ({ ds, month, figures }) => {
      const d = await (await figures()).dispatch(month);
      writeFileAtomically(out, await dispatchWorkbookBuffer(d, (await loadCampaign(ds, month)).name));
      say(`调度表 ${month}（截至 ${d.asOf}）: ${d.units.length} units and the city-wide table written to ${out}`);
    });
    return EXIT.done;
  },
};

export const exportBriefingCommand: Command = {
  options: { month: { type: 'string' }, out: { type: 'string' }, date: { type: 'string' }, 'doc-prefix': { type: 'string' }, 'doc-no': { type: 'string' }, 'copy-to': { type: 'string' } },
  async run(v, _p, env) {
    const out = requireString(v.out, '--out FILE.docx');
    if (v.date !== undefined && (typeof v.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v.date))) throw new UsageError('--date must be YYYY-MM-DD (the issuing date; default: the last day of the month)');
    const docNo = v['doc-no'];
    if (docNo !== undefined && (typeof docNo !== 'string' || !/^[1-9]\d{0,4}$/.test(docNo))) throw new UsageError('--doc-no must be a whole number from 1 (the 文号\'s 序号; default: the month\'s number or the next free one)');
    const docPrefix = v['doc-prefix'];
    if (docPrefix !== undefined && (typeof docPrefix !== 'string' || !DOC_PREFIX.test(docPrefix))) throw new UsageError('--doc-prefix must be 2 to 12 汉字 (the 机关代字, e.g. 晋危废专办)');
    // 'write': the 文号 is registered (document_numbers), and kept only once the file is written
    await withLedger(env, 'write', v.month, async ({ ds, month, figures }, commit) => {
      const input = await gatherBriefing(ds, await figures(), reconciliationsReader(ds), month, {
        issuedOn: v.date as string | undefined, docPrefix: docPrefix as string | undefined, docNo: docNo === undefined ? undefined : Number(docNo),
        copyTo: v['copy-to'] as string | undefined, issuedBy: 'cli',
      });
      const briefing = buildBriefing(input);
      writeFileAtomically(out, await briefingBuffer(briefing));
      await commit();
      say(`通报 ${month} ${input.docNumber}${briefing.draft ? '（草稿：排名未发布）' : '（已发布排名）'}: ranking of ${input.ranking.units.length} units written to ${out}`);
    });
    return EXIT.done;
  },
};

export const exportCsvCommand: Command = {
  // --codes: the machine columns (JSON keys, bundle columns, codes) for integrations; default Chinese
  options: { what: { type: 'string' }, month: { type: 'string' }, out: { type: 'string' }, codes: { type: 'boolean' } },
  async run(v, _p, env) {
    const out = requireString(v.out, '--out FILE.csv');
    const codes = v.codes === true;
    const what = requireString(v.what, `--what (${CSV_KINDS.join('|')})`) as CsvKind;
    if (!CSV_KINDS.includes(what)) throw new UsageError(`--what must be one of ${CSV_KINDS.join(', ')}, got "${what}"`);
    await withLedger(env, 'read', v.month, async ({ ds, month, figures }) => {
      const csv = what === 'hazards' ? hazardsCsv(await hazardsAsOf(ds, endOfMonth(month)), { codes, asOf: endOfMonth(month) })
        : what === 'dispatch' ? dispatchCsv(await (await figures()).dispatch(month), { codes })
          : scoresCsv(await rankingWithMovement(ds, await figures(), month), { codes });
      writeFileAtomically(out, csv);
      say(`${what} ${month} written to ${out}`);
    });
    return EXIT.done;
  },
};
