import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { analyzeEntries, analyzeHar } from '../../src/core/analyze';
import { toReport } from '../../src/core/report';
import type { HarEntry } from '../../src/core/har';
import type { CaptureSink } from '../../src/panel/host';
import { devtoolsTrafficSource } from '../../src/devtools/network-source';
import { FakeDevtoolsNetwork, sleep, type ContentStyle } from '../support/fake-devtools-network';

const mixed = (JSON.parse(readFileSync('test/fixtures/real/mixed-interleaved.har', 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;

/** Records what reaches the panel: entries and navigations, in order. */
function recordingSink() {
  const events: ({ kind: 'entries'; entries: HarEntry[] } | { kind: 'navigated'; url: string })[] = [];
  const sink: CaptureSink = {
    add: (entries) => events.push({ kind: 'entries', entries: [...entries] }),
    navigated: (url) => events.push({ kind: 'navigated', url }),
  };
  const entries = () => events.flatMap((e) => (e.kind === 'entries' ? e.entries : []));
  return { sink, events, entries };
}

async function until(condition: () => boolean, ms = 2_000) {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

const report = (entries: readonly unknown[]) => toReport(analyzeEntries(entries));

/** For tests where the page made nothing before the panel opened: no waiting for a late getHAR(). */
const NO_RETRY = { initialHarDelayMs: 0, emptyHarRetriesMs: [] };
/** Firefox's late getHAR(), with short delays so the tests stay fast. */
const FAST = { initialHarDelayMs: 0, emptyHarRetriesMs: [10, 10] };

describe.each<ContentStyle>(['callback', 'promise', 'firefox'])('live capture from devtools.network (%s-style getContent)', (style) => {
  it('delivers the requests made before the panel opened (getHAR) and then the live ones, with bodies: the same analysis as the saved HAR', async () => {
    const network = new FakeDevtoolsNetwork(style);
    network.earlier.push(...mixed.slice(0, 10));
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, FAST).connect(sink);
    await until(() => entries().length === 10);
    for (const entry of mixed.slice(10)) network.finish(entry);
    await until(() => entries().length === mixed.length);
    expect(report(entries())).toEqual(toReport(analyzeHar({ log: { entries: mixed } })));
  });

  it('keeps finishing order when an earlier body is slower to read', async () => {
    const network = new FakeDevtoolsNetwork(style);
    const [first, second, third] = mixed.filter((e) => e.request.method === 'POST');
    if (!first || !second || !third) throw new Error('fixture changed');
    network.behave(first, { delayMs: 60 });
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, NO_RETRY).connect(sink);
    network.finish(first);
    network.finish(second);
    network.finish(third);
    await until(() => entries().length === 3);
    expect(entries().map((e) => e.startedDateTime)).toEqual([first, second, third].map((e) => e.startedDateTime));
  });

  it('a body DevTools cannot read still shows, flagged as not captured with the reason', async () => {
    const network = new FakeDevtoolsNetwork(style);
    const posts = mixed.filter((e) => e.request.method === 'POST');
    const [nullBody, throwing, hanging] = posts;
    if (!nullBody || !throwing || !hanging) throw new Error('fixture changed');
    network.behave(nullBody, { fail: 'null' });
    network.behave(throwing, { fail: 'throw' });
    network.behave(hanging, { fail: 'never' });
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, { ...NO_RETRY, contentTimeoutMs: 50 }).connect(sink);
    network.finish(nullBody);
    network.finish(throwing);
    network.finish(hanging);
    await until(() => entries().length === 3);
    const analysis = analyzeEntries(entries());
    expect(analysis.calls).toHaveLength(3);
    for (const call of analysis.calls) expect(call.response.state).toBe('not-captured');
    const flagged = analysis.diagnostics.filter((d) => d.code === 'body-not-captured');
    expect(flagged.map((d) => d.entry)).toEqual([0, 1, 2]);
    const reasons = analysis.calls.map((c) => (c.response.state === 'not-captured' ? c.response.reason : ''));
    expect(reasons[2]).toContain('within 0.05 s');
  });
});

describe('live capture: what the panel does not need, and the edges of getHAR', () => {
  it('reads no body of a request without X-Amz-Target and keeps only method, URL and status', async () => {
    const network = new FakeDevtoolsNetwork('promise');
    const page: HarEntry = {
      startedDateTime: '2026-11-23T10:00:00.000Z', time: 3,
      request: { method: 'POST', url: 'https://app.example.test/login', headers: [{ name: 'Cookie', value: 'sid=1' }], postData: { text: 'password=hunter2' } },
      response: { status: 200, headers: [{ name: 'Set-Cookie', value: 'sid=2' }], content: { text: '<html>', mimeType: 'text/html' } },
    };
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, NO_RETRY).connect(sink);
    network.finish(page);
    await until(() => entries().length === 1);
    expect(network.getContentCalls).toBe(0);
    expect(entries()[0]).toEqual({
      startedDateTime: page.startedDateTime, time: 3,
      request: { method: 'POST', url: page.request.url, headers: [] },
      response: { status: 200, headers: [], content: {} },
    });
    expect(JSON.stringify(entries())).not.toContain('hunter2');
  });

  it('a request both in getHAR and finishing live (it finished while getHAR answered) is delivered once', async () => {
    const network = new FakeDevtoolsNetwork('callback');
    const [a, b] = mixed.filter((e) => e.request.method === 'POST');
    if (!a || !b) throw new Error('fixture changed');
    network.earlier.push(a, b);
    network.delayHar(40);
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, FAST).connect(sink);
    network.finish(b); // arrives live while getHAR is still answering
    await sleep(80);
    network.finish(a); // a late live copy after getHAR answered
    await sleep(30);
    expect(entries().map((e) => e.startedDateTime).sort()).toEqual([a.startedDateTime, b.startedDateTime].sort());
  });

  it('a request getHAR() lists in flight (status 0) is delivered as it finished, once: a sign-in made as the panel opens is not "NoResponse"', async () => {
    const network = new FakeDevtoolsNetwork('callback');
    const [a] = mixed.filter((e) => e.request.method === 'POST' && e.response.status === 200);
    if (!a) throw new Error('fixture changed');
    // Chrome's getHAR() lists a request still in flight with status 0 and no response yet.
    network.earlier.push({ ...a, response: { ...a.response, status: 0, statusText: '', headers: [], content: { size: 0, mimeType: '' } } });
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, { ...FAST, unfinishedWaitMs: 60 }).connect(sink);
    await sleep(30);
    expect(entries()).toEqual([]);
    network.finish(a);
    await until(() => entries().length === 1);
    await sleep(100);
    expect(entries().map((e) => e.response.status)).toEqual([200]);
    expect(report(entries()).flows[0]?.outcome).toBe(report([a]).flows[0]?.outcome);
  });

  it('a getHAR() entry that never got an answer, and has no live copy, is still delivered after the wait', async () => {
    const network = new FakeDevtoolsNetwork('callback');
    const [a] = mixed.filter((e) => e.request.method === 'POST');
    if (!a) throw new Error('fixture changed');
    network.earlier.push({ ...a, response: { ...a.response, status: 0, statusText: '', headers: [], content: { size: 0, mimeType: '' } } });
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, { ...FAST, unfinishedWaitMs: 40 }).connect(sink);
    await until(() => entries().length === 1);
    expect(entries()[0]?.response.status).toBe(0);
    await sleep(60);
    expect(entries()).toHaveLength(1);
  });

  it('passes navigations in order with the entries around them (Preserve log decides what to clear)', async () => {
    const network = new FakeDevtoolsNetwork('promise');
    const [a, b] = mixed.filter((e) => e.request.method === 'POST');
    if (!a || !b) throw new Error('fixture changed');
    network.behave(a, { delayMs: 30 });
    const { sink, events } = recordingSink();
    devtoolsTrafficSource(network, NO_RETRY).connect(sink);
    network.finish(a);
    network.navigate('http://127.0.0.1/after-sign-in');
    network.finish(b);
    await until(() => events.length === 3);
    expect(events.map((e) => e.kind)).toEqual(['entries', 'navigated', 'entries']);
  });

  it('stops delivering and removes its listeners when the panel disconnects', async () => {
    const network = new FakeDevtoolsNetwork('promise');
    const { sink, entries } = recordingSink();
    const stop = devtoolsTrafficSource(network, FAST).connect(sink);
    expect(network.onRequestFinished.listeners.size).toBe(1);
    stop();
    expect(network.onRequestFinished.listeners.size).toBe(0);
    expect(network.onNavigated.listeners.size).toBe(0);
    await sleep(10);
    expect(entries()).toEqual([]);
  });

  it('a failing getHAR still lets live capture work', async () => {
    const network = new FakeDevtoolsNetwork('promise');
    network.getHAR = () => Promise.reject(new Error('no inspected page'));
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, FAST).connect(sink);
    const post = mixed.find((e) => e.request.method === 'POST');
    if (!post) throw new Error('fixture changed');
    network.finish(post);
    await until(() => entries().length === 1);
  });
});

