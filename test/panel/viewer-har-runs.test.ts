/**
 * The viewer parses a HAR's entries a run at a time (HarRunsParser): however the text is cut into
 * pieces and however it is laid out, the result and the error messages are those of
 * `parseHarText` on the whole text; usual layouts are parsed in runs, anything doubtful whole.
 */
import { describe, expect, it } from 'vitest';
import { parseHarText, type ParsedHar } from '../../src/core/salvage';
import { keptInCapture } from '../../src/panel/capture-filter';
import { HarRunsParser, RUN_CHARS, readKeptEntries } from '../../src/panel/viewer-har-runs';
import { Rng } from '../../scripts/lib/prng';
import { realHar } from './support/viewer-harness';

/** Cuts `text` into pieces of random lengths up to `max` (1: character by character). */
function pieces(text: string, rng: Rng, max: number): string[] {
  const out: string[] = [];
  for (let at = 0; at < text.length;) {
    const size = 1 + (rng.u32() % max);
    out.push(text.slice(at, at + size));
    at += size;
  }
  return out;
}

/** The parser's result put together as one HAR (entries from the listener when parsed in runs), and how it was parsed. */
function parse(parts: readonly string[]): { parsed: ParsedHar; kind: 'runs' | 'whole' } {
  const seen: unknown[] = [];
  const parser = new HarRunsParser((values) => { seen.push(...values); });
  for (const part of parts) parser.push(part);
  const result = parser.finish();
  if (result.kind === 'whole') return { parsed: result.parsed, kind: 'whole' };
  expect(result.har.log.entries).toEqual([]);
  result.har.log.entries = seen as never[];
  return { parsed: { har: result.har, truncated: null }, kind: 'runs' };
}

