/**
 * Data-driven expectations: every scenario of test/fixtures/scenarios is analysed and compared
 * with what cognito-protocol.md and the issue say a correct analysis reports. Each scenario gives
 * two tests: what must fire (flows, steps, handoffs, diagnostics) and what must not fire.
 * The last block checks the catalogue itself: every diagnostic code fires somewhere and is
 * asserted absent somewhere, every "Common failures" row appears, and the fixtures are realistic.
 */
import { describe, expect, it } from 'vitest';
import { analyzeHar } from '../src/core/analyze';
import { headerValue, type HarEntry } from '../src/core/har';
import type { Analysis } from '../src/core/model';
import { toReport, type Report } from '../src/core/report';
import { handoffView } from '../src/core/view/handoff-view';
import { flowRows } from '../src/core/view/flow-row';
import { formatText, PLAIN } from '../src/cli/format-text';
import { SECRET_CLIENT, secretHash } from './fixtures/builders';
import { ALL_CODES, scenarios, type ExpectedFlow, type Scenario } from './fixtures/scenarios';

interface Result {
  analysis: Analysis;
  report: Report;
}

const results = new Map<string, Result>();

/** Analyses a scenario once and shares the result between its tests. */
function analyse(scenario: Scenario): Result {
  let result = results.get(scenario.name);
  if (!result) {
    const analysis = analyzeHar(scenario.har, scenario.options);
    result = { analysis, report: toReport(analysis) };
    results.set(scenario.name, result);
  }
  return result;
}

const firstEntry = (flow: { steps: { entry: number }[] }): number => flow.steps[0]?.entry ?? -1;

/** The reported flows in the expectation's shape, without the calls the scenario leaves unplaced. */
function actualFlows(scenario: Scenario, { analysis, report }: Result): (ExpectedFlow & { id: string })[] {
  const unplaced = new Set(scenario.expect.unplaced ?? []);
  const expectedErrors = new Set(scenario.expect.flows.flatMap((f) => f.steps.filter((s) => s.error !== undefined).map((s) => s.entry)));
  const wantsTokens = new Set(scenario.expect.flows.filter((f) => f.tokens).map(firstEntry));
  const wantsAuthFlow = new Set(scenario.expect.flows.filter((f) => f.authFlow !== undefined).map(firstEntry));
  const wantsRefreshOf = new Set(scenario.expect.flows.filter((f) => f.refreshOf !== undefined).map(firstEntry));
  const firstEntryOf = new Map(report.flows.map((flow) => [flow.id, flow.steps[0]?.entry ?? -1]));
  return report.flows
    .map((flow) => {
      const steps = flow.steps
        .filter((s) => !unplaced.has(s.entry))
        .map((s) => ({
          entry: s.entry,
          operation: s.operation,
          challengeIn: s.challengeIn,
          challengeOut: s.challengeOut,
          handoff: s.handoff,
          // The error type is compared only where the scenario names one.
          ...(expectedErrors.has(s.entry) ? { error: s.error?.type ?? '(none)' } : {}),
        }));
      const projected: ExpectedFlow & { id: string } = { id: flow.id, user: flow.user, clientId: flow.clientId, outcome: flow.outcome, steps };
      if (wantsAuthFlow.has(firstEntry(projected))) projected.authFlow = flow.authFlow;
      if (wantsTokens.has(firstEntry(projected))) {
        const tokens = analysis.flows.find((f) => f.id === flow.id)?.tokens;
        projected.tokens = { id: tokens?.id?.kind ?? null, access: tokens?.access?.kind ?? null, refresh: tokens?.refresh?.kind ?? null };
      }
      if (wantsRefreshOf.has(firstEntry(projected))) projected.refreshOf = flow.refreshOf !== null ? (firstEntryOf.get(flow.refreshOf) ?? -1) : null;
      return projected;
    })
    .filter((flow) => flow.steps.length > 0)
    .sort((a, b) => firstEntry(a) - firstEntry(b));
}

