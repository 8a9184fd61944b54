/**
 * Issue 7, item 7: a HAR's strings must not drive the terminal. Hostile text — OSC title and
 * clipboard sequences, a newline that fakes a diagnostic line, C1 controls, bidi overrides — is put
 * in every field that reaches the CLI's output (flow and step fields, error type and message,
 * challenge names, token claims, token reasons, file names, the not-JSON reason, the cut-off
 * warning), then each output is checked: no unsafe character left (besides our own colour
 * codes), one line per message, and the hostile text still visible as escapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { UNSAFE_CHARACTER, visibleLine } from '../../src/cli/terminal-text';
import { cognitoEntry, jwt } from '../core/entries';

/** Everything a terminal would act on, and a line that pretends to be ours. */
const HOSTILE = '\u001b]0;owned\u0007\u001b]52;c;aGVsbG8=\u0007\n      ✖ session-reused: fake\r\u009b31m\u202eevil\u2066\u200f\u007f\u2028';
/** A hostile name without the fake-diagnostic part (it goes in places that must stay identifiers). */
const ESCAPES = '\u001b]0;owned\u0007\u009b2J\u202e';

class Capture {
  text = '';
  isTTY: boolean;
  constructor(isTTY = false) {
    this.isTTY = isTTY;
  }
  write(chunk: string) {
    this.text += chunk;
    return true;
  }
}

