import type { CognitoCall, Diagnostic } from '../../core/model';
import { messageParts } from '../../core/view/step-refs';

const SEVERITY_ICON = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

export interface DiagnosticListProps {
  diagnostics: readonly Diagnostic[];
  /** The calls shown beside it, so "entry 3" reads "step 3, RespondToAuthChallenge" and selects it. */
  calls: readonly CognitoCall[];
  inFlow: boolean;
  onSelect(entry: number): void;
}

/** Diagnostics of one step, in plain words, each with what to do; other steps named and linked. */
export function DiagnosticList({ diagnostics, calls, inFlow, onSelect }: DiagnosticListProps) {
  if (diagnostics.length === 0) return null;
  return (
    <ul class="diagnostics">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${i}`} class={`diagnostic ${d.severity}`} data-diagnostic={d.code} data-severity={d.severity}>
          <span class="severity-icon" role="img" aria-label={d.severity}>{SEVERITY_ICON[d.severity]}</span>
          <span class="diagnostic-text">
            <span class="diagnostic-message">
              {messageParts(d.message, calls, inFlow).map((part, j) => (typeof part === 'string' ? part : (
                <button key={j} type="button" class="link-button step-link" data-step-link={part.entry}
                  onClick={(e) => { e.stopPropagation(); onSelect(part.entry); }}>{part.label}</button>
              )))}
            </span>
            {d.hint && <span class="diagnostic-hint">What to do: {d.hint}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
