import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatDate, formatDuration, formatRelative, plural, prettyJsonText, safeDate } from '../../src/core/view/format';

describe('formatting for the panel', () => {
  it('durations scale like the Network panel', () => {
    expect(formatDuration(84.4)).toBe('84 ms');
    expect(formatDuration(1240)).toBe('1.24 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(3_720_000)).toBe('1 h 2 min');
    expect(formatDuration(Number.NaN)).toBe('—');
    expect(formatDuration(null)).toBe('—');
  });

  it('session ages read as ages, and unknown ages as nothing', () => {
    expect(formatAge(200_000)).toBe('age 3 min 20 s');
    expect(formatAge(null)).toBe('');
  });

  it('clock times are local with milliseconds; dates are UTC ISO', () => {
    const at = new Date(2026, 10, 23, 9, 5, 7, 12).getTime();
    expect(formatClock(at)).toBe('09:05:07.012');
    expect(formatClock(Number.NaN)).toBe('—');
    expect(formatDate(Date.UTC(2026, 10, 23, 10, 0, 0))).toBe('2026-11-23T10:00:00Z');
  });

  it('plurals and pretty JSON', () => {
    expect(plural(1, 'step')).toBe('1 step');
    expect(plural(3, 'step')).toBe('3 steps');
    expect(prettyJsonText('{"a":[1]}')).toBe('{\n  "a": [\n    1\n  ]\n}');
    expect(prettyJsonText('[object Object]')).toBe('[object Object]');
  });

  it('long durations use days and hours like Network, never "391769 min"', () => {
    expect(formatDuration(391_769 * 60_000)).toBe('272 d 1 h');
    expect(formatDuration(3 * 86_400_000)).toBe('3 d');
    expect(formatDuration(5 * 365.25 * 86_400_000)).toBe('5 years');
    expect(formatDuration(Number.MAX_VALUE)).toBe('more than 10,000 years');
  });

  it('dates no calendar has never throw: exp 1e13 s is past the Date range (issue 7, item 9)', () => {
    expect(safeDate(1e13 * 1000)).toBeNull();
    expect(safeDate(8.64e15)).not.toBeNull();
    expect(formatDate(1e13 * 1000)).toBe('out of range');
    expect(formatDate(Number.POSITIVE_INFINITY)).toBe('out of range');
    expect(formatDate(-1e308)).toBe('out of range');
    expect(formatDate(Number.NaN)).toBe('—');
    expect(formatClock(1e16)).toBe('—');
  });

  it('relative times stay words for any number a token carries (issue 7, item 11)', () => {
    expect(formatRelative(59 * 60_000)).toBe('in 59 min');
    expect(formatRelative(-2 * 86_400_000)).toBe('2 d ago');
    expect(formatRelative(Number.POSITIVE_INFINITY)).toBe('in more than 10,000 years');
    expect(formatRelative(-1e308 * 1000)).toBe('more than 10,000 years ago');
    expect(formatRelative(Number.NaN)).toBe('—');
    expect(formatRelative(12_000)).toBe('in 12 s');
  });
});
