import { useEffect, useMemo, useState } from 'preact/hooks';
import type { HarEntry } from '../../core/har';
import type { CognitoCall, JsonObject } from '../../core/model';
import type { ReplayRequest } from '../../core/replay';
import { buildReplay, replayDraft } from '../../core/replay';
import { callReplayTarget } from '../../core/replay/target';
import { draftJsonError, maskDraft, unmaskDraft, type MaskedDraft } from '../../core/replay/draft';
import { replayEffect } from '../../core/replay/effects';
import { flowNeedsSecret, planRerun, sessionStatus } from '../../core/replay/plan';
import { isObject } from '../../core/json';
import { ReplayTargetNote } from './ReplayTargetNote';
import { RerunInputs, NO_SECRETS, type TypedSecrets } from './RerunInputs';
import { CommandCopy } from './CommandCopy';
import { runRerun } from '../../core/replay/rerun';
import { computeSecretHash } from '../../core/srp/secret-hash';
import { AnswerRows } from './AnswerRows';
import { ReplayDiffView } from './ReplayDiffView';
import { answerField } from '../../core/replay/answer-rows';
import { replayDiff } from '../../core/replay/diff';
import { classifyEntry } from '../../core/calls';
import { drafts, outcomes, type ReplayEditorProps, type ReplayOutcome } from './ReplayEditor';

/** AuthSessionValidity's default (cognito-protocol.md, "Validity windows"). */
const SESSION_VALIDITY_MS = 3 * 60_000;

type Status = { kind: 'error' | 'busy' | 'done'; text: string; diff?: ReplayOutcome['diff'] } | null;

function startDraft(call: CognitoCall): MaskedDraft {
  const text = replayDraft(call);
  try {
    return maskDraft(JSON.parse(text) as unknown);
  } catch {
    return { text, vault: {} };
  }
}

/**
 * The open editor (loaded when the user first opens one): the request body (secrets masked until
 * revealed), where it goes and what it does to the account, the Session's state, Send (direct
 * replay), "Re-run the sign-in up to this step" with what must be typed, and copy as command.
 * Ctrl+Enter sends, Esc closes.
 */
