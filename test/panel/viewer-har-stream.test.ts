/**
 * The viewer reads a HAR while it arrives (HarStreamReader): whatever the chunks, the result and
 * the error messages are those of `parseHarText` on the whole text, and a HAR laid out the usual
 * way is mostly parsed before its last byte.
 */
import { describe, expect, it } from 'vitest';
import { parseHarText, type ParsedHar } from '../../src/core/salvage';
import { HarStreamReader } from '../../src/panel/viewer-har-stream';
import { Rng } from '../../scripts/lib/prng';

const encoder = new TextEncoder();

/** Cuts `bytes` into chunks of random sizes up to `max` (1 means byte by byte). */
function chunks(bytes: Uint8Array, rng: Rng, max: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + (rng.u32() % max);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

/** What the reader gives, put together as one HAR (entries from the listener when it streamed), and whether it streamed. */
function readWhole(parts: readonly Uint8Array[]): { parsed: ParsedHar; streamed: boolean } {
  const seen: unknown[] = [];
  const reader = new HarStreamReader((values) => { seen.push(...values); });
  for (const part of parts) reader.push(part);
  const result = reader.finish();
  if (!result.streamed) return { parsed: result.parsed, streamed: false };
  expect(result.har.log.entries).toEqual([]);
  result.har.log.entries = seen as never[];
  return { parsed: { har: result.har, truncated: null }, streamed: true };
}


/** parseHarText's answer, or its error message. */
function outcome(run: () => ParsedHar): ParsedHar | { error: string } {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Same answer as parseHarText for every way of cutting `text`; `streams`: whether it is read while it arrives. */
function expectSameAsWhole(text: string, seed: number, streams?: boolean): void {
  const whole = outcome(() => parseHarText(text));
  const bytes = encoder.encode(text);
  const rng = new Rng(seed);
  for (const max of [1, 3, 17, 256, bytes.length]) {
    for (let round = 0; round < (max === bytes.length ? 1 : 4); round++) {
      let streamed: boolean | undefined;
      expect(outcome(() => {
        const result = readWhole(chunks(bytes, rng, max));
        streamed = result.streamed;
        return result.parsed;
      })).toEqual(whole);
      // A file that is not a usable HAR throws (from the whole-text parse) and says nothing here.
      if (streams !== undefined && streamed !== undefined) expect(streamed).toBe(streams);
    }
  }
}

const entry = (i: number, body: string) => ({
  request: { method: 'POST', url: `https://cognito-idp.eu-west-1.amazonaws.com/?i=${i}`, headers: [{ name: 'X-Amz-Target', value: 'AWSCognitoIdentityProviderService.InitiateAuth' }], postData: { mimeType: 'application/x-amz-json-1.1', text: body } },
  response: { status: 200, headers: [], content: { size: body.length, mimeType: 'application/json', text: body } },
});

/** Strings that a naive cut gets wrong: quotes, backslashes, brackets, "entries", multi-byte characters. */
const TRICKY = [
  JSON.stringify({ AuthParameters: { USERNAME: 'a"b', PASSWORD: 'x\\' } }),
  'ends with backslashes \\\\',
  '\\',
  '"entries": [ { } ] ] } {',
  'é ü — 🙂 日本語',
  '{"nested": "json \\"inside\\" json"}',
  '',
];

function har(entries: unknown[], extra: Record<string, unknown> = {}) {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, pages: [{ id: 'page_1', title: '"entries": [' }], entries, ...extra } };
}

