import type { CognitoCall, Diagnostic, Step } from '../../core/model';
import { formatDuration } from '../../core/view/format';
import { DiagnosticList } from './DiagnosticList';

export interface StepCardProps {
  call: CognitoCall;
  /** Null for a call outside any flow. */
  step: Step | null;
  diagnostics: readonly Diagnostic[];
  selected: boolean;
  onSelect(entry: number): void;
}

function statusClass(call: CognitoCall): string {
  if (call.status === 0) return 'status-none';
  return call.status >= 400 || call.error ? 'status-error' : 'status-ok';
}

/** Why a body could not be read, for the flag on the card; null when both were read. */
function unreadable(call: CognitoCall): string | null {
  const parts: string[] = [];
  if (call.request.state === 'not-captured' || call.request.state === 'unparseable') parts.push(`request: ${call.request.reason}`);
  if (call.response.state === 'not-captured' || call.response.state === 'unparseable') parts.push(`response: ${call.response.reason}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** One call of the chain: operation, the challenge it answers and the one it gets, status, time, diagnostics. */
export function StepCard({ call, step, diagnostics, selected, onSelect }: StepCardProps) {
  const flag = unreadable(call);
  const replay = call.replayOf !== null;
  return (
    <div
      class={`step-card${selected ? ' selected' : ''}${diagnostics.some((d) => d.severity === 'error') ? ' has-error' : ''}`}
      data-step={call.entry}
      data-operation={call.operation}
      data-challenge-in={step?.challengeIn ?? ''}
      data-challenge-out={step?.challengeOut ?? ''}
      data-handoff={step?.handoff ?? ''}
      data-session-expired={step?.sessionExpired ? 'true' : undefined}
      data-replay={replay ? 'true' : undefined}
      data-unreadable={flag !== null ? 'true' : undefined}
      tabIndex={0}
      role="button"
      aria-pressed={selected}
      onClick={() => onSelect(call.entry)}
      onKeyDown={(e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(call.entry); } }}
    >
      <div class="step-head">
        <span class="step-op" title={call.operation}>{call.operation}</span>
        {replay && <span class="badge replay" title="Replayed from this panel">↻ replay</span>}
        <span class="toolbar-spacer" />
        <span class={`step-status ${statusClass(call)}`} data-status={call.status}>{call.status === 0 ? '(failed)' : call.status}</span>
        <span class="step-duration">{formatDuration(call.duration)}</span>
      </div>
      {step && (step.challengeIn !== null || step.challengeOut !== null) && (
        <div class="step-challenges">
          {step.challengeIn !== null && <span class="challenge in" title="The challenge this request answers">answers {step.challengeIn}</span>}
          {step.challengeIn !== null && step.challengeOut !== null && <span class="arrow"> → </span>}
          {step.challengeOut !== null && <span class="challenge out" title="The challenge Cognito issued">gets {step.challengeOut}</span>}
        </div>
      )}
      {step?.tokens && <div class="step-tokens">✔ tokens issued</div>}
      {call.error && <div class="step-error">{call.error.type}{call.error.message ? `: ${call.error.message}` : ''}</div>}
      {flag !== null && <div class="step-flag" data-flag="unreadable-body">⚑ body not readable — {flag}</div>}
      <DiagnosticList diagnostics={diagnostics} />
    </div>
  );
}
