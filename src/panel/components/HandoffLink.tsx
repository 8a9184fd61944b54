import type { Flow, Step } from '../../core/model';
import { handoffView } from '../../core/view/handoff-view';

/** The Session handoff between two cards: kind, age, fingerprint (never the value). */
export function HandoffLink({ step, flow }: { step: Step; flow: Flow }) {
  const view = handoffView(step, flow);
  return (
    <div class={`handoff link-${view.kind}`} data-link={view.kind}>
      <span class="handoff-line" aria-hidden="true" />
      <span class="handoff-label">
        <span class="handoff-kind">{view.kind}</span> {view.label}
        {view.age && <span class="handoff-age"> · {view.age}</span>}
        {view.fingerprint && <span class="handoff-fp" title="Fingerprint of the Session sent (not the value)"> · {view.fingerprint}</span>}
      </span>
    </div>
  );
}
