import { useState } from 'react';
import type { Scheme } from '../../../api/src/assessment/scheme-store.js';
import { useApi } from '../api/useApi.js';
import { useAppData, useMonth } from '../app-context.js';
import { CampaignSettings } from '../features/campaigns/CampaignSettings.js';
import { SchemeRules } from '../features/scheme/SchemeRules.js';
import { WhatIfEditor } from '../features/scheme/WhatIfEditor.js';
import { formatMonth } from '../format.js';
import { Async } from '../ui/Async.js';
import { MonthSelect } from '../ui/MonthSelect.js';
import { schemeLabel } from '../labels.js';

/** 方案: the scheme's weights and rules, a what-if editor that re-ranks live, its stability, saving a version; the office's 行动设置. */
export function SchemePage() {
  const { campaign, user } = useAppData();
  const [month, setMonth] = useMonth();
  const schemes = useApi<Scheme[]>('/api/schemes');
  const [version, setVersion] = useState('default');
  const mayTry = user.role === 'city_office' || user.role === 'group_leader';
  return (
    <div className="page">
      <div className="page-head">
        <h1>考核方案</h1>
        <div className="page-tools">
          {schemes.status === 'ok' ? (
            <span className="field">
              <label htmlFor="scheme-version">方案版本</label>
              <select id="scheme-version" value={version} onChange={(e) => setVersion(e.target.value)} data-testid="scheme-version">
                {schemes.data.map((s) => (
                  <option key={s.version} value={s.version}>
                    {schemeLabel(s.version)}
                  </option>
                ))}
              </select>
            </span>
          ) : null}
          {mayTry ? <MonthSelect months={campaign.months} value={month} onChange={setMonth} label="模拟月份" /> : null}
        </div>
      </div>
      <Async state={schemes} what="考核方案">
        {(list) => {
          const scheme = list.find((s) => s.version === version) ?? list[0];
          return (
            <>
              <SchemeRules scheme={scheme} />
              {mayTry ? (
                <>
                  <p className="page-note">修改下列参数后，将按调整后的方案实时重新计算 {formatMonth(month)} 的排名（不保存、不影响正式排名）。</p>
                  <WhatIfEditor key={scheme.version} month={month} base={scheme.params} version={scheme.version} maySave={user.role === 'city_office'} />
                </>
              ) : null}
            </>
          );
        }}
      </Async>
      <CampaignSettings />
    </div>
  );
}
