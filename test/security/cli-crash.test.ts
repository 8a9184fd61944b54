/**
 * Issue 7, item 10: no input crashes the CLI, and a crash is never mistaken for a finding.
 * Deeply nested values (token claims, HAR fields outside the Cognito bodies) used to overflow
 * the stack in `JSON.stringify` / `String()` and exit 1 with a stack trace — 1 means "errors found".
 * Now: the JSON writer keeps its own stack (`jsonText`), and whatever still fails inside exits 3
 * with one line on stderr (the stack trace only with COGNITO_FLOW_DEBUG=1).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeUnit } from '../fuzz/code-units';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { main, EXIT } from '../../src/cli/main';
import { jsonText, writeJson, PRETTY_DEPTH } from '../../src/core/json-text';
import { UNSAFE_CHARACTER } from '../../src/cli/terminal-text';
import { cognitoEntry, b64url, jwt } from '../core/entries';

class Capture {
  text = '';
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

async function run(args: string[], env: Record<string, string> = {}) {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, env });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** `{"a":{"a":…1…}}`, `depth` levels, written as text (JSON.stringify could not write it). */
const nestedObject = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const nestedArray = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
/** A JWT whose payload is `payload` as given (text, so it can be nested beyond JSON.stringify). */
const rawJwt = (payload: string) => `${b64url({ alg: 'RS256', kid: 'k' })}.${Buffer.from(payload).toString('base64url')}.c2ln`;