export function ReplayEditorBody({ call, flow = null, flows = [], send, onReplayed, onShow, onClose }: ReplayEditorProps & { onClose(): void }) {
  const kept = drafts.get(call.har);
  const [draft, setDraft] = useState<MaskedDraft>(() => kept?.draft ?? startDraft(call));
  const [revealed, setRevealed] = useState(kept?.revealed ?? false);
  const [secrets, setSecrets] = useState<TypedSecrets>(NO_SECRETS);
  const [status, setStatus] = useState<Status>(null);
  const step = flow?.steps.find((s) => s.call.entry === call.entry) ?? null;
  const plan = useMemo(() => (flow && step ? planRerun(flow, call.entry, flows) : null), [flow, step, call.entry, flows]);
  const session = flow && step ? sessionStatus(flow, step, Date.now(), SESSION_VALIDITY_MS) : null;

  // Keep the draft for this step while the panel lives; typed secrets are dropped with the editor.
  useEffect(() => {
    drafts.set(call.har, { draft, revealed });
  }, [draft, revealed, call.har]);
  useEffect(() => () => setSecrets(NO_SECRETS), []);
  useEffect(() => {
    if (plan?.ok && plan.userPoolId && !secrets.userPoolId) setSecrets((s) => ({ ...s, userPoolId: plan.userPoolId ?? '' }));
  }, [plan, secrets.userPoolId]);

  const close = () => {
    drafts.delete(call.har);
    setSecrets(NO_SECRETS);
    onClose();
  };
  const realText = () => unmaskDraft(draft.text, draft.vault);
  const jsonError = draftJsonError(draft.text);
  // The answer map shown as rows above the JSON view (both edit the same draft); none for other calls.
  const field = answerField(call.operation, step?.expected ?? null);
  const effect = replayEffect(call.operation, step?.challengeIn ?? null);
  /** What the replay changed against this call; undefined when its entry is not a Cognito call. */
  const diffOf = (entry: HarEntry, index: number | void) => {
    const classified = classifyEntry(entry, typeof index === 'number' ? index : -1);
    return classified.kind === 'cognito' ? replayDiff(call, classified.call) : undefined;
  };
  /** Says how it went, here and on the replay's entry (which the panel then selects), with the diff. */
  const finish = (said: ReplayOutcome, last: { entry: HarEntry; index: number | void } | null) => {
    const outcome: ReplayOutcome = last ? { ...said, diff: diffOf(last.entry, last.index) } : said;
    setStatus(outcome);
    if (!last) return;
    outcomes.set(last.entry, outcome);
    if (typeof last.index === 'number') onShow?.(last.index);
  };

  const toggleReveal = () => {
    if (!revealed) {
      setDraft({ text: realText(), vault: {} });
      setRevealed(true);
      return;
    }
    try {
      setDraft(maskDraft(JSON.parse(draft.text) as unknown));
      setRevealed(false);
    } catch {
      setStatus({ kind: 'error', text: 'Fix the JSON first: secrets are masked again once the body parses.' });
    }
  };

  const buildRequest = (): ReplayRequest | string => {
    const built = buildReplay(call, realText());
    return built.ok ? built.request : built.reason;
  };

  const onSend = async () => {
    const built = buildRequest();
    if (typeof built === 'string') return setStatus({ kind: 'error', text: built });
    setStatus({ kind: 'busy', text: 'Sending…' });
    try {
      const entry = await send(built);
      finish({ kind: 'done', text: 'Sent: this is the answer, marked ↻ replay in the chain.' }, { entry, index: onReplayed(entry) });
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : 'The replay failed.' });
    }
  };

  const onRerun = async () => {
    if (!plan?.ok || !flow) return;
    let edited: unknown;
    try {
      edited = JSON.parse(realText()) as unknown;
    } catch {
      return setStatus({ kind: 'error', text: 'The edited body is not JSON.' });
    }
    if (!isObject(edited)) return setStatus({ kind: 'error', text: 'The edited body must be a JSON object.' });
    setStatus({ kind: 'busy', text: 'Re-running the sign-in…' });
    let last: { entry: HarEntry; index: number | void } | null = null;
    try {
      const result = await runRerun(plan, flow, edited as JsonObject, {
        password: secrets.password || undefined,
        codes: secrets.codes,
        clientSecret: secrets.clientSecret || undefined,
        userPoolId: secrets.userPoolId || undefined,
      }, send, { onEntry: (entry) => { last = { entry, index: onReplayed(entry) }; } });
      // One-time codes are spent whatever happened.
      setSecrets((s) => ({ ...s, codes: {} }));
      finish(result.ok
        ? { kind: 'done', text: `Re-ran ${result.entries.length} call${result.entries.length === 1 ? '' : 's'}: this is the last answer, marked ↻ replay.` }
        : { kind: 'error', text: result.reason ?? 'The re-run stopped.' }, last);
    } catch (error) {
      setStatus({ kind: 'error', text: error instanceof Error ? error.message : 'The re-run failed.' });
    }
  };

  const onSecretHash = async () => {
    let body: unknown;
    try {
      body = JSON.parse(realText()) as unknown;
    } catch {
      return setStatus({ kind: 'error', text: 'The edited body is not JSON.' });
    }
    if (!isObject(body) || !secrets.clientSecret) return setStatus({ kind: 'error', text: 'Type the app client secret first.' });
    const field = call.operation === 'InitiateAuth' ? 'AuthParameters' : 'ChallengeResponses';
    const map = isObject(body[field]) ? { ...body[field] } : {};
    const username = typeof map.USERNAME === 'string' ? map.USERNAME : '';
    const clientId = typeof body.ClientId === 'string' ? body.ClientId : '';
    if (!username || !clientId) return setStatus({ kind: 'error', text: `SECRET_HASH is computed over ${field}.USERNAME and ClientId: the body lacks one.` });
    map.SECRET_HASH = await computeSecretHash(secrets.clientSecret, username, clientId);
    const next = { ...body, [field]: map };
    setDraft(revealed ? { text: JSON.stringify(next, null, 2), vault: {} } : maskDraft(next));
    setStatus({ kind: 'done', text: `SECRET_HASH computed over ${username} + ${clientId}.` });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void onSend();
    }
  };

  const needsSecret = flow ? flowNeedsSecret(flow) : false;
  const offerRerun = plan?.ok === true;
  const sessionBad = session !== null && session.state !== 'fresh' && session.state !== 'not-needed';
  const codeSteps = plan?.ok ? plan.steps.filter((s) => s.asks.includes('code')).map((s) => ({ entry: s.entry, challenge: s.challenge ?? s.operation })) : [];
  const busy = status?.kind === 'busy';
  // The re-run sends each step to the URL its captured call went to: name every other host too.
  const here = callReplayTarget(call);
  const otherTargets = plan?.ok && flow
    ? [...new Map(plan.steps
      .map((s) => flow.steps.find((f) => f.call.entry === s.entry)?.call)
      .filter((c): c is CognitoCall => c !== undefined)
      .map((c) => callReplayTarget(c))
      .filter((t) => t.origin !== here.origin)
      .map((t) => [t.origin, t] as const)).values()]
    : [];
  return (
    <div class="replay" data-replay-editor="" onKeyDown={onKeyDown}>
      <ReplayTargetNote target={here} />
      <p class={`replay-effect${effect.changesAccount ? ' warn' : ''}`} data-replay-effect={effect.changesAccount ? 'changes-account' : 'signs-in'}>
        If it succeeds: {effect.text}
      </p>
      {session && session.message && <p class="replay-session warn" data-session-state={session.state}>{session.message}</p>}
      {plan?.ok && (
        <div class="rerun" data-rerun="">
          <p class="muted">
            Re-run the sign-in up to this step: {plan.steps.length} call{plan.steps.length === 1 ? '' : 's'} ({plan.steps.map((s) => s.challenge ?? s.operation).join(' → ')}),
            each with the Session the one before returns; your edited answer last. What cannot be reused is asked for below and never stored.
          </p>
          {plan.notes.map((note) => <p key={note} class="muted">{note}</p>)}
          {otherTargets.map((target) => <ReplayTargetNote key={target.origin} target={target} />)}
          <RerunInputs asks={plan.asks} codeSteps={codeSteps} secrets={secrets} onChange={setSecrets} />
        </div>
      )}
      {!plan?.ok && plan && sessionBad && <p class="muted" data-rerun-refused="">Re-run not available: {plan.reason}</p>}
      {!plan?.ok && needsSecret && <RerunInputs asks={['client-secret']} codeSteps={[]} secrets={secrets} onChange={setSecrets} />}
      {field && <AnswerRows draft={draft} field={field} expected={step?.expected ?? null} revealed={revealed} onChange={setDraft} />}
      <textarea class="replay-text mono" spellcheck={false} value={draft.text} rows={12} aria-label="Request body to replay"
        onInput={(e) => setDraft({ text: e.currentTarget.value, vault: draft.vault })} />
      {jsonError && <p class="replay-json-error" data-json-error="">Not JSON at line {jsonError.line}, column {jsonError.column}: {jsonError.message}</p>}
      <div class="replay-actions">
        <button type="button" class={`button${sessionBad ? '' : ' primary'}`} data-action="send-replay" disabled={busy} onClick={() => void onSend()} title="Ctrl+Enter">Send</button>
        {offerRerun && <button type="button" class={`button${sessionBad ? ' primary' : ''}`} data-action="rerun" disabled={busy} onClick={() => void onRerun()}>Re-run the sign-in up to this step</button>}
        {needsSecret && <button type="button" class="button" data-action="compute-secret-hash" onClick={() => void onSecretHash()}>Compute SECRET_HASH</button>}
        <button type="button" class="button" data-action="reveal-draft" onClick={toggleReveal}>{revealed ? 'Mask secrets' : 'Reveal secrets'}</button>
        <button type="button" class="button" data-action="close-replay" onClick={close} title="Esc">Cancel</button>
        {status && <span class={`replay-status ${status.kind}`} data-replay-status={status.kind}>{status.text}</span>}
      </div>
      {status?.diff && <ReplayDiffView diff={status.diff} />}
      <CommandCopy request={buildRequest} />
    </div>
  );
}
