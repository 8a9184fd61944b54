/**
 * The synthetic capture generator (scripts/lib/synthetic-har.ts) that `npm run bench` and the
 * property tests use: its shape, its determinism, and that the analyzer links its flows as built.
 * No timing here: speed is the bench's business.
 */
import { describe, expect, it } from 'vitest';
import { Buffer } from 'node:buffer';
import { analyzeHar } from '../src/core/analyze';
import { headerValue } from '../src/core/har';
import type { HarEntry } from '../src/core/har';
import {
  ALL_FLOW_KINDS, FLOW_KINDS, generateSyntheticHar, planFlowKinds, serializeHar,
} from '../scripts/lib/synthetic-har';
import { checkAgainstPlan, checkCapture, errorsOnCleanFlows } from '../scripts/lib/check-synthetic';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';

function target(entry: HarEntry): string | undefined {
  return headerValue(entry.request.headers, 'X-Amz-Target');
}

function json(text: string | undefined): Record<string, unknown> {
  return JSON.parse(text ?? 'null') as Record<string, unknown>;
}

function decodeSegment(segment: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(segment ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('planFlowKinds', () => {
  it('makes exactly 500 flows with 2,000 calls for the bench', () => {
    const counts = planFlowKinds(500, 2000);
    const flows = ALL_FLOW_KINDS.reduce((sum, kind) => sum + counts[kind], 0);
    const calls = ALL_FLOW_KINDS.reduce((sum, kind) => sum + counts[kind] * FLOW_KINDS[kind].calls, 0);
    expect(flows).toBe(500);
    expect(calls).toBe(2000);
    for (const kind of ALL_FLOW_KINDS) expect(counts[kind], kind).toBeGreaterThan(0);
  });

  it('hits other exact totals and refuses impossible ones', () => {
    for (const [flows, calls] of [[10, 40], [37, 100], [100, 300], [60, 270]] as const) {
      const counts = planFlowKinds(flows, calls);
      expect(ALL_FLOW_KINDS.reduce((sum, kind) => sum + counts[kind] * FLOW_KINDS[kind].calls, 0)).toBe(calls);
      expect(ALL_FLOW_KINDS.reduce((sum, kind) => sum + counts[kind], 0)).toBe(flows);
    }
    expect(() => planFlowKinds(10, 5)).toThrow();
    expect(() => planFlowKinds(10, 60)).toThrow();
  });
});

describe('generateSyntheticHar: the bench capture (10,000 entries)', () => {
  // Same plan and Cognito bodies as the bench; ordinary bodies shrunk to keep the test quick.
  const generated = generateSyntheticHar({ seed: 20260314, flows: 500, cognitoCalls: 2000, ordinary: 8000, bodies: 'small' });
  const entries = generated.har.log.entries;

  it('has 10,000 entries: 2,000 Cognito calls in 500 flows and 8,000 others', () => {
    expect(entries).toHaveLength(10_000);
    expect(generated.cognitoCalls).toBe(2000);
    expect(generated.ordinary).toBe(8000);
    expect(generated.flows).toHaveLength(500);
    expect(generated.flows.reduce((sum, flow) => sum + flow.entries.length, 0)).toBe(2000);
    const cognito = entries.filter((entry) => target(entry)?.startsWith(TARGET_PREFIX));
    expect(cognito).toHaveLength(2000);
    const kinds = new Set(generated.flows.map((flow) => flow.kind));
    expect([...kinds].sort()).toEqual([...ALL_FLOW_KINDS].sort());
  });

  it('includes the ordinary traffic the analyzer must ignore', () => {
    const byKind = generated.ordinaryByKind;
    for (const kind of ['document', 'xhr-get', 'image', 'preflight', 'cognito-preflight', 'dynamodb', 'cognito-identity'] as const) {
      expect(byKind[kind] ?? 0, kind).toBeGreaterThan(0);
    }
    const targets = new Set(entries.map(target).filter((t): t is string => t !== undefined && !t.startsWith(TARGET_PREFIX)));
    expect([...targets].some((t) => t.startsWith('DynamoDB_20120810.'))).toBe(true);
    expect([...targets].some((t) => t.startsWith('AWSCognitoIdentityService.'))).toBe(true);
    expect(entries.some((e) => e.response.content.encoding === 'base64')).toBe(true);
    expect(entries.some((e) => e.request.method === 'OPTIONS')).toBe(true);
  });

  it('is sorted by start time, with flows interleaved', () => {
    const starts = entries.map((entry) => Date.parse(entry.startedDateTime));
    for (let i = 1; i < starts.length; i++) expect(starts[i]).toBeGreaterThanOrEqual(starts[i - 1] as number);
    // Many flows have another flow's call between their first and last call.
    let interleaved = 0;
    const owner = new Map<number, number>();
    generated.flows.forEach((flow, index) => flow.entries.forEach((entry) => owner.set(entry, index)));
    generated.flows.forEach((flow, index) => {
      const first = flow.entries[0] as number;
      const last = flow.entries[flow.entries.length - 1] as number;
      for (let e = first + 1; e < last; e++) {
        const other = owner.get(e);
        if (other !== undefined && other !== index) {
          interleaved++;
          break;
        }
      }
    });
    expect(interleaved).toBeGreaterThan(250);
  });

  it('has realistic Cognito bodies: ~900-char AYAB Sessions, 768-hex SRP values, Cognito-shaped JWTs, 5-part refresh JWEs', () => {
    let sessions = 0;
    let tokens = 0;
    for (const index of generated.cognitoEntries) {
      const entry = entries[index] as HarEntry;
      const request = json(entry.request.postData?.text);
      const response = json(entry.response.content.text);
      for (const session of [request.Session, response.Session]) {
        if (session === undefined) continue;
        expect(typeof session).toBe('string');
        expect(session as string).toMatch(/^AYAB[A-Za-z0-9+/]+=*$/);
        expect((session as string).length).toBeGreaterThan(850);
        expect((session as string).length).toBeLessThan(960);
        sessions++;
      }
      const srpA = (request.AuthParameters as Record<string, unknown> | undefined)?.SRP_A;
      if (srpA !== undefined) expect(srpA).toMatch(/^[0-9a-f]{768}$/);
      const params = response.ChallengeParameters as Record<string, unknown> | undefined;
      if (params?.SRP_B !== undefined) expect(params.SRP_B).toMatch(/^[0-9a-f]{768}$/);
      const timestamp = (request.ChallengeResponses as Record<string, unknown> | undefined)?.TIMESTAMP;
      if (timestamp !== undefined) expect(timestamp).toMatch(/^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) [A-Z][a-z]{2} [1-9]\d? \d{2}:\d{2}:\d{2} UTC \d{4}$/);
      const result = response.AuthenticationResult as Record<string, string> | undefined;
      if (!result) continue;
      tokens++;
      for (const [name, use] of [['IdToken', 'id'], ['AccessToken', 'access']] as const) {
        const raw = result[name] as string;
        expect(raw.length).toBeGreaterThan(900);
        expect(raw.length).toBeLessThan(1600);
        const [header, payload, signature] = raw.split('.');
        expect(decodeSegment(header)).toEqual({ kid: expect.any(String), alg: 'RS256' });
        const claims = decodeSegment(payload);
        expect(claims.token_use).toBe(use);
        expect(claims.iss).toMatch(/^https:\/\/cognito-idp\.eu-west-1\.amazonaws\.com\/eu-west-1_\w+$/);
        expect(claims.exp).toBe((claims.iat as number) + 3600);
        expect(use === 'id' ? claims.aud : claims.client_id).toMatch(/^[a-z0-9]{26}$/);
        expect(signature).toMatch(/^[A-Za-z0-9_-]{342}$/);
      }
      const refresh = result.RefreshToken as string;
      expect(refresh.split('.')).toHaveLength(5);
      expect(decodeSegment(refresh.split('.')[0])).toEqual({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' });
      expect(refresh.length).toBeGreaterThan(1500);
      expect(refresh.length).toBeLessThan(1900);
    }
    expect(sessions).toBeGreaterThan(1000);
    expect(tokens).toBe(generated.flows.filter((flow) => flow.expectedOutcome === 'authenticated').length);
  });

  it('is linkable: the analyzer finds the 500 flows as generated, with their designed outcomes', () => {
    const analysis = analyzeHar(JSON.parse(serializeHar(generated.har)));
    expect(analysis.entries).toBe(10_000);
    // The background traffic's identity-pool calls are Cognito calls too (issue 11): with tokens from
    // no sign-in of the capture, each forms an identity flow of its own.
    const identityCalls = analysis.calls.filter((call) => call.service === 'identity');
    expect(identityCalls.length).toBeGreaterThan(0);
    expect(analysis.calls).toHaveLength(2000 + identityCalls.length);
    const signIns = analysis.flows.filter((flow) => flow.kind !== 'identity');
    expect(signIns).toHaveLength(500);
    expect(analysis.flows.filter((flow) => flow.kind === 'identity').flatMap((flow) => flow.steps)).toHaveLength(identityCalls.length);
    expect(analysis.standalone).toHaveLength(0);
    expect(analysis.ignored).toHaveLength(8000 - identityCalls.length);
    expect(checkAgainstPlan({ ...analysis, flows: signIns }, generated.flows)).toEqual([]);
    const failed = generated.flows.filter((flow) => flow.expectedOutcome === 'failed').length;
    expect(signIns.filter((flow) => flow.outcome === 'failed')).toHaveLength(failed);
    expect(signIns.filter((flow) => flow.outcome === 'authenticated')).toHaveLength(500 - failed);
  });

  it('says where its identity-pool calls are, and the bench check (checkCapture) finds them as calls', () => {
    const identityTargets = entries.flatMap((entry, index) => (target(entry)?.startsWith('AWSCognitoIdentityService.') ? [index] : []));
    expect(generated.identityEntries).toEqual(identityTargets);
    expect(generated.identityEntries.length).toBe(generated.ordinaryByKind['cognito-identity']);
    const analysis = analyzeHar(JSON.parse(serializeHar(generated.har)));
    const capture = { ...generated, entries: entries.length };
    expect(checkCapture(analysis, capture)).toEqual([]);
    // The check is not a printout: an analysis that lost one identity-pool call, or one user-pool
    // call, or counted the identity calls as ignored, is reported.
    const lostIdentity = analysis.calls.filter((call) => call.entry !== generated.identityEntries[0]);
    expect(checkCapture({ ...analysis, calls: lostIdentity }, capture).join('\n')).toMatch(/identity-pool calls: found \d+, expected \d+; missing entries/);
    const lostUserPool = analysis.calls.filter((call) => call.entry !== generated.cognitoEntries[5]);
    expect(checkCapture({ ...analysis, calls: lostUserPool }, capture).join('\n')).toMatch(/user-pool calls: found 1999, expected 2000/);
    const oldCount = { ...analysis, ignored: [...analysis.ignored, ...generated.identityEntries.map((entry) => ({ entry, reason: 'other-aws-service' as const, detail: '' }))] };
    expect(checkCapture(oldCount, capture).join('\n')).toMatch(/ignored entries, expected/);
    const merged = { ...analysis, flows: analysis.flows.filter((flow) => flow.kind !== 'identity') };
    expect(checkCapture(merged, capture).join('\n')).toMatch(/identity flows \(by entry\): found 0/);
  });
});

describe('generateSyntheticHar: determinism and small captures', () => {
  it('gives byte-identical JSON for the same seed and options, and different JSON for another seed', () => {
    const options = { flows: 12, cognitoCalls: 45, ordinary: 40, bodies: 'small' as const };
    const a = serializeHar(generateSyntheticHar({ ...options, seed: 42 }).har);
    const b = serializeHar(generateSyntheticHar({ ...options, seed: 42 }).har);
    const c = serializeHar(generateSyntheticHar({ ...options, seed: 43 }).har);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('links every flow kind as designed, without error diagnostics on the valid ones', () => {
    const generated = generateSyntheticHar({
      seed: 7,
      mix: Object.fromEntries(ALL_FLOW_KINDS.map((kind) => [kind, 3])),
      ordinary: 60,
      bodies: 'small',
      windowMs: 30_000,
    });
    expect(generated.flows).toHaveLength(ALL_FLOW_KINDS.length * 3);
    const analysis = analyzeHar(generated.har);
    expect(checkAgainstPlan(analysis, generated.flows)).toEqual([]);
    expect(errorsOnCleanFlows(analysis, generated.flows)).toEqual([]);
    for (const flow of analysis.flows) {
      const planned = generated.flows.find((p) => p.entries[0] === flow.steps[0]?.call.entry);
      expect(flow.clientHasSecret, planned?.kind).toBe(planned?.clientHasSecret);
      if (flow.outcome === 'authenticated') {
        expect(flow.tokens.id?.kind).toBe('jwt');
        expect(flow.tokens.access?.kind).toBe('jwt');
        expect(flow.tokens.refresh?.kind).toBe('encrypted');
      }
    }
    // The designed failures are diagnosed: an expired session and Cognito errors.
    const codes = new Set(analysis.diagnostics.map((d) => d.code));
    expect(codes.has('cognito-error')).toBe(true);
    expect(codes.has('session-expired')).toBe(true);
  });
});
