import { describe, expect, it } from 'vitest';
import { cognitoTimestamp, timestampProblem } from '../../src/core/diagnostics/formats';

const sentAt = Date.UTC(2017, 3, 5, 22, 42, 34);

describe('TIMESTAMP (EEE MMM d HH:mm:ss UTC yyyy)', () => {
  it('accepts the reference example and formats dates the same way', () => {
    expect(timestampProblem('Wed Apr 5 22:42:34 UTC 2017', sentAt)).toBeNull();
    expect(cognitoTimestamp(new Date(sentAt))).toBe('Wed Apr 5 22:42:34 UTC 2017');
    expect(cognitoTimestamp(new Date(Date.UTC(2026, 10, 3, 4, 5, 6)))).toBe('Tue Nov 3 04:05:06 UTC 2026');
  });

  it('rejects a zero-padded day, saying so', () => {
    expect(timestampProblem('Wed Apr 05 22:42:34 UTC 2017', sentAt)).toMatchObject({ severity: 'error', problem: expect.stringMatching(/zero-padded day/) });
  });

  it('rejects a wrong weekday, an impossible date and other shapes', () => {
    expect(timestampProblem('Thu Apr 5 22:42:34 UTC 2017', sentAt)?.problem).toMatch(/that date is a Wed/);
    expect(timestampProblem('Fri Feb 31 10:00:00 UTC 2017', sentAt)?.problem).toMatch(/does not have/);
    expect(timestampProblem('2017-04-05T22:42:34Z', sentAt)?.severity).toBe('error');
    expect(timestampProblem('Wed Apr 5 22:42:34 GMT 2017', sentAt)?.severity).toBe('error');
    expect(timestampProblem('Wed Apr 5 2:42:34 UTC 2017', sentAt)?.severity).toBe('error');
  });

  it('warns when the TIMESTAMP is far from the time the request was sent (clock skew)', () => {
    expect(timestampProblem('Wed Apr 5 22:42:34 UTC 2017', sentAt + 10 * 60_000)).toMatchObject({ severity: 'warning', problem: expect.stringMatching(/10 min away/) });
    // A skew of months reads in days and hours, as the Network panel counts (issue 8: not "380524 min").
    expect(timestampProblem('Wed Apr 5 22:42:34 UTC 2017', sentAt + (264 * 24 + 6) * 3_600_000)?.problem).toMatch(/ 264 d 6 h away /);
  });
});
