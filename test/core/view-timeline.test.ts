import { describe, expect, it } from 'vitest';
import { formatOffset, storyTimeline } from '../../src/core/view/timeline';
import { realCapture } from './view-support';

describe('the timeline shared by the CLI and the panel', () => {
  it('offsets read in seconds, then minutes for two days, then days', () => {
    expect(formatOffset(0)).toBe('+0 s');
    expect(formatOffset(119_000)).toBe('+119 s');
    expect(formatOffset(3_600_000)).toBe('+60 min');
    expect(formatOffset(86_400_000)).toBe('+1440 min');
    expect(formatOffset(3 * 86_400_000)).toBe('+3 d');
    expect(formatOffset(-3000)).toBe('-3 s');
  });

  it('is given for a sign-in with a story, not for its refresh nor for a sign-in with nothing after it', () => {
    const refreshed = realCapture('refresh-token.har');
    const [signIn, refresh] = refreshed.flows;
    expect(storyTimeline(refreshed, signIn!)?.map((e) => e.kind)).toEqual(['tokens', 'refresh', 'capture-end', 'tokens-expire', 'tokens-expire']);
    expect(storyTimeline(refreshed, refresh!)).toBeNull();
    const plain = realCapture('user-password-auth.har');
    expect(storyTimeline(plain, plain.flows[0]!)).toBeNull();
  });
});
