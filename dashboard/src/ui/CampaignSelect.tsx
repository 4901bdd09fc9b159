import { useId } from 'react';
import type { Campaign } from '../api/types.js';
import { defaultMonth, todayCst } from '../months.js';
import { setSearch } from '../router.js';

// The campaign switcher of the header: every page's month picker lists the chosen campaign's months, so
// choosing a campaign also moves the page to that campaign's default month (a month names its campaign).
export function CampaignSelect({ campaigns, value }: { campaigns: Campaign[]; value: string }) {
  const id = useId();
  const choose = (code: string) => {
    const c = campaigns.find((x) => x.code === code);
    if (c) setSearch({ campaign: c.code, month: defaultMonth(c.months, todayCst()) });
  };
  return (
    <span className="field campaign-select">
      <label htmlFor={id}>行动</label>
      <select id={id} value={value} onChange={(e) => choose(e.target.value)} data-testid="campaign-select">
        {campaigns.map((c) => (
          <option key={c.code} value={c.code}>
            {c.name.replace(/^.*?(\d{4})\s*行动$/, '$1 年行动')}
          </option>
        ))}
      </select>
    </span>
  );
}
