import type { ReactNode } from 'react';
import type { readExplanation } from '../../api/normalize.js';
import type { UnitScore } from '../../api/types.js';
import { formatScore } from '../../format.js';
import { fullExplanation, partsGroups, type PartsGroup } from './county-transforms.js';
import { EnforcementRecords } from './EnforcementRecords.js';
import { DeductionRecords, EnterpriseRecords, LeaderRecords, OverdueRecords } from './ExplanationRecords.js';

/** each indicator's parts, its rule, and the records behind it */
export function ExplanationPanel({ score, raw }: { score: UnitScore; raw: ReturnType<typeof readExplanation> }) {
  const e = fullExplanation(raw);
  const records: Record<PartsGroup['key'], ReactNode> = {
    I1: <OverdueRecords e={e} />,
    I2: <EnterpriseRecords e={e} />,
    I3: <EnforcementRecords enforced={raw.enforcedHazards} cases={raw.typicalCases} />,
    I4: <LeaderRecords e={e} />,
    D: <DeductionRecords e={e} />,
  };
  return (
    <div className="explanation">
      {partsGroups(score.parts).map((g) => (
        <details key={g.key} className="explain-group" open={g.key === 'I1' || g.key === 'D'} data-testid={`explain-${g.key}`}>
          <summary>
            <span className="explain-title">{g.title}</span>
            <span className={`explain-score${g.key === 'D' && score.D > 0 ? ' deduction' : ''}`}>
              {g.key === 'D' ? (score.D > 0 ? `−${formatScore(score.D)}` : formatScore(0)) : `${formatScore(score[g.key])} / 25`}
            </span>
          </summary>
          <div className="explain-body">
            <dl className="parts">
              {g.lines.map((l) => (
                <div key={l.label}>
                  <dt>{l.label}</dt>
                  <dd>{l.value}</dd>
                </div>
              ))}
            </dl>
            <p className="rule">计分规则：{g.rule}</p>
            {records[g.key]}
          </div>
        </details>
      ))}
    </div>
  );
}
