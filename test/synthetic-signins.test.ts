/**
 * The bench's pathological capture shapes (scripts/lib/synthetic-signins.ts): each is what its
 * comment says, and the analyzer links every call of it. No timing here: speed is the bench's.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../src/core/analyze';
import { generateSignInCapture, type SignInShape } from '../scripts/lib/synthetic-signins';
import { sessionReturned, sessionSent } from '../src/core/step-sessions';

const SIGN_INS = 300;

function analyzed(shape: SignInShape) {
  const har = generateSignInCapture({ shape, signIns: SIGN_INS });
  return { har, analysis: analyzeHar(har) };
}

describe('synthetic sign-in shapes', () => {
  it.each<SignInShape>(['independent', 'shared-trailer'])('%s: every sign-in is one flow whose answer hands its Session back', (shape) => {
    const { analysis } = analyzed(shape);
    expect(analysis.calls).toHaveLength(SIGN_INS * 2);
    expect(analysis.flows).toHaveLength(SIGN_INS);
    for (const flow of analysis.flows) {
      expect(flow.steps.map((step) => step.handoff)).toEqual(['start', 'ok']);
      expect(sessionSent(flow.steps[1]!)).toBe(sessionReturned(flow.steps[0]!));
    }
  });

  it('shared-trailer: every Session ends with the same 64 characters, and is as long as the independent one', () => {
    const sessions = (shape: SignInShape) => analyzed(shape).analysis.flows.flatMap((flow) => flow.steps.map((step) => sessionReturned(step)!));
    const shared = sessions('shared-trailer');
    const independent = sessions('independent');
    expect(new Set(shared.map((session) => session.slice(-64))).size).toBe(1);
    expect(new Set(shared).size).toBe(shared.length);
    expect(shared.map((session) => session.length)).toEqual(independent.map((session) => session.length));
  });

  it('one-flow: every answer of the one user joins a single flow, every other one refused', () => {
    const { analysis } = analyzed('one-flow');
    expect(analysis.flows).toHaveLength(1);
    const [flow] = analysis.flows;
    expect(flow!.steps).toHaveLength(SIGN_INS * 2);
    expect(flow!.steps.every((step) => step.call.operation === 'RespondToAuthChallenge')).toBe(true);
    expect(flow!.steps.filter((step) => step.call.error?.type === 'NotAuthorizedException')).toHaveLength(SIGN_INS);
  });

  it.each<SignInShape>(['no-username', 'unknown-sessions', 'one-flow'])('%s: no call is dropped, though no Session links them', (shape) => {
    const { analysis } = analyzed(shape);
    expect(analysis.flows.reduce((sum, flow) => sum + flow.steps.length, 0)).toBe(SIGN_INS * 2);
    expect(analysis.flows.flatMap((flow) => flow.steps).filter((step) => step.handoff === 'ok')).toHaveLength(0);
  });
});
