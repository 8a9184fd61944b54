/**
 * When each call was sent, always comparable: a call without a usable date takes the time of the
 * call before it in the capture (as flows.ts orders calls), and a rank that breaks ties by entry.
 */
import type { CognitoCall } from '../model';

export interface CallTime {
  at: number;
  rank: number;
}

export function callTimes(calls: readonly CognitoCall[]): Map<CognitoCall, CallTime> {
  let last = 0;
  const keyed = [...calls].sort((a, b) => a.entry - b.entry).map((call) => {
    if (Number.isFinite(call.startedAt)) last = call.startedAt;
    return { call, at: last };
  });
  keyed.sort((a, b) => a.at - b.at || a.call.entry - b.call.entry);
  return new Map(keyed.map(({ call, at }, rank) => [call, { at, rank }]));
}
