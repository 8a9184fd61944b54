/**
 * Fuzzing the CLI in-process (issue 7, "How to show it"): mutated real captures — values flipped
 * to other types, deleted, duplicated, wrapped thousands of levels deep, laced with control and
 * bidi characters, bodies mutated inside, files cut off — through `analyze`, `analyze --json`,
 * `redact` and `redact --strict`. Whatever the input: no crash (status 3 is a crash, caught),
 * statuses mean what they say, stdout is valid JSON where it promises JSON, and no terminal
 * control reaches any output line. No timings are asserted: work is bounded by the inputs'
 * size (a 1 MB capture) and depth (100,000 levels), and each case just has to complete.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeUnit } from './code-units';
import { Readable } from 'node:stream';
import { main, EXIT } from '../../src/cli/main';
import { UNSAFE_CHARACTER } from '../../src/cli/terminal-text';
import { deepText, mutatedText, plan, realText, NASTY_STRINGS } from './mutate-har';

const MODES = [['analyze'], ['analyze', '--json'], ['redact'], ['redact', '--strict']] as const;

interface Result {
  args: readonly string[];
  code: number;
  stdout: string;
  stderr: string;
}

async function runCli(args: readonly string[], input: string): Promise<Result> {
  const stdout = { text: '', write(s: string) { this.text += s; return true; } };
  const stderr = { text: '', write(s: string) { this.text += s; return true; } };
  const [command, ...flags] = args;
  const code = await main([command!, '-', ...flags], { stdout, stderr, stdin: Readable.from([input]), env: {} });
  return { args, code, stdout: stdout.text, stderr: stderr.text };
}

/** Lines that carry an unsafe character (newlines split lines, they are not in a line). */
function unsafeLines(text: string): string[] {
  return text.split('\n').filter((line) => UNSAFE_CHARACTER.test(line));
}

/** Everything a run must satisfy, whatever its input. */
function checkRun(r: Result): void {
  const what = r.args.join(' ');
  // 3 means the guard caught a crash: a bug, whatever the input.
  expect(r.code === EXIT.internalFailure ? r.stderr : 'no crash', what).toBe('no crash');
  const redact = r.args[0] === 'redact';
  expect(redact ? [EXIT.ok, EXIT.unusableInput] : [EXIT.ok, EXIT.errorsFound, EXIT.unusableInput], what).toContain(r.code);
  expect(unsafeLines(r.stdout), what).toEqual([]);
  expect(unsafeLines(r.stderr), what).toEqual([]);
  for (const line of r.stderr.split('\n').filter((l) => l !== '')) expect(line, what).toMatch(/^cognito-flow: /);
  if (r.code === EXIT.unusableInput) {
    expect(r.stdout, what).toBe('');
    expect(r.stderr.split('\n').filter((l) => l !== ''), what).toHaveLength(1);
    return;
  }
  if (redact || r.args.includes('--json')) {
    const parsed = JSON.parse(r.stdout) as Record<string, unknown>;
    if (!redact) expect(parsed.version, what).toBe(1);
    else expect(parsed, what).toHaveProperty('log');
  }
}

async function checkAllModes(input: string): Promise<Result[]> {
  const results: Result[] = [];
  for (const mode of MODES) {
    const result = await runCli(mode, input);
    checkRun(result);
    results.push(result);
  }
  return results;
}

describe('the CLI over mutated real captures', () => {
  it('never crashes, keeps its status and output promises, prints no terminal control', async () => {
    await fc.assert(
      fc.asyncProperty(plan, async (p) => {
        await checkAllModes(mutatedText(p));
      }),
      { numRuns: 30 },
    );
  });

  it('the same for junk that is hardly a HAR at all', async () => {
    const junk = fc.oneof(
      fc.string({ unit: codeUnit, maxLength: 200 }),
      fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
      fc.constantFrom(...NASTY_STRINGS).map((s) => `{"log":{"entries":[${JSON.stringify(s)}], "x": ${s}`),
    );
    await fc.assert(
      fc.asyncProperty(junk, async (text) => {
        await checkAllModes(text);
      }),
      { numRuns: 25 },
    );
  });
});

describe('the CLI over 100,000 levels of nesting, wherever they sit', () => {
  const base = JSON.parse(realText('software-token-mfa.har')) as { log: { entries: { request: { postData: { text: string } }; response: { content: { text: string } } }[] } };
  const MARK = '"__DEEP__"';
  /** The capture with one value replaced by MARK, then MARK by the deep text (no JS value that deep). */
  const withDeep = (place: (har: typeof base) => void, deep: string): string => {
    const har = structuredClone(base);
    place(har);
    return JSON.stringify(har).replace(JSON.stringify(MARK).slice(1, -1), deep.replace(/"/g, '\\"')).replace(MARK, deep);
  };
  const authResult = base.log.entries.findIndex((e) => e.response.content.text.includes('AuthenticationResult'));

  // Objects ({"d":…}, 5 characters a level) or arrays ([…], 2): both shapes, each place once.
  const places: [string, boolean, (deep: string) => string][] = [
    ['a field of an entry', false, (deep) => withDeep((har) => Object.assign(har.log.entries[0]!, { _x: '__DEEP__' }), deep)],
    ['a field of log', true, (deep) => withDeep((har) => Object.assign(har.log, { _x: '__DEEP__' }), deep)],
    ['an entry of its own', false, (deep) => withDeep((har) => (har.log.entries as unknown[]).push('__DEEP__'), deep)],
    ['a request body field', false, (deep) => withDeep((har) => {
      const body = JSON.parse(har.log.entries[0]!.request.postData.text) as Record<string, unknown>;
      body.AuthParameters = { USERNAME: 'x', PASSWORD: '__DEEP__' };
      har.log.entries[0]!.request.postData.text = JSON.stringify(body);
    }, deep)],
    ['a token claim', true, (deep) => {
      const claims = `{"token_use":"id","cognito:username":${deep},"exp":1e13}`;
      const token = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from(claims).toString('base64url')}.c2ln`;
      return withDeep((har) => {
        const entry = har.log.entries[authResult]!;
        const body = JSON.parse(entry.response.content.text) as { AuthenticationResult: Record<string, unknown> };
        body.AuthenticationResult.IdToken = token;
        entry.response.content.text = JSON.stringify(body);
      }, deep);
    }],
  ];

  for (const [where, array, make] of places) {
    it(`in ${where} (${array ? 'arrays' : 'objects'}): no RangeError, no crash`, async () => {
      const results = await checkAllModes(make(deepText(100_000, array)));
      for (const r of results) expect(r.code, r.args.join(' ')).not.toBe(EXIT.unusableInput);
    });
  }
});

describe('a 1 MB capture', () => {
  it('is analysed and redacted whole, mutated or not (completion is the assertion: no timings)', async () => {
    const one = JSON.parse(realText('mixed-interleaved.har')) as { log: { entries: unknown[] } };
    const entries: unknown[] = [];
    while (JSON.stringify(entries).length < 1_000_000) entries.push(...structuredClone(one.log.entries));
    const text = JSON.stringify({ log: { ...one.log, entries } });
    expect(text.length).toBeGreaterThan(1_000_000);
    const results = await checkAllModes(text);
    const report = JSON.parse(results[1]!.stdout) as { entries: number };
    expect(report.entries).toBe(entries.length);
    // And cut off in the middle: the complete entries are still read.
    const cut = await checkAllModes(text.slice(0, text.length / 2));
    expect((JSON.parse(cut[1]!.stdout) as { entries: number }).entries).toBeGreaterThan(0);
  });
});
