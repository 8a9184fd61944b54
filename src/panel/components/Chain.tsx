import type { CognitoCall, Diagnostic, Flow } from '../../core/model';
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

/** The steps of the selected flow in order, with the Session handoff drawn between cards. */
export function Chain({ flow, otherCalls, diagnostics, selectedEntry, onSelect }: ChainProps) {
  if (flow) {
    return (
      <div class="chain" data-chain={flow.id}>
        {flow.steps.map((step, i) => (
          <div class="chain-item" key={step.call.entry}>
            {/* A first step can still have a handoff to show (a Session the capture never saw issued). */}
            {(i > 0 || step.handoff !== 'start') && <HandoffLink step={step} flow={flow} />}
            <StepCard call={step.call} step={step} diagnostics={diagnostics.get(step.call.entry) ?? NONE}
              selected={selectedEntry === step.call.entry} onSelect={onSelect} />
          </div>
        ))}
      </div>
    );
  }
  if (otherCalls) {
    return (
      <div class="chain" data-chain="other-calls">
        <p class="chain-note">Cognito calls that belong to no sign-in flow.</p>
        {otherCalls.map((call) => (
          <div class="chain-item" key={call.entry}>
            <StepCard call={call} step={null} diagnostics={diagnostics.get(call.entry) ?? NONE}
              selected={selectedEntry === call.entry} onSelect={onSelect} />
          </div>
        ))}
      </div>
    );
  }
  return <div class="chain empty-chain">Select a flow to see its steps.</div>;
}
