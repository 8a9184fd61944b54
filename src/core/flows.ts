/**
 * Calls → sign-in flows. A flow is the chain of calls linked by their handoffs: the Session a
 * response returns is the Session the next request must send (cognito-protocol.md, "Operations
 * that carry Session"). PASSWORD_VERIFIER often comes without a Session; there SECRET_BLOCK echoed
 * back as PASSWORD_CLAIM_SECRET_BLOCK is the link. TOTP setup after sign-in links by access token.
 *
 * Calls are walked in time order. Every call of a sign-in operation lands in exactly one flow:
 * a request whose Session matches nothing joins the most plausible open flow (same client, same
 * user) with handoff "mismatch" or "missing", or starts a flow of its own — never dropped.
 */
import type { CognitoCall, Flow, Handoff, HandoffVia, JsonObject, Step } from './model';
import { isObject, obj, str } from './json';
import { ANSWER_OPERATIONS, CONTINUE_OPERATIONS, START_OPERATIONS, challengeRule } from './rules';
import { decodeToken, tokenClaims } from './tokens';
import { bodyObject } from './body';
import { CandidateIndex, type CandidateFacts } from './candidate-index';
import { LongKeyMap } from './long-key-map';
import { firstIndexWhere } from './sorted';

/** What the flow looked like when a step was sent: the facts the diagnostics judge it by. */
export interface StepContext {
  flow: Flow;
  /** The challenge outstanding when this request was sent (last ChallengeName issued), or null. */
  expectedChallenge: string | null;
  /** ChallengeParameters of that challenge. */
  expectedParameters: JsonObject | null;
  /** When the outstanding challenge was issued (response end, epoch ms). */
  challengeIssuedAt: number | null;
  /** Some earlier request of this flow sent SECRET_HASH. */
  secretSeenBefore: boolean;
  /** DEVICE_KEY was sent earlier, or a DEVICE_* challenge ran. */
  deviceSeenBefore: boolean;
  /** Entry whose response issued the Session / SECRET_BLOCK this request sent; null when unknown. */
  handoffFrom: number | null;
  /** Entry of the earlier request that already used that Session (for `reused`). */
  firstUsedBy: number | null;
  /** Entry whose response issued the flow's latest Session before this request. */
  latestSessionFrom: number | null;
}

export interface LinkResult {
  flows: Flow[];
  /** Cognito calls that are not part of any sign-in flow. */
  standalone: CognitoCall[];
  contexts: Map<Step, StepContext>;
}

interface FlowState {
  flow: Flow;
  pendingChallenge: string | null;
  pendingParameters: JsonObject | null;
  challengeIssuedAt: number | null;
  /** USER_ID_FOR_SRP / USERNAME given by Cognito in ChallengeParameters: the user's internal name. */
  internalUser: string | null;
  latestSessionFrom: number | null;
  /** When each Session of this flow was issued, ascending: what was "latest" depends on when a request was sent. */
  sessionIssueTimes: number[];
  /** Creation order, for ties between equally plausible flows (the later one wins). */
  order: number;
}

/** What the candidate index ranks and files a flow by (see candidate-index.ts). */
function factsOf(state: FlowState): CandidateFacts {
  const { flow } = state;
  return {
    user: flow.user, internalUser: state.internalUser, clientId: flow.clientId,
    open: flow.outcome !== 'authenticated', endedAt: flow.endedAt, order: state.order,
  };
}

/**
 * Whether a flow issued a Session after `after` and no later than `until`: then a request sent at
 * `until` with the Session issued at `after` sent a stale one. Binary search over the flow's
 * ascending issue times, so a flow of thousands of steps stays linear.
 */
function issuedBetween(times: readonly number[], after: number, until: number): boolean {
  const next = firstIndexWhere(times.length, (i) => times[i]! > after);
  return next < times.length && times[next]! <= until;
}

/** Inserts `time` keeping `times` ascending (responses mostly end in order: near the end). */
function insertSorted(times: number[], time: number): void {
  let i = times.length;
  while (i > 0 && times[i - 1]! > time) i--;
  times.splice(i, 0, time);
}

interface Issued {
  state: FlowState;
  issuedAt: number;
  /** The entry whose response issued it. */
  by: number;
  usedBy: number | null;
}

/** The user a request names: USERNAME in AuthParameters / ChallengeResponses, or `Username`. */
export function requestUser(request: JsonObject): string | null {
  return str(obj(request, 'AuthParameters'), 'USERNAME')
    ?? str(obj(request, 'ChallengeResponses'), 'USERNAME')
    ?? str(request, 'Username')
    ?? null;
}

