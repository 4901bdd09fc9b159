import { countyUnits, useAppData, useMonth } from '../app-context.js';
import { Link } from '../router.js';
import { Card } from '../ui/Card.js';
import { EmptyState } from '../ui/EmptyState.js';

/** city users: choose a county-level unit */
export function CountyIndexPage() {
  const { units } = useAppData();
  const [month] = useMonth();
  const list = countyUnits(units);
  return (
    <div className="page">
      <div className="page-head">
        <h1>县区详情</h1>
      </div>
      <Card title="选择县区">
        {list.length ? (
          <ul className="unit-grid">
            {list.map((u) => (
              <li key={u.code}>
                <Link to={`/county/${encodeURIComponent(u.code)}?month=${month}`} className="unit-tile">
                  <span className="unit-tile-name">{u.name}</span>
                  <span className="muted small">{u.code}</span>
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <EmptyState title="没有县级单位" />
        )}
      </Card>
    </div>
  );
}
