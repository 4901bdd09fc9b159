import { useEffect, useState } from 'react';
import { apiGet, apiSend } from '../../api/client.js';
import type { PublicRelease } from '../../../../api/src/public/public-releases.js';
import { formatMonth } from '../../format.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { FormPanel } from '../../ui/form/FormPanel.js';

/** 三公开 (city_office): releases the month's hazard list to the public page /public, once. */
export function PublicReleasePanel({ month }: { month: string }) {
  const [released, setReleased] = useState<boolean | null>(null);
  useEffect(() => {
    const ctl = new AbortController();
    apiGet<PublicRelease[]>('/api/public/releases', ctl.signal).then((r) => setReleased(r.some((x) => x.month === month)), () => undefined);
    return () => ctl.abort();
  }, [month]);
  return (
    <ActionGate label="向社会公开隐患清单" blocked={released ? '本月隐患清单已公开' : undefined} testId="public-release">
      {(close) => (
        <FormPanel
          title="确认公开（三公开）"
          fields={[]}
          submitLabel="确认"
          testId="public-release-confirm"
          onSubmit={() => apiSend('POST', '/api/public/releases', { month })}
          onDone={() => { setReleased(true); close(); }}
          onCancel={close}
          intro={<p>将在公开页面 <a href={`/public?month=${month}`}>/public</a> 公布 <strong>{formatMonth(month)}</strong> 末各单位重大事故隐患的台账编号、企业、类别、挂牌督办、整改期限和整改状态，不含任何人员姓名。公开后不能撤回。</p>}
        />
      )}
    </ActionGate>
  );
}