/** parseHarText's answer, or its error message. */
function outcome(run: () => ParsedHar): ParsedHar | { error: string } {
  try {
    return run();
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** Same answer as parseHarText however `text` is cut; `kind`: how it must have been parsed (when it is a HAR). */
function expectSameAsWhole(text: string, seed: number, kind: 'runs' | 'whole'): void {
  const whole = outcome(() => parseHarText(text));
  const rng = new Rng(seed);
  for (const max of [1, 3, 17, 256, text.length]) {
    for (let round = 0; round < (max === text.length ? 1 : 4); round++) {
      let how: string | undefined;
      expect(outcome(() => {
        const result = parse(pieces(text, rng, max));
        how = result.kind;
        return result.parsed;
      })).toEqual(whole);
      // A file that is not a usable HAR throws (from the whole-text parse) before saying how.
      if (how !== undefined) expect(how).toBe(kind);
    }
  }
}

const entry = (i: number, body: string) => ({
  request: { method: 'POST', url: `https://cognito-idp.eu-west-1.amazonaws.com/?i=${i}`, headers: [{ name: 'X-Amz-Target', value: 'AWSCognitoIdentityProviderService.InitiateAuth' }], postData: { mimeType: 'application/x-amz-json-1.1', text: body } },
  response: { status: 200, headers: [], content: { size: body.length, mimeType: 'application/json', text: body } },
});

/** Strings a naive cut gets wrong: quotes, backslashes, brackets, a line-like `}`, "entries", multi-byte characters. */
const TRICKY = [
  JSON.stringify({ AuthParameters: { USERNAME: 'a"b', PASSWORD: 'x\\' } }),
  'ends with backslashes \\\\',
  'ends with a quote "',
  '\\',
  '"entries": [ { } ] ] } {',
  '\n    }\n    {',
  'é ü — 🙂 日本語',
  '{"nested": "json \\"inside\\" json"}',
  '',
];

function har(entries: unknown[], extra: Record<string, unknown> = {}) {
  return { log: { version: '1.2', creator: { name: 'test', version: '1' }, pages: [{ id: 'page_1', title: '"entries": [' }], entries, ...extra } };
}

describe('HarRunsParser', () => {
  const entries = TRICKY.map((body, i) => entry(i, body));

  it('gives the same HAR as parsing the whole text, in runs, laid out one value per line or not', () => {
    expectSameAsWhole(JSON.stringify(har(entries), null, 2), 1, 'runs');
    expectSameAsWhole(JSON.stringify(har(entries)), 2, 'runs');
    expectSameAsWhole(JSON.stringify(har(entries), null, 1), 3, 'runs');
    expectSameAsWhole(JSON.stringify(har(entries), null, '\t').replace(/\n/g, '\r\n'), 4, 'runs');
    expectSameAsWhole(JSON.stringify(har([])), 5, 'runs');
    expectSameAsWhole(JSON.stringify(har([]), null, 2), 6, 'runs');
    expectSameAsWhole(JSON.stringify(har([entries[0]]), null, 2), 7, 'runs');
    // Fields after the entries, and entries that are not objects (the analysis says what they are).
    expectSameAsWhole(JSON.stringify(har([1, 'x', null, [entries[1]], entries[2]], { comment: ']} "x"' }), null, 2), 8, 'runs');
    // A real capture as a browser exports it.
    return realHar('mixed-interleaved.har').then((real) => expectSameAsWhole(JSON.stringify(real, null, 2), 9, 'runs'));
  });

  it('parses a file that only looks laid out by lines (a `}` at the entries\' indent inside one) the same', () => {
    const text = JSON.stringify(har(entries), null, 2);
    // The first entry's request closes at the entries' indent: whitespace only, the same JSON.
    const odd = text.replace('\n        },', '\n      },');
    expect(odd).not.toBe(text);
    expectSameAsWhole(odd, 10, 'runs');
  });

  it('reads an entry far longer than the pieces', () => {
    const big = entry(0, JSON.stringify({ blob: 'a\\"b'.repeat(50_000) }));
    for (const text of [JSON.stringify(har([entries[1], big, entries[2]])), JSON.stringify(har([entries[1], big, entries[2]]), null, 2)]) {
      expect(parse(pieces(text, new Rng(11), 1000))).toEqual({ parsed: { har: JSON.parse(text) as unknown, truncated: null }, kind: 'runs' });
    }
  });

  it('cuts pieces far longer than a run (a browser hands out up to 2 MB) into runs of about RUN_CHARS, with the same result', () => {
    // 400 entries of about 1,000 characters: a dozen runs' worth in one piece.
    const many = Array.from({ length: 400 }, (_, i) => entry(i, JSON.stringify({ Session: 's'.repeat(600 + (i % 7)), TRICKY: TRICKY[i % TRICKY.length] })));
    const layouts = [JSON.stringify(har(many), null, 2), JSON.stringify(har(many))];
    for (const [n, text] of layouts.entries()) {
      expect(text.length).toBeGreaterThan(10 * RUN_CHARS);
      let runs = 0;
      const seen: unknown[] = [];
      const parser = new HarRunsParser((values) => { runs++; seen.push(...values); });
      parser.push(text);
      expect(parser.finish().kind).toBe('runs');
      expect(seen).toEqual(many);
      // Each run ends at the first entry end past RUN_CHARS: never fewer runs than that allows.
      expect(runs).toBeGreaterThanOrEqual(Math.floor(text.length / (RUN_CHARS + 2_000)));
      expect(runs).toBeLessThanOrEqual(Math.ceil(text.length / RUN_CHARS) + 1);
      const rng = new Rng(20 + n);
      for (const max of [3 * RUN_CHARS, text.length >> 1]) expect(parse(pieces(text, rng, max))).toEqual({ parsed: { har: JSON.parse(text) as unknown, truncated: null }, kind: 'runs' });
    }
    // Only looks laid out by lines, far into a long piece: a later run fails, and from there on
    // strings and brackets are followed (see the test above), with the same result.
    const text = layouts[0]!;
    const odd = text.slice(0, 8 * RUN_CHARS) + text.slice(8 * RUN_CHARS).replace('\n        },', '\n      },');
    expect(odd).not.toBe(text);
    expectSameAsWhole(odd, 30, 'runs');
    expect(parse([odd])).toEqual({ parsed: { har: JSON.parse(odd) as unknown, truncated: null }, kind: 'runs' });
  });

  it('parses the whole text, with the same result and messages, for anything else', () => {
    const good = JSON.stringify(har(entries), null, 2);
    const cases = [
      good.slice(0, Math.floor(good.length * 0.6)), // cut off: the complete entries, and what was lost
      good.slice(0, 40), // cut off before any entry
      `\ufeff${good}`, // a byte-order mark (the viewer's decoder drops it; parseHarText does too)
      'not json at all',
      '',
      '[1, 2]',
      JSON.stringify({ log: { entries: {} } }),
      JSON.stringify({ log: {} }),
      // The first "entries" list is not log.entries.
      JSON.stringify({ other: { entries: [entries[0]] }, log: { entries: [entries[1]] } }, null, 2),
      JSON.stringify({ log: { pages: [{ entries: [entries[0]] }], entries: [entries[1]] } }),
      // A later duplicate of log or of its entries wins, as in JSON.parse.
      JSON.stringify(har([entries[0]])).replace(/}$/, `, "log": ${JSON.stringify({ entries: [entries[2]] })}}`),
      JSON.stringify(har([entries[0]])).replace(/}}$/, ', "entries": []}}'),
      // What stands for the entries while the rest is parsed, written in the file itself.
      JSON.stringify(har([entries[0]], { comment: '\u0000har-entries' })),
      // Broken between entries: a missing comma, a trailing comma, a stray character.
      JSON.stringify(har([entries[0], entries[1]])).replace('}},{"request"', '}}{"request"'),
      JSON.stringify(har([entries[0], entries[1]]), null, 2).replace(/\n {6}},\n {6}{/, '\n      }\n      {'),
      JSON.stringify(har([entries[0]])).replace(/}]/, '},]'),
      JSON.stringify(har([entries[0], entries[1]])).replace('}},{"request"', '}},x{"request"'),
      `${JSON.stringify(har([entries[0]]))} trailing`,
    ];
    cases.forEach((text, i) => expectSameAsWhole(text, 100 + i, 'whole'));
  });
});

describe('readKeptEntries', () => {
  it('keeps what the panel keeps, in order, and counts the rest, whether parsed in runs or whole', async () => {
    const real = (await realHar('mixed-interleaved.har')) as { log: { entries: unknown[] } };
    const kept = real.log.entries.filter(keptInCapture);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(real.log.entries.length);
    const text = JSON.stringify(real, null, 2);
    expect(readKeptEntries(pieces(text, new Rng(12), 500), keptInCapture)).toEqual({ entries: kept, skipped: real.log.entries.length - kept.length, truncated: null });
    // Cut off: parsed whole (salvaged), filtered the same way, with what was lost.
    const cut = text.slice(0, Math.floor(text.length * 0.7));
    const salvaged = parseHarText(cut);
    const read = readKeptEntries([cut], keptInCapture);
    expect(read.truncated).toEqual(salvaged.truncated);
    expect(read.entries).toEqual(salvaged.har.log.entries.filter(keptInCapture));
    expect(read.entries.length + read.skipped).toBe(salvaged.har.log.entries.length);
    expect(() => readKeptEntries(['{"log": {}}'], keptInCapture)).toThrow('not a HAR file: "log.entries" is not a list');
  });
});