describe('reading bodies', () => {
  it("reads Chrome's encoding, and Firefox's from the entry when a MIME type comes in its place", async () => {
    const { readContent } = await import('../../src/devtools/read-content');
    const text = Buffer.from('{"ChallengeName":"SMS_MFA"}').toString('base64');
    expect(await readContent({ getContent: (() => Promise.resolve([text, 'base64'])) as never })).toEqual({ ok: true, text, encoding: 'base64' });
    expect(await readContent({ getContent: (() => Promise.resolve(['{}', 'application/x-amz-json-1.1'])) as never })).toEqual({ ok: true, text: '{}', encoding: undefined });
    const firefox = { response: { content: { encoding: 'base64' } }, getContent: (callback: (c: string, m: string) => void) => callback(text, 'application/x-amz-json-1.1') };
    expect(await readContent(firefox as never)).toEqual({ ok: true, text, encoding: 'base64' });
    // Chrome's own "" encoding wins over anything on the entry.
    const chrome = { response: { content: { encoding: 'base64' } }, getContent: (callback: (c: string, e: string) => void) => callback('{}', '') };
    expect(await readContent(chrome as never)).toEqual({ ok: true, text: '{}', encoding: undefined });
    // Firefox's getHAR() entries: no getContent, the body inside.
    expect(await readContent({ response: { content: { text, encoding: 'base64' } } })).toEqual({ ok: true, text, encoding: 'base64' });
    expect(await readContent({ getContent: (() => Promise.resolve('{}')) as never })).toEqual({ ok: true, text: '{}', encoding: undefined });
    expect(await readContent({})).toMatchObject({ ok: false });
  });
});

