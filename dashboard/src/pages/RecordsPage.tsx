import { isCityUser, useAppData } from '../app-context.js';
import { ActionsPanel } from '../features/records/ActionsPanel.js';
import { DrillsPanel } from '../features/records/DrillsPanel.js';
import { EnterprisesPanel } from '../features/records/EnterprisesPanel.js';
import { InspectionsPanel } from '../features/records/InspectionsPanel.js';
import { LeaderInspectionsPanel } from '../features/records/LeaderInspectionsPanel.js';
import { LeadersPanel } from '../features/records/LeadersPanel.js';
import { isRecordKind, mayWrite, RECORD_KINDS, reportingUnits, type RecordKind, type RecordScope } from '../features/records/record-kinds.js';
import { SubmissionsPanel } from '../features/records/SubmissionsPanel.js';
import { Link, setSearch, useLocation } from '../router.js';

const PANELS: Record<RecordKind, (p: { scope: RecordScope; writable: boolean }) => React.ReactNode> = {
  enterprises: EnterprisesPanel,
  inspections: InspectionsPanel,
  actions: ActionsPanel,
  leaders: LeadersPanel,
  'leader-inspections': LeaderInspectionsPanel,
  drills: DrillsPanel,
  submissions: SubmissionsPanel,
};

/** 记录: the ledger's records besides hazards, one kind a tab (/records/:kind), each list with its form. */
export function RecordsPage({ kind: asked }: { kind?: string }) {
  const { user, units } = useAppData();
  const { search } = useLocation();
  const city = isCityUser(user);
  // an inspector comes for its inspections; everyone else starts at the enterprises
  const kind: RecordKind = isRecordKind(asked) ? asked : user.role === 'inspector' ? 'inspections' : 'enterprises';
  // a unit-bound user's lists are its own unit's; the city picks a unit or sees all
  const unit = city ? (search.get('unit') ?? '') : (user.unitCode ?? '');
  const scope: RecordScope = { user, unit, ownUnit: city ? null : user.unitCode, units };
  const Panel = PANELS[kind];
  const query = city && unit ? `?unit=${encodeURIComponent(unit)}` : '';
  return (
    <div className="page records-page">
      <div className="page-head">
        <h1>记录</h1>
        {city && (
          <div className="page-tools">
            <label className="field">
              单位
              <select value={unit} onChange={(e) => setSearch({ unit: e.target.value })}>
                <option value="">全部单位</option>
                {reportingUnits(units).map((u) => (
                  <option key={u.value} value={u.value}>
                    {u.label}
                  </option>
                ))}
              </select>
            </label>
          </div>
        )}
      </div>
      <nav className="record-tabs" aria-label="记录类别">
        {RECORD_KINDS.map((r) => (
          <Link key={r.kind} to={`/records/${r.kind}${query}`} className="btn" aria-current={r.kind === kind ? 'page' : undefined}>
            {r.label}
          </Link>
        ))}
      </nav>
      <Panel key={kind} scope={scope} writable={mayWrite(user, kind)} />
    </div>
  );
}