function sentSecretHash(request: JsonObject): boolean {
  return str(obj(request, 'AuthParameters'), 'SECRET_HASH') !== undefined
    || str(obj(request, 'ChallengeResponses'), 'SECRET_HASH') !== undefined
    || str(request, 'SecretHash') !== undefined;
}

function sentDeviceKey(request: JsonObject): boolean {
  return str(obj(request, 'AuthParameters'), 'DEVICE_KEY') !== undefined
    || str(obj(request, 'ChallengeResponses'), 'DEVICE_KEY') !== undefined;
}

/**
 * Calls in time order, each with a start time that is always comparable: a call without a usable
 * date takes the time of the call before it in the capture (`last`: that of the call before
 * `calls`, when they continue a capture).
 */
function timeOrder(calls: readonly CognitoCall[], last = 0): { call: CognitoCall; at: number }[] {
  const keyed = calls.map((call) => {
    if (Number.isFinite(call.startedAt)) last = call.startedAt;
    return { call, at: last };
  });
  return keyed.sort((a, b) => a.at - b.at || a.call.entry - b.call.entry);
}

/**
 * Links calls as a capture grows (the live panel): each `add` continues the flows the earlier
 * calls built, so a new call costs what it costs, not a pass over the whole capture.
 */
export interface Linker {
  /**
   * Links `calls`, which follow every call given before in the capture. Returns false, linking
   * nothing, when one of them started before a call already linked: the time order that linking
   * follows then needs a fresh linker over all the calls.
   */
  add(calls: readonly CognitoCall[]): boolean;
  /** Every flow so far (outcomes settled), and which of them the calls since the last `result` changed. */
  result(): LinkResult & { changed: ReadonlySet<Flow> };
}

export function linkFlows(calls: readonly CognitoCall[], sessionValidityMs: number): LinkResult {
  // One pass over every call: the flow of each entry is kept only when some call replays one.
  const linker = createLinker(sessionValidityMs, { replays: calls.some((call) => call.replayOf !== null) });
  linker.add(calls);
  const { flows, standalone, contexts } = linker.result();
  return { flows, standalone, contexts };
}

function isFlowOperation(operation: string): boolean {
  return START_OPERATIONS.has(operation) || CONTINUE_OPERATIONS.has(operation);
}

/**
 * `replays: false` promises that no call given to this linker replays another (`replayOf` null
 * throughout, as in a one-shot pass over a capture with none): then it does not keep the flow of
 * every entry, which only a replay looks up.
 */
