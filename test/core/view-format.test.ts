import { describe, expect, it } from 'vitest';
import { formatAge, formatClock, formatDate, formatDuration, plural, prettyJsonText } from '../../src/core/view/format';

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
});
