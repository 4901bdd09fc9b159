import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CampaignPhase } from '../../../analytics/src/contracts.js';
import type { TokenClaims } from '../auth/tokens.js';
import { DomainError } from '../common/domain-error.js';
import { LedgerWriter } from '../ledger/common/ledger-writer.js';
import type { CampaignPhaseDto } from './campaign-phases.dto.js';

/**
 * What is wrong with a campaign's new phases, each as `phases[i].field: why` (empty: nothing). The
 * database checks the same rows again; these say it in words a form can show beside the field.
 */
export function phaseProblems(window: { startOn: string; endOn: string }, phases: CampaignPhaseDto[]): string[] {
  const out: string[] = [];
  const byKey = new Map<string, CampaignPhaseDto>();
  phases.forEach((p, i) => {
    const at = `phases[${i}]`;
    if (byKey.has(p.key)) out.push(`${at}.key: ${p.key} is given twice`);
    byKey.set(p.key, p);
    if (p.startOn > p.endOn) out.push(`${at}.endOn: ${p.endOn} is before its start ${p.startOn}`);
    if (p.startOn < window.startOn || p.endOn > window.endOn) out.push(`${at}: ${p.startOn} … ${p.endOn} is outside the campaign's window ${window.startOn} … ${window.endOn}`);
    const duty = [p.withinPhase, p.requiredPercent, p.inspectedBy].filter((v) => v !== undefined).length;
    if (duty !== 0 && duty !== 3) out.push(`${at}: a coverage duty gives withinPhase, requiredPercent and inspectedBy together (a phase gives none)`);
  });
  phases.forEach((p, i) => {
    if (p.withinPhase === undefined) return;
    const parent = byKey.get(p.withinPhase);
    if (!parent || parent.withinPhase !== undefined) out.push(`phases[${i}].withinPhase: ${p.withinPhase} is not a phase of this list`);
    else if (p.startOn < parent.startOn || p.endOn > parent.endOn) out.push(`phases[${i}]: ${p.startOn} … ${p.endOn} is outside its phase ${parent.key} (${parent.startOn} … ${parent.endOn})`);
  });
  return out;
}

async function phasesOf(m: EntityManager, code: string): Promise<CampaignPhase[]> {
  return m.query(`SELECT phase_key AS key, name, to_char(start_on, 'YYYY-MM-DD') AS "startOn", to_char(end_on, 'YYYY-MM-DD') AS "endOn",
      within_phase AS "withinPhase", required_percent AS "requiredPercent", inspected_by AS "inspectedBy"
    FROM campaign_phases WHERE campaign_code = $1 ORDER BY start_on, within_phase NULLS FIRST, end_on DESC, phase_key`, [code]);
}

/** A campaign's phases and coverage duties, replaced whole by the city office (audited like every ledger write). */
@Injectable()
export class CampaignPhasesService {
  constructor(@Inject(LedgerWriter) private readonly writer: LedgerWriter) {}

  replace(u: TokenClaims, code: string, phases: CampaignPhaseDto[]): Promise<CampaignPhase[]> {
    return this.writer.write(u, async (tx) => {
      const [campaign] = (await tx.m.query(`SELECT to_char(start_on, 'YYYY-MM-DD') AS "startOn", to_char(end_on, 'YYYY-MM-DD') AS "endOn"
        FROM campaigns WHERE code = $1 FOR UPDATE`, [code])) as { startOn: string; endOn: string }[];
      if (!campaign) throw new DomainError('UNKNOWN_RECORD', `no campaign ${JSON.stringify(code)}`);
      const problems = phaseProblems(campaign, phases);
      if (problems.length) throw new DomainError('BAD_PARAMETER', problems.join('; '));
      const before = await phasesOf(tx.m, code);
      await tx.m.query(`DELETE FROM campaign_phases WHERE campaign_code = $1`, [code]);
      // phases first: a duty's foreign key names its phase
      const ordered = [...phases].sort((a, b) => Number(a.withinPhase !== undefined) - Number(b.withinPhase !== undefined));
      for (const p of ordered) {
        await tx.m.query(`INSERT INTO campaign_phases VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [code, p.key, p.name, p.startOn, p.endOn, p.withinPhase ?? null, p.requiredPercent ?? null, p.inspectedBy ?? null]);
      }
      const after = await phasesOf(tx.m, code);
      tx.audit('campaign.phases', 'campaign_phases', code, before, after);
      return after;
    });
  }
}
