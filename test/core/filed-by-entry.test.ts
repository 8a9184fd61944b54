/**
 * FiledByEntry (src/core/diagnostics/filed-by-entry.ts): the live analysis keeps flows' and identity
 * exchanges' diagnostics filed by entry between updates. Filing, re-filing and merging must give the
 * list the one-shot gives: by entry, at an entry each file's in rank order, then the others.
 */
import { describe, expect, it } from 'vitest';
import { FiledByEntry } from '../../src/core/diagnostics/filed-by-entry';
import type { Diagnostic, DiagnosticCode } from '../../src/core/model';

function diagnostic(entry: number, code: DiagnosticCode, flow = 'flow-1'): Diagnostic {
  return { entry, flow, code, severity: 'error', message: code, hint: '', keys: [], reasons: {} };
}

const codes = (list: readonly Diagnostic[]) => list.map((d) => `${d.entry}:${d.code}:${d.flow}`);

describe('FiledByEntry', () => {
  it('lists the filed steps by entry, with the others at their entries after the filed ones', () => {
    const filed = new FiledByEntry();
    const step3 = [diagnostic(3, 'session-reused'), diagnostic(3, 'cognito-error')];
    const step7 = [diagnostic(7, 'session-expired')];
    filed.refile(0, [], [[], step3, [], step7]);
    const others = new Map([[1, [diagnostic(1, 'identity-format', 'flow-9')]], [3, [diagnostic(3, 'refresh-token-rotated')]], [9, [diagnostic(9, 'guest-after-sign-in', 'flow-9')]]]);
    expect(codes(FiledByEntry.merge([filed], others))).toEqual([
      '1:identity-format:flow-9', '3:session-reused:flow-1', '3:cognito-error:flow-1', '3:refresh-token-rotated:flow-1', '7:session-expired:flow-1', '9:guest-after-sign-in:flow-9',
    ]);
    expect(codes(FiledByEntry.merge([filed], new Map()))).toEqual(['3:session-reused:flow-1', '3:cognito-error:flow-1', '7:session-expired:flow-1']);
  });

  it('keeps the lists of steps that kept their place, and replaces the rest', () => {
    const filed = new FiledByEntry();
    const step1 = [diagnostic(1, 'missing-challenge-response')];
    const step4 = [diagnostic(4, 'session-reused')];
    filed.refile(0, [], [step1, step4]);
    // Judged again from its second step: the reuse went (a later step explained it), a new step came.
    filed.refile(0, [step1, step4], [step1, [], [diagnostic(6, 'session-mismatch')]]);
    expect(codes(FiledByEntry.merge([filed], new Map()))).toEqual(['1:missing-challenge-response:flow-1', '6:session-mismatch:flow-1']);
    // Every list gone: nothing is left filed, not even an empty entry.
    filed.refile(0, [step1, [], [diagnostic(6, 'session-mismatch')]], [[], []]);
    expect(codes(FiledByEntry.merge([filed], new Map([[2, [diagnostic(2, 'cognito-error', 'flow-3')]]])))).toEqual(['2:cognito-error:flow-3']);
  });

  it('lists two places filed at one entry in place order, and re-files one without touching the other', () => {
    const filed = new FiledByEntry();
    filed.refile(5, [], [[diagnostic(2, 'cognito-error', 'flow-6')]]);
    filed.refile(1, [], [[diagnostic(2, 'session-reused', 'flow-2')]]);
    expect(codes(FiledByEntry.merge([filed], new Map()))).toEqual(['2:session-reused:flow-2', '2:cognito-error:flow-6']);
    const later = [diagnostic(2, 'session-expired', 'flow-2')];
    filed.refile(1, [[diagnostic(2, 'session-reused', 'flow-2')]], [later]);
    expect(codes(FiledByEntry.merge([filed], new Map()))).toEqual(['2:session-expired:flow-2', '2:cognito-error:flow-6']);
  });

  it('lists the files one after the other at an entry, each in rank order, before the others', () => {
    const signIns = new FiledByEntry();
    const identity = new FiledByEntry();
    identity.refile(0, [], [[diagnostic(8, 'identity-format', 'identity-1')]]);
    signIns.refile(2, [], [[diagnostic(8, 'cognito-error', 'flow-3')]]);
    identity.refile(1, [], [[diagnostic(4, 'guest-after-sign-in', 'identity-2')]]);
    const others = new Map([[8, [diagnostic(8, 'refresh-token-rotated', 'flow-3')]]]);
    expect(codes(FiledByEntry.merge([signIns, identity], others))).toEqual(['4:guest-after-sign-in:identity-2', '8:cognito-error:flow-3', '8:identity-format:identity-1', '8:refresh-token-rotated:flow-3']);
  });

  it('files entries that arrive out of order in ascending order', () => {
    const filed = new FiledByEntry();
    for (const [at, entry] of [[0, 40], [1, 10], [2, 30], [3, 20], [4, 50]] as const) filed.refile(at, [], [[diagnostic(entry, 'cognito-error')]]);
    expect(FiledByEntry.merge([filed], new Map()).map((d) => d.entry)).toEqual([10, 20, 30, 40, 50]);
  });
});
