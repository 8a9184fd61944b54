/**
 * Issue 7, item 5: a Cognito body that is not JSON (an unquoted password, say) used to have the
 * JSON parser's message as its reason, and V8's message quotes the text around the error: the
 * password reached the `unparseable-body` diagnostic, hence the panel, CLI text and `--json`.
 * The reason now says where and what kind of error, quoting nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { codeUnit } from '../fuzz/code-units';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { parseBodyText } from '../../src/core/body';
import { parseHarText } from '../../src/core/salvage';
import { describeJsonSyntaxError, findJsonSyntaxError } from '../../src/core/json-syntax';
import { cognitoEntry } from '../core/entries';

const SECRET = 'hunter2Secret';
const UNQUOTED = `{"AuthFlow":"USER_PASSWORD_AUTH","ClientId":"c1","AuthParameters":{"USERNAME":"bob","PASSWORD": ${SECRET}}}`;

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Every 4-character piece of `secret`: none may appear in a reason. */
const pieces = (secret: string) => Array.from({ length: Math.max(0, secret.length - 3) }, (_, i) => secret.slice(i, i + 4));

describe('the reason for an unparseable body', () => {
  it('says where and what, and quotes nothing of the body', () => {
    const body = parseBodyText(UNQUOTED);
    expect(body.state).toBe('unparseable');
    const reason = body.state === 'unparseable' ? body.reason : '';
    expect(reason).toBe(`not JSON: a letter (an unquoted string?) where a value was expected, at position ${UNQUOTED.indexOf(SECRET)} (line 1, column ${UNQUOTED.indexOf(SECRET) + 1})`);
    for (const piece of pieces(SECRET)) expect(reason).not.toContain(piece);
  });

  it.each([
    ['', 'the text is empty', 0],
    ['{"Session":"AYAB', 'the text ends inside a string (an unterminated string)', 16],
    ['{"a":1,}', "'}' where a property name in double quotes was expected (a trailing comma?)", 7],
    ["{'a':1}", 'a single quote (JSON strings take double quotes) where a property name in double quotes was expected', 1],
    ['{"a" 1}', "a digit where ':' was expected after a property name", 5],
    ['{"a":"x\ny"}', 'a control character (such as a newline) inside a string: it must be escaped', 7],
    ['{"a":"\\q"}', 'an invalid escape (\\ followed by a character JSON does not allow) in a string', 6],
    ['{"a":01}', "a digit where ',' or '}' was expected", 6],
    ['{"a":-}', 'an invalid number (a digit must follow the minus sign)', 6],
    ['[1,,2]', "',' where a value was expected", 3],
    ['{"a":1}\n{"b":2}', "'{' after the end of the JSON value (more than one value?)", 8],
    ['{"a":[1,2}', "'}' where ',' or ']' was expected", 9],
    ['[object Object]', 'a letter (an unquoted string?) where a value was expected', 1],
  ])('%j: %s at %i', (text, kind, position) => {
    expect(findJsonSyntaxError(text)).toMatchObject({ kind, position });
  });

  it('counts lines and columns', () => {
    expect(findJsonSyntaxError('{\n  "a": 1,\n  "b": nope\n}')).toMatchObject({ line: 3, column: 8 });
  });

  it('finds an error exactly when JSON.parse does (random text and broken JSON)', () => {
    const broken = fc.tuple(fc.jsonValue({ maxDepth: 4 }), fc.nat(), fc.nat(3), fc.string({ maxLength: 3 })).map(([value, at, op, insert]) => {
      const text = JSON.stringify(value) ?? '';
      const i = text.length === 0 ? 0 : at % text.length;
      return op === 0 ? text.slice(0, i) : op === 1 ? text.slice(0, i) + text.slice(i + 1) : op === 2 ? text.slice(0, i) + insert + text.slice(i) : text;
    });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: codeUnit }), broken), (text) => {
        const error = findJsonSyntaxError(text);
        expect(error === null).toBe(parsesAsJson(text));
        if (error) expect(error.position).toBeLessThanOrEqual(text.length);
      }),
      { numRuns: 500 },
    );
  });

  it('never quotes an unquoted value, wherever it sits', () => {
    fc.assert(
      // Capitals and digits: the reasons' own words are lower case (bar "JSON"), so a match is a leak.
      fc.property(fc.stringMatching(/^[A-Z][A-Z0-9]{7,20}$/).filter((s) => !s.includes('JSON')), fc.constantFrom('{"PASSWORD": %}', '{"a":[1, %]}', '{"a":"b" %}', '%', '{% : 1}', '{"SECRET_HASH":"x",%}'), (secret, shape) => {
        const reason = describeJsonSyntaxError(shape.replace('%', secret));
        for (const piece of pieces(secret)) expect(reason).not.toContain(piece);
      }),
      { numRuns: 300 },
    );
  });

  it('the not-JSON reason of a whole HAR file quotes nothing either', () => {
    expect(() => parseHarText(`{"log": ${SECRET}`)).toThrow(/^not JSON \(a letter \(an unquoted string\?\) where a value was expected, at position 8 \(line 1, column 9\)\)$/);
  });
});

describe('cognito-flow output for an unquoted password', () => {
  let dir = '';
  let har = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cognito-flow-unparseable-'));
    har = join(dir, 'unquoted.har');
    await writeFile(har, JSON.stringify({ log: { entries: [cognitoEntry('InitiateAuth', UNQUOTED, `{"__type":"SerializationException", "message": ${SECRET}`, { status: 400 })] } }));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const args of [[], ['--json']]) {
    it(`analyze ${args.join(' ')}: keeps the reason, not the password`, async () => {
      const out = { text: '', write(s: string) { this.text += s; } };
      const err = { text: '', write(s: string) { this.text += s; } };
      await main(['analyze', har, ...args], { stdout: out, stderr: err, env: {} });
      expect(out.text).toContain('unparseable-body');
      expect(out.text).toContain('a letter (an unquoted string?) where a value was expected, at position');
      for (const piece of pieces(SECRET)) expect(out.text + err.text).not.toContain(piece);
    });
  }

  it('a HAR file that is not JSON: stderr has the reason, not the bytes', async () => {
    const path = join(dir, 'not-json.har');
    await writeFile(path, `{"log": {"entries": [], "x": ${SECRET}`);
    const err = { text: '', write(s: string) { this.text += s; } };
    const code = await main(['analyze', path], { stdout: { write: () => true }, stderr: err, env: {} });
    expect(code).toBe(2);
    expect(err.text).toMatch(/is not JSON \(a letter \(an unquoted string\?\) where a value was expected, at position 29 \(line 1, column 30\)\)\n$/);
    for (const piece of pieces(SECRET)) expect(err.text).not.toContain(piece);
  });
});