async function run(args: string[], { tty = false, stdin }: { tty?: boolean; stdin?: NodeJS.ReadableStream } = {}) {
  const stdout = new Capture(tty);
  const stderr = new Capture();
  const code = await main(args, { stdout, stderr, stdin, env: {} });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The SGR colour codes our own COLOR style writes; anything else unsafe came from the input. */
const OUR_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[(?:0|1|2|31|32|33)m`, 'g');
const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHARACTER.source, 'gu');

function unsafeLeft(text: string): string[] {
  return text
    .replace(OUR_COLOURS, '')
    .split('\n')
    .flatMap((line) => line.match(UNSAFE_GLOBAL) ?? []);
}

const claims = {
  token_use: 'id',
  'cognito:username': HOSTILE,
  scope: HOSTILE,
  'cognito:groups': [HOSTILE, { nested: HOSTILE }],
  exp: 1_900_000_000,
};

function hostileHar() {
  return {
    log: {
      entries: [
        cognitoEntry('InitiateAuth',
          { AuthFlow: `USER_PASSWORD_AUTH${HOSTILE}`, ClientId: HOSTILE, AuthParameters: { USERNAME: HOSTILE, PASSWORD: HOSTILE } },
          { ChallengeName: HOSTILE, Session: `AYAB-${HOSTILE}-session-0123456789`, ChallengeParameters: { USER_ID_FOR_SRP: HOSTILE } }),
        cognitoEntry('RespondToAuthChallenge',
          { ChallengeName: HOSTILE, ClientId: HOSTILE, Session: `AYAB-${HOSTILE}-session-0123456789`, ChallengeResponses: { USERNAME: HOSTILE } },
          { __type: HOSTILE, message: HOSTILE },
          { status: 400, at: '2026-11-23T10:00:05.000Z' }),
        cognitoEntry('InitiateAuth',
          { AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'c2', AuthParameters: { USERNAME: 'carol', PASSWORD: 'pw' } },
          { AuthenticationResult: { IdToken: jwt(claims), AccessToken: jwt({ ...claims, token_use: 'access', username: HOSTILE }), RefreshToken: `not.a.jwt.${HOSTILE}` } },
          { at: '2026-11-23T10:01:00.000Z' }),
        cognitoEntry('GetUser', { AccessToken: HOSTILE }, { __type: `NotAuthorizedException${HOSTILE}`, message: HOSTILE }, { status: 400, at: '2026-11-23T10:02:00.000Z' }),
        // Bodies that do not parse: their reason must not carry their bytes either.
        cognitoEntry('InitiateAuth', `{"AuthParameters":{"PASSWORD": ${HOSTILE}}}`, `<html>${HOSTILE}</html>`, { at: '2026-11-23T10:03:00.000Z' }),
      ],
    },
  };
}

let dir = '';
let harFile = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cognito-flow-hostile-'));
  // A hostile file name too: it is echoed in stderr lines.
  harFile = join(dir, `capture${ESCAPES}.har`);
  await writeFile(harFile, JSON.stringify(hostileHar()));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('visibleLine', () => {
  it('shows C0, DEL, C1, bidi, isolates, marks, separators and lone surrogates as escapes, and keeps text', () => {
    expect(visibleLine('a\u001b]0;t\u0007b')).toBe('a\\x1b]0;t\\x07b');
    expect(visibleLine('1\n2\r3\t4')).toBe('1\\n2\\r3\\t4');
    expect(visibleLine('\u007f\u0085\u009b')).toBe('\\x7f\\x85\\x9b');
    expect(visibleLine('\u202a\u202b\u202c\u202d\u202e')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e');
    expect(visibleLine('\u2066\u2067\u2068\u2069\u200e\u200f\u200b\u2028\u2029')).toBe('\\u2066\\u2067\\u2068\\u2069\\u200e\\u200f\\u200b\\u2028\\u2029');
    expect(visibleLine('x\ud800y\udc00')).toBe('x\\ud800y\\udc00');
    expect(visibleLine('tag\u{e0041}')).toBe('tag\\u{e0041}');
    expect(visibleLine('ålice 😀 ✖ → 中文')).toBe('ålice 😀 ✖ → 中文');
  });
});

describe('cognito-flow analyze with hostile strings in every field', () => {
  for (const tty of [false, true]) {
    it(`text output${tty ? ' in colour' : ''}: nothing unsafe, no fake lines, the text still visible`, async () => {
      const { code, stdout, stderr } = await run(['analyze', harFile], { tty });
      expect(code).toBe(1);
      expect(stderr).toBe('');
      expect(unsafeLeft(stdout)).toEqual([]);
      const plain = stdout.replace(OUR_COLOURS, '');
      // The fake line never starts a line of its own: it stays inside the line that carried it.
      expect(plain.split('\n').filter((line) => /^\s*✖ session-reused: fake/.test(line))).toEqual([]);
      expect(stdout).toContain('\\x1b]0;owned\\x07\\x1b]52;c;aGVsbG8=\\x07\\n      ✖ session-reused: fake\\r\\x9b31m\\u202eevil\\u2066\\u200f\\x7f\\u2028');
      // Every field was reached: user, client, the error, the claims.
      for (const field of ['flow-1  \\x1b]0;owned', 'client \\x1b]0;owned', '→ \\x1b]0;owned', 'cognito-error:', 'id token: user \\x1b]0;owned', 'scope \\x1b]0;owned', 'groups \\x1b]0;owned', '{"nested":"\\u001b]0;owned']) {
        expect(plain, field).toContain(field);
      }
    });
  }

  it('--json: valid JSON of the same values, with every terminal control escaped', async () => {
    const { stdout } = await run(['analyze', harFile, '--json']);
    expect(unsafeLeft(stdout)).toEqual([]);
    const report = JSON.parse(stdout) as { flows: { user: string; clientId: string; tokens: { id: Record<string, unknown> } }[]; diagnostics: { message: string }[] };
    expect(report.flows[0]?.user).toBe(HOSTILE);
    expect(report.flows[0]?.clientId).toBe(HOSTILE);
    expect(report.flows.some((f) => f.tokens.id?.scope === HOSTILE)).toBe(true);
    expect(report.diagnostics.some((d) => d.message.includes(HOSTILE))).toBe(true);
  });

  for (const strict of [false, true]) {
    it(`redact${strict ? ' --strict' : ''}: stdout carries no terminal control, and parses`, async () => {
      const { code, stdout } = await run(['redact', harFile, ...(strict ? ['--strict'] : [])]);
      expect(code).toBe(0);
      expect(unsafeLeft(stdout)).toEqual([]);
      expect(JSON.parse(stdout)).toHaveProperty('log.entries');
    });
  }

  it('redact --out: the "wrote" line shows the hostile file name as escapes', async () => {
    const out = join(dir, `out${ESCAPES}.har`);
    const { code, stderr } = await run(['redact', harFile, '--out', out]);
    expect(code).toBe(0);
    expect(unsafeLeft(stderr)).toEqual([]);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveProperty('log');
  });
});

describe('stderr lines', () => {
  it('the not-JSON reason is one line, without the raw bytes, and the file name is escaped', async () => {
    const path = join(dir, `bad${ESCAPES}.har`);
    await writeFile(path, `{"log": ${HOSTILE}\n\n${HOSTILE}`);
    const { code, stderr } = await run(['analyze', path]);
    expect(code).toBe(2);
    expect(unsafeLeft(stderr)).toEqual([]);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stderr).toContain('bad\\x1b]0;owned\\x07\\x9b2J\\u202e.har');
    expect(stderr).not.toContain('owned\\x07\\x1b]52');
  });

  it('the cut-off warning is one line with the name escaped', async () => {
    const text = JSON.stringify(hostileHar());
    const path = join(dir, `cut${ESCAPES}.har`);
    await writeFile(path, text.slice(0, text.lastIndexOf('cognito-idp')));
    const { stderr } = await run(['analyze', path, '--json']);
    expect(stderr).toMatch(/^cognito-flow: warning: .*cut\\x1b\]0;owned\\x07\\x9b2J\\u202e\.har: the file is cut off/);
    expect(unsafeLeft(stderr)).toEqual([]);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('an unknown command and a missing file are shown escaped', async () => {
    const unknown = await run([`an${ESCAPES}`, 'x.har']);
    expect(unknown.code).toBe(2);
    expect(unsafeLeft(unknown.stderr)).toEqual([]);
    const missing = await run(['analyze', join(dir, `none${HOSTILE}.har`)]);
    expect(missing.code).toBe(2);
    expect(unsafeLeft(missing.stderr)).toEqual([]);
    expect(missing.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
