import type { TimelineEntry } from '../../api/types.js';
import { formatDate } from '../../format.js';
import { EVENT_LABEL, LISTED_LABEL, SOURCE_LABEL, label } from '../../labels.js';
import { Badge } from '../../ui/Card.js';
import { EmptyState } from '../../ui/EmptyState.js';

/** a found event's detail is the source code, a listing's its level; the others are text for people already */
const detailText = (e: TimelineEntry) => {
  if (e.event === 'found' && e.detail && e.detail in SOURCE_LABEL) return label(SOURCE_LABEL, e.detail as keyof typeof SOURCE_LABEL);
  if (e.event === 'listed' && e.detail && e.detail in LISTED_LABEL) return label(LISTED_LABEL, e.detail as keyof typeof LISTED_LABEL);
  return e.detail;
};

export function HazardTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries.length) return <EmptyState title="暂无记录" />;
  return (
    <ol className="timeline" data-testid="hazard-timeline">
      {entries.map((e, i) => (
        <li key={`${e.event}-${e.on}-${i}`} className={`timeline-item timeline-${e.event}`} data-event={e.event} data-overdue={e.overdue ? 'true' : undefined}>
          <span className="timeline-date">{formatDate(e.on)}</span>
          <span className="timeline-event">{label(EVENT_LABEL, e.event)}</span>
          {e.by ? <span className="timeline-by">{e.by}</span> : null}
          {detailText(e) ? <span className="timeline-detail">{detailText(e)}</span> : null}
          {e.overdue ? <Badge tone="red">逾期</Badge> : null}
        </li>
      ))}
    </ol>
  );
}