export function createLinker(sessionValidityMs: number, { replays = true }: { replays?: boolean } = {}): Linker {
  const flows: FlowState[] = [];
  /** The same flows as `Flow`s: what `result` hands out (copied, a cheap copy), kept as flows are made. */
  const flowList: Flow[] = [];
  const standalone: CognitoCall[] = [];
  const contexts = new Map<Step, StepContext>();
  const sessions = new LongKeyMap<Issued>();
  const secretBlocks = new LongKeyMap<Issued>();
  const accessTokens = new LongKeyMap<Issued>();
  const candidates = new CandidateIndex<FlowState>(factsOf);
  /** The flow each call joined, by entry: a re-run from the panel joins the flow it replays. */
  const flowOfEntry = new Map<number, FlowState>();

  const newFlow = (at: number, request: JsonObject): FlowState => {
    const flow: Flow = {
      id: `flow-${flows.length + 1}`,
      user: requestUser(request),
      clientId: str(request, 'ClientId') ?? null,
      authFlow: str(request, 'AuthFlow') ?? null,
      outcome: 'pending',
      steps: [],
      tokens: { id: null, access: null, refresh: null, issuedBy: null },
      clientHasSecret: false,
      deviceInPlay: false,
      startedAt: at,
      endedAt: at,
    };
    const state: FlowState = {
      flow, pendingChallenge: null, pendingParameters: null, challengeIssuedAt: null,
      internalUser: null, latestSessionFrom: null, sessionIssueTimes: [], order: flows.length,
    };
    flows.push(state);
    flowList.push(flow);
    candidates.changed(state);
    return state;
  };

  /**
   * The open flow this request most plausibly continues: same client and user; open flows first,
   * then the one active last, then the one created last.
   */
  const plausibleFlow = (request: JsonObject): FlowState | undefined => candidates.best(requestUser(request), str(request, 'ClientId'));

  /** Links one call, `at` its comparable start time; calls come in time order. */
  const link = (call: CognitoCall, at: number): void => {
    const op = call.operation;
    if (!isFlowOperation(op)) {
      standalone.push(call);
      return;
    }
    const request = bodyObject(call.request);
    const response = bodyObject(call.response);
    const sessionIn = str(request, 'Session');
    const accessTokenIn = str(request, 'AccessToken');
    const challengeIn = ANSWER_OPERATIONS.has(op) ? (str(request, 'ChallengeName') ?? null) : null;

    let state: FlowState | undefined;
    let handoff: Handoff = 'start';
    let via: HandoffVia = 'none';
    let issued: Issued | undefined;

    if (sessionIn !== undefined) {
      issued = sessions.get(sessionIn);
      if (issued) {
        state = issued.state;
        via = op === 'InitiateAuth' || op === 'AdminInitiateAuth' ? 'confirm-session' : 'session';
        // Stale first: a Session the flow had already replaced when this request was sent is the
        // wrong one ("Invalid session for the user"); the latest one sent twice is a reuse
        // ("session can only be used once"). A double submit sends the latest one twice.
        handoff = issuedBetween(state.sessionIssueTimes, issued.issuedAt, at) ? 'mismatch' : issued.usedBy !== null ? 'reused' : 'ok';
      } else if (!START_OPERATIONS.has(op)) {
        // A Session this capture never saw issued: older than the capture, or simply wrong.
        state = plausibleFlow(request);
        handoff = 'mismatch';
        via = 'session';
      }
    } else if (challengeRule(challengeIn)?.handoffBySecretBlock) {
      const echoed = str(obj(request, 'ChallengeResponses'), 'PASSWORD_CLAIM_SECRET_BLOCK');
      issued = echoed !== undefined ? secretBlocks.get(echoed) : undefined;
      if (issued) {
        state = issued.state;
        via = 'secret-block';
        handoff = issued.usedBy !== null ? 'reused' : 'ok';
      } else {
        state = plausibleFlow(request);
        handoff = echoed !== undefined ? 'mismatch' : 'missing';
        via = 'secret-block';
      }
    } else if (accessTokenIn !== undefined && (op === 'AssociateSoftwareToken' || op === 'VerifySoftwareToken')) {
      // TOTP setup after sign-in: the access token ties it to the sign-in that issued it.
      const owner = accessTokens.get(accessTokenIn);
      if (owner) {
        state = owner.state;
        handoff = 'ok';
      }
      via = 'access-token';
    } else if (op === 'ConfirmSignUp') {
      // The older API has no Session here: a ConfirmSignUp continues the sign-up of the same user.
      const candidate = plausibleFlow(request);
      if (candidate && candidate.flow.steps[0]?.call.operation === 'SignUp') {
        state = candidate;
        handoff = 'ok';
        via = 'user-name';
      }
    } else if (CONTINUE_OPERATIONS.has(op)) {
      state = plausibleFlow(request);
      handoff = 'missing';
      via = 'session';
    }

    // A re-run from the panel (a replayed InitiateAuth) is a branch of the flow it re-signs-in: it
    // shows in the same chain, starting again from there.
    if (!state && call.replayOf !== null && START_OPERATIONS.has(op)) state = flowOfEntry.get(call.replayOf);
    if (!state) state = newFlow(at, request);
    if (replays) flowOfEntry.set(call.entry, state);
    const flow = state.flow;
    if (flow.steps.length === 0 && handoff === 'ok') handoff = 'start';

    const challengeOut = str(response, 'ChallengeName') ?? null;
    const sessionOut = str(response, 'Session');
    const ageFrom = issued?.issuedAt ?? (handoff !== 'start' ? state.challengeIssuedAt : null);
    const sessionAgeMs = ageFrom !== null && ageFrom !== undefined ? Math.max(0, at - ageFrom) : null;
    const step: Step = {
      call,
      challengeIn,
      challengeOut,
      handoff,
      handoffVia: via,
      sessionAgeMs,
      sessionExpired: sessionAgeMs !== null && via !== 'access-token' && sessionAgeMs > sessionValidityMs,
      tokens: null,
      expected: null,
    };
    contexts.set(step, {
      flow,
      expectedChallenge: state.pendingChallenge,
      expectedParameters: state.pendingParameters,
      challengeIssuedAt: state.challengeIssuedAt,
      secretSeenBefore: flow.clientHasSecret,
      deviceSeenBefore: flow.deviceInPlay,
      handoffFrom: issued?.by ?? null,
      firstUsedBy: issued?.usedBy ?? null,
      latestSessionFrom: state.latestSessionFrom,
    });
    flow.steps.push(step);

    // What this request tells about the flow.
    // A Session is spent by any request Cognito answered, a rejected answer included: the reference
    // gives "double submit, retry" as causes of "session can only be used once" (cognito-protocol.md,
    // "Common failures"). A request that never got a response (status 0) did not reach Cognito.
    if (issued && issued.usedBy === null && call.status > 0) issued.usedBy = call.entry;
    if (flow.user === null) flow.user = requestUser(request);
    flow.authFlow ??= str(request, 'AuthFlow') ?? null;
    if (flow.clientId === null) flow.clientId = str(request, 'ClientId') ?? null;
    // Once known, not looked up again (nine property reads on every request of a long flow).
    if (!flow.clientHasSecret && sentSecretHash(request)) flow.clientHasSecret = true;
    if (!flow.deviceInPlay && sentDeviceKey(request)) flow.deviceInPlay = true;

    // What its response hands to the next step.
    const end = at + call.duration;
    flow.endedAt = Math.max(flow.endedAt, end);
    if (sessionOut !== undefined) {
      sessions.set(sessionOut, { state, issuedAt: end, by: call.entry, usedBy: null });
      state.latestSessionFrom = call.entry;
      insertSorted(state.sessionIssueTimes, end);
    }
    if (challengeOut !== null) {
      const parameters = obj(response, 'ChallengeParameters') ?? null;
      state.pendingChallenge = challengeOut;
      state.pendingParameters = parameters;
      state.challengeIssuedAt = end;
      state.internalUser = str(parameters, 'USER_ID_FOR_SRP') ?? str(parameters, 'USERNAME') ?? state.internalUser;
      const secretBlock = str(parameters, 'SECRET_BLOCK');
      if (secretBlock !== undefined) secretBlocks.set(secretBlock, { state, issuedAt: end, by: call.entry, usedBy: null });
      if (challengeRule(challengeOut)?.device) flow.deviceInPlay = true;
    }
    const result = obj(response, 'AuthenticationResult');
    if (result) {
      flow.outcome = 'authenticated';
      state.pendingChallenge = null;
      state.pendingParameters = null;
      // Decoded once, here: the step keeps what it issued, the flow the latest tokens.
      step.tokens = flow.tokens = {
        id: 'IdToken' in result ? decodeToken(result.IdToken, end) : null,
        access: 'AccessToken' in result ? decodeToken(result.AccessToken, end) : null,
        refresh: 'RefreshToken' in result ? decodeToken(result.RefreshToken, end) : null,
        issuedBy: call.entry,
      };
      const accessToken = str(result, 'AccessToken');
      if (accessToken !== undefined) accessTokens.set(accessToken, { state, issuedAt: end, by: call.entry, usedBy: null });
      if (isObject(result.NewDeviceMetadata)) flow.deviceInPlay = true;
      if (flow.user === null) {
        const claims = flow.tokens.access?.kind === 'jwt' ? tokenClaims(flow.tokens.access) : flow.tokens.id?.kind === 'jwt' ? tokenClaims(flow.tokens.id) : {};
        const name = claims['username'] ?? claims['cognito:username'];
        flow.user = typeof name === 'string' ? name : null;
      }
    }
    // The step may have named the flow's user, client or internal name: keep them findable.
    candidates.changed(state);
    changed.add(flow);
  };

  const changed = new Set<Flow>();
  /** The start time of the last call linked, and the date the next undated call takes. */
  let lastAt = -Infinity;
  let lastDate = 0;

  return {
    add(calls) {
      const ordered = timeOrder(calls, lastDate);
      if (ordered.length === 0) return true;
      if (ordered[0]!.at < lastAt) return false;
      for (const { call, at } of ordered) link(call, at);
      lastAt = ordered.at(-1)!.at;
      for (const call of calls) if (Number.isFinite(call.startedAt)) lastDate = call.startedAt;
      return true;
    },
    result() {
      // Settled here rather than while linking, where "open" is all that counts: a flow's outcome
      // is its last step's, until it is authenticated.
      for (const flow of changed) {
        if (flow.outcome !== 'authenticated') flow.outcome = flow.steps.at(-1)?.call.error ? 'failed' : 'pending';
      }
      const result = { flows: flowList.slice(), standalone: standalone.slice(), contexts, changed: new Set(changed) };
      changed.clear();
      return result;
    },
  };
}
