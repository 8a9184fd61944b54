import type { ReplayTarget } from '../../core/replay/target';

const KIND_LABEL: Record<ReplayTarget['kind'], string> = {
  'aws-cognito': 'AWS Cognito endpoint',
  'page-origin': "the page's own origin",
  other: 'not AWS Cognito, not the page',
  invalid: 'not an http(s) address',
};

/** The replay's destination host, shown before Send, with the warning when the page chose an unexpected one. */
export function ReplayTargetNote({ target }: { target: ReplayTarget }) {
  return (
    <div class={`replay-target ${target.warning ? 'warn' : ''}`} data-replay-target={target.kind}>
      <span>Sends to </span>
      <strong class="mono" data-replay-host="">{target.host}</strong>
      <span class="muted"> ({KIND_LABEL[target.kind]}{target.region ? `, ${target.region}` : ''})</span>
      {target.warning && <p class="replay-warning" role="alert" data-replay-warning="">⚠ {target.warning}</p>}
    </div>
  );
}
