/**
 * The flow facts (src/core/diagnostics/flow-facts.ts) answer what the scans they replaced answered
 * — the scans are written out below as the reference — for every step of random flows, a step of
 * no flow, and flows that grew after they were first asked (the live panel's).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Body, CognitoCall, Flow, JsonObject, Step } from '../../src/core/model';
import { lastUnreadResponse, outstandingChallengeUnknown, retriedAfterRejection, uncheckableHandoff } from '../../src/core/diagnostics/evidence';
import { errorContext } from '../../src/core/diagnostics/error-context';
import { accepted, flowFacts } from '../../src/core/diagnostics/flow-facts';
import { bodyObject } from '../../src/core/body';
import { obj, str } from '../../src/core/json';
import { PASSWORD_PROOF_KEYS, challengeRule } from '../../src/core/rules';
import { sessionReturned, sessionSent } from '../../src/core/step-sessions';

// The reference: each question answered by scanning the steps before `step`, as before the facts.
const unread = (step: Step) => step.call.response.state === 'not-captured' || step.call.response.state === 'unparseable';
const before = (flow: Flow, step: Step) => flow.steps.slice(0, flow.steps.indexOf(step));
const reference = {
  lastUnread: (flow: Flow, step: Step) => before(flow, step).filter(unread).at(-1),
  outstandingUnknown: (flow: Flow, step: Step) => before(flow, step).findLastIndex(unread) > before(flow, step).findLastIndex((s) => s.challengeOut !== null),
  uncheckable(flow: Flow, step: Step) {
    if (step.handoff !== 'mismatch') return undefined;
    const sent = sessionSent(step);
    if (step.handoffVia !== 'secret-block' && sent !== null && before(flow, step).some((s) => sessionReturned(s) === sent)) return undefined;
    return reference.lastUnread(flow, step);
  },
  retried(flow: Flow, step: Step) {
    const sent = step.handoff === 'reused' ? sessionSent(step) : null;
    if (sent === null) return false;
    const first = flow.steps.find((s) => s !== step && sessionSent(s) === sent);
    return first !== undefined && first.call.error !== null;
  },
  errorContext(flow: Flow, step: Step) {
    const context = { operation: step.call.operation, challenge: step.challengeIn, authFlow: null as string | null, passwordProof: null as 'srp' | 'plain' | null, passwordAccepted: false };
    for (const earlier of flow.steps) {
      const request = bodyObject(earlier.call.request);
      context.authFlow ??= str(request, 'AuthFlow') ?? null;
      const keys = challengeRule(earlier.challengeIn)?.device ? {} : { ...(obj(request, 'AuthParameters') ?? {}), ...(obj(request, 'ChallengeResponses') ?? {}) };
      for (const key of Object.keys(keys)) {
        const proof = Object.hasOwn(PASSWORD_PROOF_KEYS, key) ? PASSWORD_PROOF_KEYS[key] : undefined;
        if (!proof) continue;
        context.passwordProof = proof.proof;
        if (proof.proves && earlier !== step && accepted(earlier.call)) context.passwordAccepted = true;
      }
      if (earlier === step) break;
    }
    return context;
  },
};

const SESSIONS = ['A', 'B', 'C'].map((letter) => letter.repeat(80));

const stepSpec = fc.record({
  entry: fc.integer({ min: 0, max: 12 }),
  response: fc.constantFrom<Body['state']>('json', 'json', 'not-captured', 'unparseable'),
  challengeOut: fc.constantFrom(null, 'SMS_MFA'),
  challengeIn: fc.constantFrom(null, 'PASSWORD_VERIFIER', 'DEVICE_PASSWORD_VERIFIER'),
  sent: fc.constantFrom(null, ...SESSIONS),
  returned: fc.constantFrom(null, ...SESSIONS),
  handoff: fc.constantFrom<Step['handoff']>('start', 'ok', 'mismatch', 'reused', 'missing'),
  via: fc.constantFrom<Step['handoffVia']>('session', 'secret-block', 'none'),
  authFlow: fc.constantFrom(undefined, 'USER_SRP_AUTH', 'USER_PASSWORD_AUTH'),
  proofs: fc.subarray(['PASSWORD', 'SRP_A', 'PASSWORD_CLAIM_SIGNATURE', 'USERNAME']),
  failed: fc.boolean(),
});

function stepOf(spec: typeof stepSpec extends fc.Arbitrary<infer T> ? T : never): Step {
  const request: JsonObject = {
    ...(spec.authFlow ? { AuthFlow: spec.authFlow } : {}),
    ...(spec.sent ? { Session: spec.sent } : {}),
    [spec.authFlow ? 'AuthParameters' : 'ChallengeResponses']: Object.fromEntries(spec.proofs.map((key) => [key, 'x'])),
  };
  const response: Body = spec.response === 'json'
    ? { state: 'json', value: spec.returned ? { Session: spec.returned } : {} }
    : spec.response === 'unparseable' ? { state: 'unparseable', reason: 'r', preview: '', length: 1 } : { state: 'not-captured', reason: 'r' };
  const call = {
    entry: spec.entry, operation: 'RespondToAuthChallenge', service: 'user-pool', status: spec.failed ? 400 : 200,
    error: spec.failed ? { type: 'NotAuthorizedException', message: 'no', source: 'body' } : null,
    request: { state: 'json', value: request }, response,
  } as unknown as CognitoCall;
  return {
    call, challengeIn: spec.challengeIn, challengeOut: spec.challengeOut, handoff: spec.handoff, handoffVia: spec.via,
    sessionAgeMs: null, sessionExpired: false, tokens: null, expected: null,
  };
}

function expectSameAnswers(flow: Flow, steps: readonly Step[]): void {
  for (const step of steps) {
    expect(lastUnreadResponse(flow, step)).toBe(reference.lastUnread(flow, step));
    expect(outstandingChallengeUnknown(flow, step)).toBe(reference.outstandingUnknown(flow, step));
    expect(uncheckableHandoff(flow, step)).toBe(reference.uncheckable(flow, step));
    expect(retriedAfterRejection(flow, step)).toBe(reference.retried(flow, step));
    expect(errorContext(flow, step)).toEqual(reference.errorContext(flow, step));
    expect(flowFacts(flow.steps).stepOfEntry(step.call.entry)).toBe(flow.steps.find((s) => s.call.entry === step.call.entry));
  }
}

describe('flow facts', () => {
  it('answer as the scans did, for each step of a flow and for a step of none', () => {
    fc.assert(fc.property(fc.array(stepSpec, { maxLength: 14 }), stepSpec, (specs, foreignSpec) => {
      const flow = { steps: specs.map(stepOf) } as unknown as Flow;
      expectSameAnswers(flow, [...flow.steps, stepOf(foreignSpec)]);
    }), { numRuns: 300 });
  });

  it('answer for the steps a flow gained after it was first asked about', () => {
    fc.assert(fc.property(fc.array(stepSpec, { minLength: 1, maxLength: 8 }), fc.array(stepSpec, { minLength: 1, maxLength: 8 }), (first, later) => {
      const steps = first.map(stepOf);
      const flow = { steps } as unknown as Flow;
      expectSameAnswers(flow, steps);
      steps.push(...later.map(stepOf));
      expectSameAnswers(flow, steps);
      // Changed in place rather than grown: the facts start over.
      steps[0] = stepOf(later[0]!);
      steps.splice(1, 0, stepOf(first[0]!));
      expectSameAnswers(flow, steps);
    }), { numRuns: 200 });
  });

  it('answer for copies of a flow: one that grew, and one with steps merged in between, asked in turn', () => {
    fc.assert(fc.property(fc.array(stepSpec, { minLength: 2, maxLength: 8 }), fc.array(stepSpec, { minLength: 1, maxLength: 6 }), (first, later) => {
      const base = first.map(stepOf);
      const extra = later.map(stepOf);
      const flow = { steps: base } as unknown as Flow;
      const grown = { steps: [...base, ...extra] } as unknown as Flow;
      const merged = { steps: [base[0]!, ...extra, ...base.slice(1)] } as unknown as Flow;
      for (let round = 0; round < 2; round++) {
        expectSameAnswers(flow, flow.steps);
        expectSameAnswers(grown, grown.steps);
        expectSameAnswers(merged, merged.steps);
      }
    }), { numRuns: 150 });
  });

  it('stepOfEntry: none for a null entry', () => {
    expect(flowFacts([]).stepOfEntry(null)).toBeUndefined();
  });
});