describe('HarStreamReader', () => {
  const entries = TRICKY.map((body, i) => entry(i, body));

  it('gives the same HAR as parsing the whole text, however the bytes arrive (pretty, compact, with a byte-order mark)', () => {
    expectSameAsWhole(JSON.stringify(har(entries), null, 2), 1, true);
    expectSameAsWhole(JSON.stringify(har(entries)), 2, true);
    expectSameAsWhole(`\ufeff${JSON.stringify(har(entries), null, 1)}`, 3, true);
    expectSameAsWhole(JSON.stringify(har([])), 4, true);
    expectSameAsWhole(JSON.stringify(har([entries[0]])), 5, true);
    // Fields after the entries, and entries that are not objects (the analysis says what they are).
    expectSameAsWhole(JSON.stringify(har([1, 'x', null, [entries[1]], entries[2]], { comment: ']} "x"' })), 6, true);
  });

  it('parses the entries that arrived whole before the last byte', () => {
    const bytes = encoder.encode(JSON.stringify(har(entries), null, 2));
    const seen: unknown[] = [];
    const reader = new HarStreamReader((values) => { seen.push(...values); });
    const parts = chunks(bytes, new Rng(7), 64);
    for (const part of parts.slice(0, -1)) reader.push(part);
    // The last chunk holds at most the end of the last entry and the closing of the file.
    expect(seen.length).toBeGreaterThanOrEqual(entries.length - 1);
    reader.push(parts.at(-1)!);
    expect(reader.finish().streamed).toBe(true);
    expect(seen).toEqual(entries);
  });

  it('hands over each run of entries with the text of each, which parses to the same entry', () => {
    const text = JSON.stringify(har([...entries, [entries[0]], entries[1]]), null, 2);
    const seen: unknown[] = [];
    const reader = new HarStreamReader((values, texts) => {
      expect(texts).not.toBeNull();
      expect(texts!.map((t) => JSON.parse(t) as unknown)).toEqual(values);
      seen.push(...values);
    });
    for (const part of chunks(encoder.encode(text), new Rng(9), 50)) reader.push(part);
    expect(reader.finish().streamed).toBe(true);
    expect(seen).toEqual([...entries, [entries[0]], entries[1]]);
    // Values that are not objects or lists have no end of their own to cut at: no texts then.
    const looseSeen: unknown[] = [];
    const loose = new HarStreamReader((values, texts) => {
      if (values.includes(7)) expect(texts).toBeNull();
      looseSeen.push(...values);
    });
    loose.push(encoder.encode(JSON.stringify(har([entries[0], 7, entries[1]]))));
    expect(loose.finish().streamed).toBe(true);
    expect(looseSeen).toEqual([entries[0], 7, entries[1]]);
  });

  it('reads an entry far bigger than the chunks', () => {
    const big = entry(0, JSON.stringify({ blob: 'a\\"b'.repeat(50_000) }));
    const text = JSON.stringify(har([entries[1], big, entries[2]]));
    expect(readWhole(chunks(encoder.encode(text), new Rng(8), 1000))).toEqual({ parsed: { har: JSON.parse(text) as unknown, truncated: null }, streamed: true });
  });

  it('falls back to the whole text, with the same result and messages, for anything else', () => {
    const good = JSON.stringify(har(entries), null, 2);
    const cases = [
      good.slice(0, Math.floor(good.length * 0.6)), // cut off: the complete entries, and what was lost
      good.slice(0, 40), // cut off before any entry
      'not json at all',
      '',
      '[1, 2]',
      JSON.stringify({ log: { entries: {} } }),
      JSON.stringify({ log: {} }),
      // The first "entries" list is not log.entries.
      JSON.stringify({ other: { entries: [entries[0]] }, log: { entries: [entries[1]] } }),
      JSON.stringify({ log: { pages: [{ entries: [entries[0]] }], entries: [entries[1]] } }),
      // A later duplicate of log or of its entries wins, as in JSON.parse.
      JSON.stringify(har([entries[0]])).replace(/}$/, `, "log": ${JSON.stringify({ entries: [entries[2]] })}}`),
      JSON.stringify(har([entries[0]])).replace(/}}$/, `, "entries": []}}`),
      // What stands for the entries while the rest is parsed, written in the file itself.
      JSON.stringify(har([entries[0]], { comment: '\u0000har-entries' })),
      // Broken between entries: a missing comma, a trailing comma, a stray character.
      JSON.stringify(har([entries[0], entries[1]])).replace('}},{"request"', '}}{"request"'),
      JSON.stringify(har([entries[0]])).replace(/}]/, '},]'),
      JSON.stringify(har([entries[0], entries[1]])).replace('}},{"request"', '}},x{"request"'),
      JSON.stringify(har([entries[0]])) + ' trailing',
    ];
    cases.forEach((text, i) => expectSameAsWhole(text, 100 + i, false));
  });
});
