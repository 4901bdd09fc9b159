import { useAppData } from '../../app-context.js';
import { CampaignPhasesForm } from './CampaignPhasesForm.js';
import { CreateCampaign } from './CreateCampaign.js';

/** 行动设置 on the 方案 page, for the city office only: a new campaign, and the shown campaign's phases. */
export function CampaignSettings() {
  const { campaign, user } = useAppData();
  if (user.role !== 'city_office') return null;
  return (
    <section className="campaign-settings" data-testid="campaign-settings" aria-labelledby="campaign-settings-title">
      <div className="page-head">
        <h2 id="campaign-settings-title">行动设置</h2>
        <div className="page-tools">
          <CreateCampaign />
        </div>
      </div>
      <CampaignPhasesForm campaign={campaign} />
    </section>
  );
}
