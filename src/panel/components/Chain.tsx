import { useEffect, useRef } from 'preact/hooks';
import type { CognitoCall, Diagnostic, Flow, Step } from '../../core/model';
import { HandoffLink } from './HandoffLink';
import { StepCard } from './StepCard';

export interface ChainProps {
  flow: Flow | null;
  /** Shown instead of a flow: Cognito calls outside any sign-in. */
  otherCalls: readonly CognitoCall[] | null;
  diagnostics: ReadonlyMap<number, Diagnostic[]>;
  selectedEntry: number | null;
  onSelect(entry: number): void;
}

const NONE: Diagnostic[] = [];

/**
 * The steps of the selected flow in order, with the Session handoff drawn between cards. One Tab
 * stop for the whole chain (the selected card); ↑/↓ move the selection and the focus.
 * The selected card is scrolled into view, so opening a long flow shows its failing step.
 */
export function Chain({ flow, otherCalls, diagnostics, selectedEntry, onSelect }: ChainProps) {
  const ref = useRef<HTMLDivElement>(null);
  const calls = flow ? flow.steps.map((s) => s.call) : (otherCalls ?? []);
  const steps: (Step | null)[] = flow ? flow.steps : calls.map(() => null);

  useEffect(() => {
    if (selectedEntry === null) return;
    ref.current?.querySelector(`[data-step="${selectedEntry}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedEntry, flow, otherCalls]);

  const onKeyDown = (event: KeyboardEvent) => {
    const move = event.key === 'ArrowDown' ? 1 : event.key === 'ArrowUp' ? -1 : 0;
    if (!move || !(event.target as HTMLElement).matches('.step-head')) return;
    event.preventDefault();
    const next = calls[Math.max(0, Math.min(calls.length - 1, calls.findIndex((c) => c.entry === selectedEntry) + move))];
    if (!next) return;
    onSelect(next.entry);
    // Focus follows after the render that makes it the Tab stop.
    requestAnimationFrame(() => ref.current?.querySelector<HTMLElement>(`[data-step-head="${next.entry}"]`)?.focus());
  };

  if (!flow && !otherCalls) return <div class="chain empty-chain">Select a flow to see its steps.</div>;
  const focusEntry = calls.some((c) => c.entry === selectedEntry) ? selectedEntry : calls[0]?.entry;
  return (
    <div class="chain" data-chain={flow ? flow.id : 'other-calls'} ref={ref} onKeyDown={onKeyDown}>
      {!flow && <p class="chain-note">Calls outside any sign-in.</p>}
      {calls.map((call, i) => {
        const step = steps[i] ?? null;
        return (
          <div class="chain-item" key={call.entry}>
            {/* A first step can still have a handoff to show (a Session the capture never saw issued). */}
            {step && flow && (i > 0 || step.handoff !== 'start') && <HandoffLink step={step} flow={flow} />}
            <StepCard call={call} step={step} number={i + 1} diagnostics={diagnostics.get(call.entry) ?? NONE}
              selected={selectedEntry === call.entry} focusable={focusEntry === call.entry} calls={calls} onSelect={onSelect} />
          </div>
        );
      })}
    </div>
  );
}
