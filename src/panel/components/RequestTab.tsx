import type { ComponentChildren } from 'preact';
import type { CognitoCall, Diagnostic, Flow } from '../../core/model';
import { requestKeyTable, topLevelRows } from '../../core/view/request-keys';
import { bodyObject } from '../../core/body';
import { BodyNotice } from './BodyNotice';
import { KeyTable } from './KeyTable';

export interface RequestTabProps {
  call: CognitoCall;
  /** The flow and the step's index in it; null for a call outside any flow. */
  flow: Flow | null;
  index: number;
  diagnostics: readonly Diagnostic[];
  /** The replay editor, when this call can be replayed. */
  replay?: ComponentChildren;
}

/** ChallengeResponses (or AuthParameters) as a key/value table with the missing keys in red. */
export function RequestTab({ call, flow, index, diagnostics, replay }: RequestTabProps) {
  const table = flow ? requestKeyTable(flow, index, diagnostics) : { field: null, rows: topLevelRows(bodyObject(call.request), null) };
  const topLevel = table.field !== null ? topLevelRows(bodyObject(call.request), table.field) : [];
  const missing = table.rows.filter((r) => r.state === 'missing').length;
  return (
    <div class="tab-body" data-tab-body="request">
      <p class="muted mono request-line" data-request-line>{call.method} {call.url}</p>
      <BodyNotice body={call.request} which="request" />
      {table.field && missing > 0 && <p class="notice error-text">{missing} required {missing === 1 ? 'key is' : 'keys are'} missing from {table.field}.</p>}
      <KeyTable rows={table.rows} caption={table.field} />
      {topLevel.length > 0 && <KeyTable rows={topLevel} caption="Other fields" />}
      {replay}
    </div>
  );
}
