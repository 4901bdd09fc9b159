import type { TimelineEntry } from '../../api/types.js';
import { formatDate } from '../../format.js';
import { EVENT_LABEL, SOURCE_LABEL, label } from '../../labels.js';
import { EmptyState } from '../../ui/EmptyState.js';

/** a found event's detail is the source code; the others are free text */
const detailText = (e: TimelineEntry) => (e.event === 'found' && e.detail && e.detail in SOURCE_LABEL ? label(SOURCE_LABEL, e.detail as keyof typeof SOURCE_LABEL) : e.detail);

export function HazardTimeline({ entries }: { entries: TimelineEntry[] }) {
  if (!entries.length) return <EmptyState title="暂无记录" />;
  return (
    <ol className="timeline" data-testid="hazard-timeline">
      {entries.map((e, i) => (
        <li key={`${e.event}-${e.on}-${i}`} className={`timeline-item timeline-${e.event}`}>
          <span className="timeline-date">{formatDate(e.on)}</span>
          <span className="timeline-event">{label(EVENT_LABEL, e.event)}</span>
          {e.by ? <span className="timeline-by">{e.by}</span> : null}
          {detailText(e) ? <span className="timeline-detail">{detailText(e)}</span> : null}
        </li>
      ))}
    </ol>
  );
}