/** How deep a parsed value goes, without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    deepest = Math.max(deepest, d);
    if (typeof v === 'object' && v !== null) for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

function signInWithClaims(claimsJson: string) {
  return {
    log: {
      entries: [
        cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c1', AuthParameters: { USERNAME: 'bob', PASSWORD: 'pw' } },
          `{"AuthenticationResult":{"IdToken":"${rawJwt(claimsJson)}","AccessToken":"${jwt({ token_use: 'access', username: 'bob' })}"}}`),
      ],
    },
  };
}

let dir = '';
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cognito-flow-crash-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jsonText', () => {
  it('its own writer writes exactly what JSON.stringify writes, compact and indented', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), fc.constantFrom(0, 2, 4), (value, indent) => {
        expect(writeJson(value, { indent })).toBe(JSON.stringify(value, null, indent));
      }),
      { numRuns: 300 },
    );
  });

  it('matches JSON.stringify on what JSON.parse never gives: undefined, functions, NaN, -0, toJSON, lone surrogates', () => {
    const odd = { a: undefined, f: () => 1, n: [NaN, Infinity, -0, undefined, () => 2], d: new Date(0), s: 'x\ud800y\udc00\u2028', e: {}, l: [], o: { u: undefined } };
    for (const indent of [0, 2]) expect(writeJson(odd, { indent })).toBe(JSON.stringify(odd, null, indent));
    expect(writeJson(undefined)).toBeUndefined();
    expect(jsonText(undefined)).toBeUndefined();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => jsonText(cycle)).toThrow(TypeError);
    const deepCycle: Record<string, unknown> = { a: JSON.parse(nestedObject(100)) as unknown };
    deepCycle.self = deepCycle;
    expect(() => jsonText(deepCycle)).toThrow(TypeError);
    // Shared (not cyclic) values are fine.
    const shared = { x: 1 };
    expect(jsonText([shared, shared])).toBe('[{"x":1},{"x":1}]');
    // A toJSON that answers something deep: the engine overflows, the writer does not.
    const sneaky = { toJSON: () => JSON.parse(nestedObject(50_000)) as unknown };
    expect(depthOf(JSON.parse(jsonText({ sneaky }, { indent: 2 })!))).toBe(50_001);
  });

  it('with escapeAlso, escapes those characters and still parses to the same value, either way', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3, stringUnit: codeUnit }), fc.constantFrom(0, 2), (value, indent) => {
        const text = jsonText(value, { indent, escapeAlso: UNSAFE_CHARACTER })!;
        // The engine's text escaped afterwards (shallow values) is the writer's text.
        expect(text).toBe(writeJson(value, { indent, escapeAlso: UNSAFE_CHARACTER }));
        // Only the writer's own newlines between members are left.
        expect(text.split('\n').join('')).not.toMatch(UNSAFE_CHARACTER);
        // Text JSON.parse reads back to the same value (the writer kept every character).
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 200 },
    );
  });

  it('writes 100,000 levels without a RangeError, indenting only the first levels', () => {
    const deep = JSON.parse(nestedObject(100_000)) as unknown;
    const text = jsonText(deep, { indent: 2 })!;
    // Indenting every level would be ~10 GB; compact below PRETTY_DEPTH keeps it linear.
    expect(text.length).toBeLessThan(1_000_000);
    expect(text.split('\n')).toHaveLength(2 * PRETTY_DEPTH + 1);
    expect(depthOf(JSON.parse(text))).toBe(100_000);
  });

  it('stopAfter writes only the start of a huge value', () => {
    const huge = JSON.parse(nestedArray(100_000)) as unknown;
    const start = jsonText(huge, { stopAfter: 10 })!;
    expect(start.length).toBeGreaterThanOrEqual(10);
    expect(start.length).toBeLessThan(20);
    expect(jsonText({ a: [1, 2] }, { stopAfter: 1_000 })).toBe('{"a":[1,2]}');
  });
});

describe('cognito-flow with deeply nested input', () => {
  for (const depth of [6_000, 100_000]) {
    it(`analyze --json: a token claim nested ${depth.toLocaleString('en-US')} deep is reported, whole`, async () => {
      await writeFile(file('deep-claim.har'), JSON.stringify(signInWithClaims(`{"token_use":"id","cognito:username":"bob","deep":${nestedObject(depth)}}`)));
      const { code, stdout, stderr } = await run(['analyze', file('deep-claim.har'), '--json']);
      expect(stderr).toBe('');
      expect(code).toBe(EXIT.ok);
      const report = JSON.parse(stdout) as { flows: { tokens: { id: { deep: unknown } } }[] };
      expect(depthOf(report.flows[0]?.tokens.id.deep)).toBe(depth);
    });
  }

  it('analyze (text): nested and hostile claim values where the summary shows them', async () => {
    const claims = `{"token_use":"id","cognito:username":${nestedArray(100_000)},"cognito:groups":[{"toString":1},${nestedArray(100_000)}],"scope":"s"}`;
    await writeFile(file('odd-claims.har'), JSON.stringify(signInWithClaims(claims)));
    const { code, stdout, stderr } = await run(['analyze', file('odd-claims.har')]);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.ok);
    expect(stdout).toMatch(/id token: user \[{200}…, scope s, groups \{"toString":1\},\[{200}…\n/);
  });

  for (const args of [[], ['--strict']]) {
    it(`redact ${args.join(' ')}: 100,000 levels outside the Cognito bodies never end in a stack trace or status 1`, async () => {
      const entry = { startedDateTime: '2026-11-23T10:00:00.000Z', time: 1, request: { method: 'GET', url: 'https://app.example/', headers: [] }, response: { status: 200, headers: [], content: { text: 'x' } } };
      const text = JSON.stringify({ log: { entries: [entry] } }).replace('"time":1', `"time":1,"_deep":${nestedObject(100_000)}`);
      await writeFile(file('deep-outside.har'), text);
      const { code, stdout, stderr } = await run(['redact', file('deep-outside.har'), ...args]);
      // The redaction walk is depth-safe (src/core/redact/walk.ts): past its depth limit a subtree is
      // masked whole, so the copy is usable, shallow, and says what it cut.
      expect(stderr).toBe('');
      expect(code).toBe(EXIT.ok);
      expect(depthOf(JSON.parse(stdout))).toBeLessThan(100);
      expect(stdout).toMatch(/nested deeper than \d+ levels/);
    });
  }
});

describe('an internal failure', () => {
  /** A stdout that fails: the one fake, at the shell's edge, that makes the CLI fail inside. */
  const brokenStdout = { write(): never { throw new RangeError('Maximum call stack size exceeded'); } };

  it('exits 3 with one line on stderr and no stack trace', async () => {
    await writeFile(file('ok.har'), JSON.stringify(signInWithClaims('{"token_use":"id"}')));
    const stderr = new Capture();
    const code = await main(['analyze', file('ok.har')], { stdout: brokenStdout, stderr, env: {} });
    expect(code).toBe(3);
    expect(stderr.text).toMatch(/^cognito-flow: internal error \(exit status 3\), not a finding about the HAR: RangeError: Maximum call stack size exceeded\ncognito-flow: set COGNITO_FLOW_DEBUG=1 for the stack trace\n$/);
  });

  it('prints the stack trace when COGNITO_FLOW_DEBUG=1 asks', async () => {
    const stderr = new Capture();
    const code = await main(['analyze', file('ok.har'), '--json'], { stdout: brokenStdout, stderr, env: { COGNITO_FLOW_DEBUG: '1' } });
    expect(code).toBe(3);
    expect(stderr.text).toMatch(/RangeError: Maximum call stack size exceeded\n\s+at /);
  });

  it('a file that cannot be written is unusable input (2), not a crash', async () => {
    await writeFile(file('ok.har'), JSON.stringify(signInWithClaims('{"token_use":"id"}')));
    const { code, stderr } = await run(['redact', file('ok.har'), '--out', join(dir, 'no-such-dir', 'x.har')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^cognito-flow: cannot write .*x\.har \(ENOENT\)\n$/);
  });

  it('the installed bin reports a claim nested 50,000 deep: status 0, nothing on stderr', async () => {
    await writeFile(file('deep-bin.har'), JSON.stringify(signInWithClaims(`{"token_use":"id","deep":${nestedObject(50_000)}}`)));
    const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['bin/cognito-flow.mjs', 'analyze', file('deep-bin.har'), '--json'], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr });
      });
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(depthOf((JSON.parse(result.stdout) as { flows: { tokens: { id: unknown } }[] }).flows[0]?.tokens.id)).toBe(50_001);
  });

  it('the installed bin: a reader that stops early (| head) is not a crash, no stack trace', async () => {
    // Through a real shell pipe, as people run it: head exits after 10 bytes, the CLI's next write gets EPIPE.
    const stderr = await new Promise<string>((resolve) => {
      execFile('sh', ['-c', `"${process.execPath}" bin/cognito-flow.mjs redact test/fixtures/real/mixed-interleaved.har | head -c 10 > /dev/null`], (_error, _stdout, err) => resolve(err));
    });
    expect(stderr).toBe('');
  });
});
