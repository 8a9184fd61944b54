import { useEffect, useRef, useState } from 'preact/hooks';
import type { CognitoCall, Diagnostic, Flow, Step } from '../../core/model';
import { CHAIN_WINDOW, chainWindow, showEarlier, showLater, type ChainWindow } from '../chain-window';
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
 * The selected card is scrolled into view, so opening a long flow shows its failing step. A chain
 * of thousands of steps is rendered CHAIN_WINDOW steps at a time around the selected one
 * (chain-window.ts), with buttons for the rest.
 */
export function Chain({ flow, otherCalls, diagnostics, selectedEntry, onSelect }: ChainProps) {
  const ref = useRef<HTMLDivElement>(null);
  const calls = flow ? flow.steps.map((s) => s.call) : (otherCalls ?? []);
  const steps: (Step | null)[] = flow ? flow.steps : calls.map(() => null);
  // The window rendered last, by chain; the buttons replace it (and render again).
  const shown = useRef<{ chain: string; window: ChainWindow } | null>(null);
  const [, setGrown] = useState(0);
  const chainId = flow ? flow.id : 'other-calls';
  const selectedIndex = calls.findIndex((c) => c.entry === selectedEntry);
  const range = chainWindow(calls.length, selectedIndex, shown.current?.chain === chainId ? shown.current.window : null);
  shown.current = { chain: chainId, window: range };
  const grow = (next: ChainWindow) => {
    shown.current = { chain: chainId, window: next };
    setGrown((n) => n + 1);
  };

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
  const focusEntry = selectedIndex >= 0 ? selectedEntry : calls[range.start]?.entry;
  const earlier = range.start;
  const later = calls.length - range.end;
  return (
    <div class="chain" data-chain={chainId} ref={ref} onKeyDown={onKeyDown}>
      {!flow && <p class="chain-note">Calls outside any sign-in.</p>}
      {earlier > 0 && (
        <button type="button" class="button chain-more" data-chain-more="earlier" onClick={() => grow(showEarlier(range))}>
          Show {Math.min(CHAIN_WINDOW, earlier)} earlier steps ({earlier.toLocaleString('en')} not shown)
        </button>
      )}
      {calls.slice(range.start, range.end).map((call, k) => {
        const i = range.start + k;
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
      {later > 0 && (
        <button type="button" class="button chain-more" data-chain-more="later" onClick={() => grow(showLater(range, calls.length))}>
          Show {Math.min(CHAIN_WINDOW, later)} later steps ({later.toLocaleString('en')} not shown)
        </button>
      )}
    </div>
  );
}
