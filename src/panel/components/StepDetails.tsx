import type { ComponentChildren } from 'preact';
import type { CognitoCall, Diagnostic, Flow } from '../../core/model';
import { RequestTab } from './RequestTab';
import { ResponseTab } from './ResponseTab';
import { TokensTab } from './TokensTab';
import { RawTab } from './RawTab';
import { PaneBoundary } from './PaneBoundary';
import { TabBar } from './TabBar';

export type DetailTab = 'request' | 'response' | 'tokens' | 'raw';

export const DETAIL_TABS: readonly { id: DetailTab; label: string }[] = [
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

/** "Step 5 · VerifySoftwareToken" in a flow, "GetUser" outside one: what the details are of. */
export function detailsTitle(call: CognitoCall, flow: Flow | null, index: number): string {
  return flow && index >= 0 ? `Step ${index + 1} · ${call.operation}` : call.operation;
}

/** The selected step, named at the top, in four tabs (those that do not fit go into a menu). */
export function StepDetails(props: StepDetailsProps) {
  const { call, flow, index, tab } = props;
  const step = flow?.steps[index] ?? null;
  // The step's own tokens when it issued some, else the flow's latest.
  const tokens = step?.tokens ?? flow?.tokens ?? null;
  const title = detailsTitle(call, flow, index);
  return (
    <section class="details" data-details={call.entry} aria-labelledby="details-title">
      <h2 class="details-title" id="details-title" title={title} data-details-title="">{title}</h2>
      <TabBar tabs={DETAIL_TABS} active={tab} onTab={props.onTab} label={`Details of ${title}`} />
      <div class="tab-panel" role="tabpanel" id="details-tabpanel" aria-labelledby={`tab-${tab}`}>
        {/* One bad value in a tab shows as a reason there; the tabs above keep working. */}
        <PaneBoundary pane={`the ${tab} tab`} resetOn={`${call.entry}:${tab}`}>
          {tab === 'request' && <RequestTab call={call} flow={flow} index={index} diagnostics={props.diagnostics} replay={props.replay} />}
          {tab === 'response' && <ResponseTab call={call} flow={flow} step={step} />}
          {tab === 'tokens' && <TokensTab tokens={tokens} fromFlow={step?.tokens === null} />}
          {tab === 'raw' && <RawTab call={call} />}
        </PaneBoundary>
      </div>
    </section>
  );
}
