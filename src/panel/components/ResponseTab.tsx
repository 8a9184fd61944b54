import type { CognitoCall, Flow, Step } from '../../core/model';
import { callErrorContext, errorContext } from '../../core/diagnostics/error-context';
import type { ParameterRow } from '../../core/view/response-view';
import { responseView } from '../../core/view/response-view';
import { BodyNotice } from './BodyNotice';
import { JsonView } from './JsonView';
import { SecretValue } from './SecretValue';

function ParameterTable({ rows, caption }: { rows: readonly ParameterRow[]; caption: string }) {
  if (rows.length === 0) return null;
  return (
    <table class="kv" data-parameter-table={caption}>
      <caption>{caption}</caption>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-key={row.key}>
            <th scope="row" title={row.key}>{row.key}</th>
            <td>
              {row.json !== undefined && !row.secret
                ? <JsonView value={row.json} label={`${row.key} (decoded JSON)`} />
                : <SecretValue value={row.text} secret={row.secret} masked={row.masked} name={row.key} />}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** ChallengeParameters (JSON-in-string values decoded), AvailableChallenges, the error explained. */
export function ResponseTab({ call, flow, step }: { call: CognitoCall; flow: Flow | null; step: Step | null }) {
  // The error's advice depends on the step it answered (the same message means different things).
  const view = responseView(call, flow && step ? errorContext(flow, step) : callErrorContext(call));
  return (
    <div class="tab-body" data-tab-body="response">
      <p class="muted mono">HTTP {call.status === 0 ? '(no response)' : call.status}</p>
      {view.error && (
        <div class="error-box" data-error={view.error.type}>
          <p><strong>{view.error.type}</strong>{view.error.message ? `: ${view.error.message}` : ''}</p>
          {view.error.cause && <p>Usual cause: {view.error.cause}</p>}
          {view.error.fix && <p>What to do: {view.error.fix}</p>}
          {!view.error.cause && <p class="muted">Not in the inspector’s table of known errors.</p>}
        </div>
      )}
      <BodyNotice body={call.response} which="response" />
      {view.challengeName && <p>ChallengeName <strong class="mono">{view.challengeName}</strong></p>}
      <ParameterTable rows={view.parameters} caption="ChallengeParameters" />
      {view.availableChallenges.length > 0 && (
        <p data-available-challenges="">AvailableChallenges: <span class="mono">{view.availableChallenges.join(', ')}</span></p>
      )}
      {view.hasTokens && <p>AuthenticationResult: tokens issued — see the Tokens tab.</p>}
      <ParameterTable rows={view.other} caption="Other fields" />
    </div>
  );
}