describe('Firefox: an empty first getHAR()', () => {
  it('asks again, so requests made before the panel opened still show', async () => {
    const network = new FakeDevtoolsNetwork('firefox');
    network.earlier.push(...mixed.slice(0, 4));
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, FAST).connect(sink);
    await until(() => entries().length === 4);
    expect(report(entries())).toEqual(report(mixed.slice(0, 4)));
  });

  it('stops asking after the last retry when the page really made nothing', async () => {
    const network = new FakeDevtoolsNetwork('firefox');
    let asked = 0;
    const getHAR = network.getHAR.bind(network);
    network.getHAR = () => { asked += 1; return getHAR(); };
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, { initialHarDelayMs: 0, emptyHarRetriesMs: [5, 5] }).connect(sink);
    await sleep(60);
    expect(asked).toBe(3);
    expect(entries()).toEqual([]);
  });

  it('asks the first time only after a moment, when Firefox has its record ready', async () => {
    const network = new FakeDevtoolsNetwork('firefox');
    network.earlier.push(...mixed.slice(0, 3));
    const calledAt: number[] = [];
    const started = Date.now();
    const getHAR = network.getHAR.bind(network);
    network.getHAR = () => { calledAt.push(Date.now() - started); return getHAR(); };
    const { sink, entries } = recordingSink();
    devtoolsTrafficSource(network, { initialHarDelayMs: 30, emptyHarRetriesMs: [10] }).connect(sink);
    await until(() => entries().length === 3);
    expect(calledAt[0]).toBeGreaterThanOrEqual(25);
  });
});
