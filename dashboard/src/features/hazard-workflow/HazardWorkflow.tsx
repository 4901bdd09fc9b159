import type { HazardDetail } from '../../api/types.js';
import { useAppData } from '../../app-context.js';
import { todayCst } from '../../months.js';
import { Card } from '../../ui/Card.js';
import { ActionGate } from '../../ui/form/ActionGate.js';
import { STEP_FORMS } from './hazard-forms.js';
import { ACTION_LABEL, actorOf, HAZARD_ACTIONS, stateOf, verdicts } from './transitions.js';

/** 办理: the lifecycle's buttons this user may press on this hazard, each enabled only when legal now. */
export function HazardWorkflow({ hazard }: { hazard: HazardDetail }) {
  const { user } = useAppData();
  const v = verdicts(stateOf(hazard), actorOf(user), todayCst());
  const shown = HAZARD_ACTIONS.filter((a) => v[a].shown);
  if (!shown.length) return null;
  return (
    <Card title="办理">
      <div className="hazard-workflow" data-testid="hazard-workflow">
        {shown.map((a) => {
          const Form = STEP_FORMS[a];
          return (
            <ActionGate key={a} label={ACTION_LABEL[a]} blocked={v[a].blocked} testId={`gate-${a}`}>
              {(close) => <Form hazard={hazard} onDone={close} />}
            </ActionGate>
          );
        })}
      </div>
    </Card>
  );
}
