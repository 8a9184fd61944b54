import type { Diagnostic } from '../../core/model';

const SEVERITY_ICON = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

/** Diagnostics of one step, in plain words, each with what to do. */
export function DiagnosticList({ diagnostics }: { diagnostics: readonly Diagnostic[] }) {
  if (diagnostics.length === 0) return null;
  return (
    <ul class="diagnostics">
      {diagnostics.map((d, i) => (
        <li key={`${d.code}-${i}`} class={`diagnostic ${d.severity}`} data-diagnostic={d.code} data-severity={d.severity}>
          <span class="severity-icon" aria-label={d.severity}>{SEVERITY_ICON[d.severity]}</span>
          <span class="diagnostic-text">
            <span class="diagnostic-message">{d.message}</span>
            {d.hint && <span class="diagnostic-hint">What to do: {d.hint}</span>}
          </span>
        </li>
      ))}
    </ul>
  );
}
