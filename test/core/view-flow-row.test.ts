import { describe, expect, it } from 'vitest';
import { flowRows } from '../../src/core/view/flow-row';
import { flowSearchText, matchesFilter } from '../../src/core/view/filter';
import { realCapture, scenario } from './view-support';

describe('flow rows', () => {
  it('summarise every flow of a real interleaved capture: user, client, auth flow, outcome, steps, errors', () => {
    const analysis = realCapture('mixed-interleaved.har');
    const rows = flowRows(analysis);
    expect(rows).toHaveLength(analysis.flows.length);
    for (const [i, row] of rows.entries()) {
      const flow = analysis.flows[i]!;
      expect(row).toMatchObject({ id: flow.id, outcome: flow.outcome, steps: flow.steps.length });
      expect(row.errors).toBe(analysis.diagnostics.filter((d) => d.flow === flow.id && d.severity === 'error').length);
    }
    expect(rows.some((r) => r.outcome === 'authenticated')).toBe(true);
  });

  it('count the errors of a failed flow', () => {
    const [row] = flowRows(scenario('missing-secret-hash'));
    expect(row).toMatchObject({ user: 'alice', authFlow: 'USER_PASSWORD_AUTH', outcome: 'failed', steps: 2 });
    expect(row!.errors).toBeGreaterThanOrEqual(2);
  });

  it('name an unknown user and auth flow instead of leaving them blank', () => {
    const [row] = flowRows(scenario('unparseable-bodies'));
    expect(row).toMatchObject({ user: '(unknown user)', clientId: '—', authFlow: 'InitiateAuth' });
  });
});

describe('flow filter', () => {
  const analysis = scenario('missing-secret-hash');
  const flow = analysis.flows[0]!;
  const text = flowSearchText(flow, analysis.diagnostics);

  it('matches by user, operation, challenge, error text and diagnostic code, case-insensitively', () => {
    for (const query of ['alice', 'respondtoauthchallenge', 'SMS_MFA', 'secret', 'missing-challenge-response']) {
      expect(matchesFilter(text, query), query).toBe(true);
    }
  });

  it('needs every word of the query', () => {
    expect(matchesFilter(text, 'alice sms_mfa')).toBe(true);
    expect(matchesFilter(text, 'alice bob')).toBe(false);
  });

  it('matches everything when empty', () => {
    expect(matchesFilter(text, '   ')).toBe(true);
  });
});