function expectedFlows(scenario: Scenario): ExpectedFlow[] {
  return scenario.expect.flows
    .map((flow) => (flow.tokens ? { ...flow, tokens: { id: null, access: null, refresh: null, ...flow.tokens } } : flow))
    .sort((a, b) => firstEntry(a) - firstEntry(b));
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');

describe.each(scenarios.map((s) => [s.name, s] as const))('scenario %s', (_name, scenario) => {
  it('fires: recognises the calls, links the flows and reports the expected diagnostics', () => {
    const result = analyse(scenario);
    const { analysis, report } = result;

    // Calls: exactly the entries with X-Amz-Target AWSCognitoIdentityProviderService.* or AWSCognitoIdentityService.*.
    expect(analysis.calls.map((c) => c.entry)).toEqual(scenario.cognitoCalls);
    expect(report.entries).toBe(scenario.har.log.entries.length);
    // Managed-login entries (no X-Amz-Target) are analysed by src/core/oauth, so they are not ignored either.
    expect(analysis.oauth.entries.map((e) => e.entry).sort((a, b) => a - b)).toEqual(scenario.managedLogin ?? []);
    expect(analysis.ignored.length).toBe(scenario.har.log.entries.length - scenario.cognitoCalls.length - (scenario.managedLogin?.length ?? 0));
    if (scenario.expect.ignored) expect(report.ignored).toEqual(scenario.expect.ignored);

    const unplaced = new Set(scenario.expect.unplaced ?? []);
    const standalone = report.otherCalls.map((c) => c.entry).filter((e) => !unplaced.has(e));
    expect(standalone.sort((a, b) => a - b)).toEqual([...(scenario.expect.standalone ?? [])].sort((a, b) => a - b));

    const flows = actualFlows(scenario, result).map(({ id: _id, ...flow }) => flow);
    expect(flows).toEqual(expectedFlows(scenario));

    const missing = scenario.expect.diagnostics.filter((want) => !report.diagnostics.some((d) =>
      d.entry === want.entry && d.code === want.code && (want.keys === undefined || sameSet(d.keys, want.keys))
      && (want.severity === undefined || d.severity === want.severity) && (want.says === undefined || want.says.test(`${d.message} ${d.hint}`))));
    expect(missing, `reported: ${JSON.stringify(report.diagnostics.map((d) => ({ entry: d.entry, code: d.code, severity: d.severity, keys: d.keys, message: d.message, hint: d.hint })))}`).toEqual([]);
  });

  it('does not fire: none of the codes that must stay quiet, no error on a clean capture or an accepted step', () => {
    const { analysis, report } = analyse(scenario);
    const absent = new Set<string>(scenario.expect.absent ?? []);
    const unwanted = report.diagnostics.filter((d) => absent.has(d.code)).map((d) => ({ entry: d.entry, code: d.code, message: d.message }));
    expect(unwanted).toEqual([]);
    const notErrors = new Set<string>(scenario.expect.notErrors ?? []);
    expect(report.diagnostics.filter((d) => d.severity === 'error' && notErrors.has(d.code)).map((d) => ({ entry: d.entry, code: d.code, message: d.message }))).toEqual([]);
    for (const unsaid of scenario.expect.unsaid ?? []) {
      expect(report.diagnostics.filter((d) => unsaid.test(`${d.message} ${d.hint}`)).map((d) => ({ entry: d.entry, code: d.code, hint: d.hint })), String(unsaid)).toEqual([]);
    }
    // The server's answer outranks our rules: a step Cognito accepted carries no error (issue 9, item 4).
    const accepted = new Set(analysis.calls.filter((c) => c.error === null && c.status >= 200 && c.status < 300).map((c) => c.entry));
    expect(report.diagnostics.filter((d) => d.severity === 'error' && accepted.has(d.entry)).map((d) => ({ entry: d.entry, code: d.code, message: d.message }))).toEqual([]);
    if (scenario.expect.clean) {
      expect(report.diagnostics.filter((d) => d.severity === 'error').map((d) => ({ entry: d.entry, code: d.code, message: d.message }))).toEqual([]);
      // A clean capture has no failed call either.
      expect(report.flows.flatMap((f) => f.steps.filter((s) => s.error !== null).map((s) => ({ entry: s.entry, error: s.error })))).toEqual([]);
    }
  });
});

describe('scenario catalogue', () => {
  it.each(ALL_CODES.map((code) => [code]))('has a scenario where %s fires and one where it must not', (code) => {
    const fires = scenarios.filter((s) => s.expect.diagnostics.some((d) => d.code === code)).map((s) => s.name);
    const quiet = scenarios.filter((s) => s.expect.absent?.includes(code)).map((s) => s.name);
    // A near miss: a capture with something wrong (not a clean one) where this code must still stay quiet.
    const nearMiss = scenarios.filter((s) => !s.expect.clean && s.expect.absent?.includes(code)).map((s) => s.name);
    expect(fires.length, `${code} never expected to fire`).toBeGreaterThan(0);
    expect(quiet.length, `${code} never expected to stay quiet`).toBeGreaterThan(0);
    expect(nearMiss.length, `${code} has no near miss`).toBeGreaterThan(0);
  });

  it('has a clean scenario for every challenge in the reference table', () => {
    const answered = new Set<string>();
    const issued = new Set<string>();
    for (const s of scenarios.filter((x) => x.expect.clean)) {
      for (const flow of s.expect.flows) {
        for (const st of flow.steps) {
          if (st.challengeIn) answered.add(st.challengeIn);
          if (st.challengeOut) issued.add(st.challengeOut);
        }
      }
    }
    const table = ['PASSWORD_VERIFIER', 'SMS_MFA', 'SMS_OTP', 'EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SELECT_MFA_TYPE', 'MFA_SETUP', 'NEW_PASSWORD_REQUIRED',
      'CUSTOM_CHALLENGE', 'DEVICE_SRP_AUTH', 'DEVICE_PASSWORD_VERIFIER', 'SELECT_CHALLENGE', 'WEB_AUTHN'];
    expect(table.filter((c) => !answered.has(c) || !issued.has(c))).toEqual([]);
    // PASSWORD and PASSWORD_SRP are chosen (PREFERRED_CHALLENGE / SELECT_CHALLENGE ANSWER), not issued.
    const chosen = scenarios.filter((x) => x.expect.clean).flatMap((x) => x.har.log.entries.map((e) => e.request.postData?.text ?? ''));
    for (const choice of ['PASSWORD', 'PASSWORD_SRP']) {
      expect(chosen.some((t) => t.includes(`"PREFERRED_CHALLENGE":"${choice}"`)), `PREFERRED_CHALLENGE ${choice}`).toBe(true);
      expect(chosen.some((t) => t.includes(`"ANSWER":"${choice}"`)), `SELECT_CHALLENGE ANSWER ${choice}`).toBe(true);
    }
  });

  it('has every row of the reference\'s "Common failures" table', () => {
    const rows: [string, string][] = [
      ['NotAuthorizedException', 'Invalid session for the user, session is expired.'],
      ['NotAuthorizedException', 'Invalid session for the user, session can only be used once.'],
      ['NotAuthorizedException', 'Invalid session for the user.'],
      ['NotAuthorizedException', 'Invalid session provided for the user.'],
      ['InvalidParameterException', 'Missing required parameter Session'],
      ['InvalidParameterException', 'Missing required parameter USERNAME'],
      ['NotAuthorizedException', 'Unable to verify secret hash for client'],
      ['NotAuthorizedException', 'SecretHash does not match for the client'],
      ['NotAuthorizedException', 'is configured for secret but secret was not received'],
      ['NotAuthorizedException', 'Incorrect username or password.'],
      ['InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.'],
      ['CodeMismatchException', 'Invalid code or auth state for the user.'],
      ['ExpiredCodeException', 'Invalid code provided, please request a code again.'],
      ['EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA'],
      ['SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.'],
      ['InvalidParameterException', 'Invalid attributes given, email is missing'],
      ['InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client'],
      ['NotAuthorizedException', 'Invalid Access Token'],
      ['UserLambdaValidationException', 'CreateAuthChallenge failed with error'],
      ['NotAuthorizedException', 'Password attempts exceeded'],
      ['NotAuthorizedException', 'Refresh Token has been revoked'],
      ['TooManyRequestsException', 'Rate exceeded'],
      ['LimitExceededException', 'Attempt limit exceeded, please try after some time.'],
      ['PasswordResetRequiredException', 'Password reset required for the user'],
      ['UserNotConfirmedException', 'User is not confirmed.'],
    ];
    const errors = scenarios.flatMap((s) => s.har.log.entries.map((e) => `${headerValue(e.response.headers, 'x-amzn-ErrorType') ?? ''} ${headerValue(e.response.headers, 'x-amzn-ErrorMessage') ?? ''}`));
    expect(rows.filter(([type, message]) => !errors.some((e) => e.startsWith(`${type}:`) && e.includes(message)))).toEqual([]);
  });
});

describe('fixtures are realistic', () => {
  const allEntries = scenarios.flatMap((s) => s.har.log.entries.map((entry, index) => ({ scenario: s, entry, index })));
  const json = (text: string | undefined): Record<string, unknown> | undefined => {
    try {
      return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
    } catch {
      return undefined;
    }
  };
  const responseJson = (entry: HarEntry): Record<string, unknown> | undefined => {
    const { text, encoding } = entry.response.content;
    return json(encoding === 'base64' && text ? Buffer.from(text, 'base64').toString('utf8') : text);
  };
  const target = (entry: HarEntry): string => headerValue(entry.request.headers, 'x-amz-target') ?? '';

  it('lists as Cognito calls exactly the entries whose X-Amz-Target is AWSCognitoIdentityProviderService.* or AWSCognitoIdentityService.*', () => {
    for (const s of scenarios) {
      const byHeader = s.har.log.entries.flatMap((e, i) => (/^AWSCognitoIdentity(Provider)?Service\./.test(target(e)) ? [i] : []));
      expect(byHeader, s.name).toEqual(s.cognitoCalls);
    }
  });

  it('orders entries by start time, like Chrome', () => {
    for (const s of scenarios) {
      const starts = s.har.log.entries.map((e) => Date.parse(e.startedDateTime));
      expect(starts.every((t, i) => i === 0 || t >= starts[i - 1]!), s.name).toBe(true);
    }
  });

  it('returns AWS Sessions that start with AYAB and fit 20..2048 characters', () => {
    const sessions = allEntries.flatMap(({ entry }) => {
      const session = responseJson(entry)?.Session;
      return typeof session === 'string' && !entry.request.url.startsWith('http://127.0.0.1') ? [session] : [];
    });
    expect(sessions.length).toBeGreaterThan(50);
    expect(sessions.filter((s) => !s.startsWith('AYAB') || s.length < 20 || s.length > 2048)).toEqual([]);
  });

  it('writes TIMESTAMP as ddd MMM D HH:mm:ss UTC YYYY (day not padded, weekday right) in clean captures', () => {
    const pattern = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([1-9]\d?) (\d\d):(\d\d):(\d\d) UTC (\d{4})$/;
    const stamps = allEntries
      .filter(({ scenario }) => scenario.expect.clean)
      .flatMap(({ entry }) => {
        const responses = json(entry.request.postData?.text)?.ChallengeResponses as Record<string, string> | undefined;
        return responses?.TIMESTAMP ? [{ stamp: responses.TIMESTAMP, sentAt: Date.parse(entry.startedDateTime) }] : [];
      });
    expect(stamps.length).toBeGreaterThan(10);
    for (const { stamp, sentAt } of stamps) {
      const m = pattern.exec(stamp);
      expect(m, stamp).not.toBeNull();
      const parsed = new Date(`${m![2]} ${m![3]}, ${m![7]} ${m![4]}:${m![5]}:${m![6]} UTC`);
      expect(parsed.toUTCString().slice(0, 3), stamp).toBe(m![1]);
      expect(Math.abs(parsed.getTime() - sentAt)).toBeLessThan(1000);
    }
  });

  it('computes SECRET_HASH for real in clean captures of the client with a secret', () => {
    let checked = 0;
    for (const { scenario, entry } of allEntries.filter(({ scenario }) => scenario.expect.clean)) {
      const body = json(entry.request.postData?.text);
      if (body?.ClientId !== SECRET_CLIENT.id) continue;
      const params = (body.AuthParameters ?? body.ChallengeResponses) as Record<string, string>;
      expect(params.SECRET_HASH, scenario.name).toBe(secretHash(SECRET_CLIENT.secret!, params.USERNAME!, SECRET_CLIENT.id));
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('words for people (issue 9, item 5)', () => {
  const byName = (name: string): Scenario => scenarios.find((s) => s.name === name)!;

  it('reports as authFlow only an AuthFlow a request of the HAR sent, never an operation name', () => {
    for (const s of scenarios) {
      const sent = new Set(s.har.log.entries.map((e) => {
        try {
          return (JSON.parse(e.request.postData?.text ?? '{}') as { AuthFlow?: string }).AuthFlow;
        } catch {
          return undefined;
        }
      }).filter((f): f is string => typeof f === 'string'));
      for (const flow of analyse(s).report.flows) {
        // A managed-login flow's authFlow is its grant (response_type / grant_type, report.ts), checked in test/core/oauth-report.test.ts.
        if (flow.kind === 'oauth') continue;
        if (flow.authFlow !== null) expect(sent.has(flow.authFlow), `${s.name} ${flow.id}: ${flow.authFlow}`).toBe(true);
      }
    }
  });

  it('says what a ConfirmSignUp linked by user name is, not "Session ok"', () => {
    const { analysis } = analyse(byName('sign-up-confirm-by-user-name'));
    const confirm = analysis.flows[0]!.steps[1]!;
    expect(confirm.handoffVia).toBe('user-name');
    expect(handoffView(confirm).label).toMatch(/^linked by user name: ConfirmSignUp of the same user's SignUp/);
    const text = formatText(analysis, PLAIN);
    expect(text).toContain('linked by user name');
    expect(text).not.toMatch(/Session ok/);
  });

  it('says why placeholder tokens cannot be decoded, without decoder jargon', () => {
    const { analysis } = analyse(byName('refresh-with-placeholder-tokens'));
    const tokens = analysis.flows[0]!.tokens;
    for (const token of [tokens.id, tokens.access, tokens.refresh]) {
      expect(token?.kind).toBe('malformed');
      if (token?.kind === 'malformed') expect(token.reason).toMatch(/^cannot be (decoded|read)/);
    }
    if (tokens.refresh?.kind === 'malformed') expect(tokens.refresh.reason).toMatch(/placeholder/);
    expect(formatText(analysis, PLAIN)).not.toMatch(/a JWT has 3 dot-separated parts; this has/);
  });

  it('draws a handoff that cannot be checked, and a retry after a rejected answer, for what they are', () => {
    const kindOf = (name: string, entry: number): string => {
      const flow = analyse(byName(name)).analysis.flows.find((f) => f.steps.some((st) => st.call.entry === entry))!;
      return handoffView(flow.steps.find((st) => st.call.entry === entry)!, flow).kind;
    };
    expect(kindOf('sign-in-response-not-captured', 2)).toBe('unchecked');
    expect(kindOf('totp-retry-accepted-after-wrong-code', 2)).toBe('retried');
    expect(kindOf('totp-retry-rejected-again', 2)).toBe('retried');
    // Refused by Cognito ("Invalid session"), or a double submit after an accepted answer: a reuse.
    expect(kindOf('session-reused-retry-after-wrong-code', 2)).toBe('reused');
    expect(kindOf('session-reused-double-submit', 2)).toBe('reused');
    // A Session nobody issued, with every response read: a mismatch.
    expect(kindOf('session-unknown', 2)).toBe('mismatch');
    expect(formatText(analyse(byName('sign-in-response-not-captured')).analysis, PLAIN)).toContain('Session cannot be checked (an earlier response was not captured)');
  });

  it('names an empty ClientId instead of printing a blank', () => {
    const { analysis } = analyse(byName('empty-client-id-behind-proxy'));
    expect(flowRows(analysis)[0]!.clientId).toBe('empty ClientId (a proxy may fill it in)');
    expect(formatText(analysis, PLAIN)).toContain('client empty ClientId (a proxy may fill it in)');
  });
});
