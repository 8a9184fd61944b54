import type { CognitoCall, Diagnostic, Step } from '../../core/model';
import { formatDuration } from '../../core/view/format';
import { cardFindings } from '../../core/view/step-refs';
import { initiatorOf } from '../../core/view/initiator';
import { DiagnosticList } from './DiagnosticList';
import { IdentityFacts } from './IdentityFacts';

export interface StepCardProps {
  call: CognitoCall;
  /** Null for a call outside any flow. */
  step: Step | null;
  /** 1-based place in the chain. */
  number: number;
  diagnostics: readonly Diagnostic[];
  selected: boolean;
  /** The one card of the chain in the Tab order (roving focus: ↑/↓ move between cards). */
  focusable: boolean;
  /** The chain's calls, for diagnostics that name another step. */
  calls: readonly CognitoCall[];
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

/**
 * One call of the chain: operation, the challenge it answers and the one it gets, status, time,
 * who sent it, diagnostics. The head is the card's button (Enter selects; ↑/↓ handled by the
 * chain); a click anywhere on the card selects it too.
 */
export function StepCard({ call, step, number, diagnostics, selected, focusable, calls, onSelect }: StepCardProps) {
  const flag = unreadable(call);
  const replay = call.replayOf !== null;
  const findings = cardFindings(call, diagnostics);
  const initiator = initiatorOf(call.har);
  return (
    <div
      class={`step-card${selected ? ' selected' : ''}${diagnostics.some((d) => d.severity === 'error') ? ' has-error' : ''}`}
      data-step={call.entry}
      data-operation={call.operation}
      data-service={call.service}
      data-with-tokens={step?.withTokens ? 'true' : undefined}
      data-challenge-in={step?.challengeIn ?? ''}
      data-challenge-out={step?.challengeOut ?? ''}
      data-handoff={step?.handoff ?? ''}
      data-session-expired={step?.sessionExpired ? 'true' : undefined}
      data-replay={replay ? 'true' : undefined}
      data-unreadable={flag !== null ? 'true' : undefined}
      onClick={() => onSelect(call.entry)}
    >
      <button type="button" class="step-head" tabIndex={focusable ? 0 : -1} aria-pressed={selected} data-step-head={call.entry}
        title="↑/↓: steps · E: Edit & replay"
        onClick={(e) => { e.stopPropagation(); onSelect(call.entry); }}>
        {step && <span class="step-number"><span class="visually-hidden">Step </span>{number}</span>}
        <span class="step-op" title={call.operation}>{call.operation}</span>
        {replay && <span class="badge replay" title="Replayed from this panel">↻ replay</span>}
        <span class="toolbar-spacer" />
        <span class={`step-status ${statusClass(call)}`} data-status={call.status}>{call.status === 0 ? '(failed)' : call.status}</span>
        <span class="step-duration">{formatDuration(call.duration)}</span>
      </button>
      {step && (step.challengeIn !== null || step.challengeOut !== null) && (
        <div class="step-challenges">
          {step.challengeIn !== null && <span class="challenge in">answers {step.challengeIn}</span>}
          {step.challengeIn !== null && step.challengeOut !== null && <span class="arrow"> → </span>}
          {step.challengeOut !== null && <span class="challenge out">gets {step.challengeOut}</span>}
        </div>
      )}
      {step?.tokens && <div class="step-tokens">✔ tokens issued</div>}
      {step?.identity && <IdentityFacts step={step} />}
      {flag !== null && <div class="step-flag" data-flag="unreadable-body">⚑ body not readable — {flag}</div>}
      <DiagnosticList diagnostics={findings.diagnostics} calls={calls} inFlow={step !== null} onSelect={onSelect} />
      {findings.serverWords !== null && <div class="step-error">Cognito said: {findings.serverWords}</div>}
      {initiator && <div class="step-initiator muted" title={initiator.full}>sent by {initiator.short}</div>}
    </div>
  );
}
