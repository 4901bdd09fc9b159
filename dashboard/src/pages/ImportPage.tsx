import { useAppData } from '../app-context.js';
import { BundleImport } from '../features/imports/BundleImport.js';
import { ReconcileForm } from '../features/imports/ReconcileForm.js';
import { Card } from '../ui/Card.js';
import { ErrorState, forbiddenError } from '../ui/ErrorState.js';

/** 导入: a bundle into the ledger, and a hand-filled 调度表 against it (city office and county branches). */
export function ImportPage() {
  const { user, units } = useAppData();
  if (user.role !== 'city_office' && user.role !== 'county_branch') return <ErrorState error={forbiddenError('导入仅限市领导小组办公室和县级分局')} />;
  const unitName = user.role === 'county_branch' ? (units.find((u) => u.code === user.unitCode)?.name ?? user.unitCode) : null;
  return (
    <div className="page">
      <div className="page-head">
        <h1>导入</h1>
      </div>
      <Card>
        <BundleImport unitName={unitName} />
      </Card>
      <Card>
        <ReconcileForm />
      </Card>
    </div>
  );
}
