import type { ComponentChildren } from 'preact';
import type { CognitoCall, Diagnostic, Flow } from '../../core/model';
import { RequestTab } from './RequestTab';
import { ResponseTab } from './ResponseTab';
import { TokensTab } from './TokensTab';
import { RawTab } from './RawTab';
import { PaneBoundary } from './PaneBoundary';

export type DetailTab = 'request' | 'response' | 'tokens' | 'raw';

const TABS: readonly { id: DetailTab; label: string }[] = [
  { id: 'request', label: 'Request' },
  { id: 'response', label: 'Response' },
  { id: 'tokens', label: 'Tokens' },
  { id: 'raw', label: 'Raw' },
];

export interface StepDetailsProps {
  call: CognitoCall;
  flow: Flow | null;
  index: number;
  diagnostics: readonly Diagnostic[];
  tab: DetailTab;
  onTab(tab: DetailTab): void;
  replay?: ComponentChildren;
}

/** The selected step in four tabs. */
export function StepDetails(props: StepDetailsProps) {
  const { call, flow, index, tab } = props;
  const step = flow?.steps[index] ?? null;
  // The step's own tokens when it issued some, else the flow's latest.
  const tokens = step?.tokens ?? flow?.tokens ?? null;
  return (
    <div class="details" data-details={call.entry}>
      <div class="tabs" role="tablist">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" class={`tab${tab === t.id ? ' active' : ''}`} aria-selected={tab === t.id}
            data-tab={t.id} onClick={() => props.onTab(t.id)}>
            {t.label}
          </button>
        ))}
      </div>
      {/* One bad value in a tab shows as a reason there; the tabs above keep working. */}
      <PaneBoundary pane={`the ${tab} tab`} resetOn={`${call.entry}:${tab}`}>
        {tab === 'request' && <RequestTab call={call} flow={flow} index={index} diagnostics={props.diagnostics} replay={props.replay} />}
        {tab === 'response' && <ResponseTab call={call} />}
        {tab === 'tokens' && <TokensTab tokens={tokens} fromFlow={step?.tokens === null} />}
        {tab === 'raw' && <RawTab call={call} />}
      </PaneBoundary>
    </div>
  );
}
