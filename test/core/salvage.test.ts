import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseHarText, truncationNote } from '../../src/core/salvage';
import { HarFormatError, analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';

const text = readFileSync('test/fixtures/real/mixed-interleaved.har', 'utf8');
const full = JSON.parse(text) as { log: { entries: unknown[] } };

describe('reading a HAR that was cut off', () => {
  it('reads a whole file as it is', () => {
    const parsed = parseHarText(text);
    expect(parsed.truncated).toBeNull();
    expect(parsed.har.log.entries).toHaveLength(full.log.entries.length);
  });

  it('keeps every complete entry before the cut, wherever the cut falls', () => {
    const total = full.log.entries.length;
    for (const fraction of [0.2, 0.5, 0.77, 0.95]) {
      const cut = text.slice(0, Math.floor(text.length * fraction));
      const parsed = parseHarText(cut);
      const kept = parsed.truncated?.entries ?? -1;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(total);
      // The kept entries are exactly the first ones of the file, unchanged.
      expect(parsed.har.log.entries).toEqual(full.log.entries.slice(0, kept));
      // And the next entry really was incomplete: one more would not be in the cut text.
      expect(cut.includes(JSON.stringify(full.log.entries[kept]).slice(-40))).toBe(false);
    }
  });

  it('analyses the salvaged part like the same entries of the whole file', () => {
    const parsed = parseHarText(text.slice(0, Math.floor(text.length * 0.6)));
    const n = parsed.truncated?.entries ?? 0;
    expect(toReport(analyzeHar(parsed.har))).toEqual(toReport(analyzeHar({ log: { entries: full.log.entries.slice(0, n) } })));
  });

  it('stops before a complete-looking entry that is not valid JSON', () => {
    const broken = '{"log":{"entries":[{"request":{"method":"POST"}},{"request":{"method":NaN}},{"request":{}}';
    const parsed = parseHarText(broken);
    expect(parsed.truncated?.entries).toBe(1);
  });

  it('says plainly when there is nothing to read', () => {
    expect(() => parseHarText('<html>not a har</html>')).toThrow(HarFormatError);
    // Cut off before the first complete entry: nothing to read.
    expect(() => parseHarText('{"log":{"entries":[{"request":')).toThrow(/not JSON/);
    expect(() => parseHarText('{"log":{"version":"1.2"}}')).toThrow(/log.entries/);
  });

  it('ignores a byte-order mark and says what was lost', () => {
    expect(parseHarText(`\ufeff${text}`).truncated).toBeNull();
    expect(truncationNote({ entries: 12, keptChars: 41230, totalChars: 52004 }))
      .toBe('the file is cut off: read 12 complete entries (41,230 of 52,004 characters); the rest is lost');
  });
});
