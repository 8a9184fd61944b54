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

/**
 * `callTimes(calls).get(call)?.at ?? 0` as a function, for the one-shot pass that needs no rank.
 * A capture's calls have distinct entry numbers, so they are put in entry order by bucket, not
 * sorted twice and filed in a Map keyed by call objects. Calls numbered otherwise (repeated,
 * negative or far apart entries) go through callTimes.
 */
export function sendTimes(calls: readonly CognitoCall[]): (call: CognitoCall) => number {
  const fallback = (): ((call: CognitoCall) => number) => {
    const times = callTimes(calls);
    return (call) => times.get(call)?.at ?? 0;
  };
  let max = -1;
  for (const call of calls) {
    const { entry } = call;
    if (!Number.isInteger(entry) || entry < 0) return fallback();
    if (entry > max) max = entry;
  }
  if (max >= 16 * calls.length + 1024) return fallback();
  const byEntry = new Array<CognitoCall | undefined>(max + 1).fill(undefined);
  for (const call of calls) {
    if (byEntry[call.entry] !== undefined) return fallback();
    byEntry[call.entry] = call;
  }
  const at = new Float64Array(max + 1);
  let last = 0;
  for (let entry = 0; entry <= max; entry++) {
    const call = byEntry[entry];
    if (call === undefined) continue;
    if (Number.isFinite(call.startedAt)) last = call.startedAt;
    at[entry] = last;
  }
  return (call) => (byEntry[call.entry] === call ? at[call.entry]! : 0);
}

/**
 * The order of what is shown after a sign-in (calls made with its tokens, identity-pool exchanges):
 * by start time when both are known and differ, else by entry. A call without a date (NaN) sorts by
 * its entry alone.
 */
export function byStartThenEntry(a: { startedAt: number; entry: number }, b: { startedAt: number; entry: number }): number {
  const ta = a.startedAt;
  const tb = b.startedAt;
  if (Number.isFinite(ta) && Number.isFinite(tb) && ta !== tb) return ta - tb;
  return a.entry - b.entry;
}
