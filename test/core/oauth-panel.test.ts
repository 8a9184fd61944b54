/**
 * Managed login in the panel, without a browser: which live entries are kept whole, the store keeping
 * them, and the chain records the cards render (masked: no code, verifier, password or token
 * signature reaches a card's URL, form table or raw entry).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mayBeManagedLogin, readWholeForManagedLogin } from '../../src/core/oauth/keep';
import { analyzeEntries } from '../../src/core/analyze';
import { panelFlows, isOAuthFlowId } from '../../src/core/view/oauth-chain';
import { diagnosticsByEntry, flowRows } from '../../src/core/view/flow-row';
import { CaptureStore, type Schedule } from '../../src/panel/store';
import type { HarEntry } from '../../src/core/har';
import { USER } from '../support/oauth-provider';

const entriesOf = (name: string) => (JSON.parse(readFileSync(new URL(`../fixtures/oauth/${name}.har`, import.meta.url), 'utf8')) as { log: { entries: HarEntry[] } }).log.entries;
const page = (url: string, status = 200, method = 'GET'): HarEntry => ({ startedDateTime: '2026-11-23T10:00:00.000Z', time: 5, request: { method, url, headers: [] }, response: { status, headers: [], content: {} } });

describe('mayBeManagedLogin', () => {
  it('keeps user-pool paths, callbacks and redirects, and not ordinary requests or preflights', () => {
    expect(entriesOf('good').every(mayBeManagedLogin)).toBe(true);
    expect(mayBeManagedLogin(page('https://auth.example.com/oauth2/token', 400, 'POST'))).toBe(true);
    expect(mayBeManagedLogin(page('https://app.example.com/cb?code=1&state=2'))).toBe(true);
    expect(mayBeManagedLogin(page('https://app.example.com/old', 301))).toBe(true);
    expect(mayBeManagedLogin(page('https://app.example.com/app.js'))).toBe(false);
    // An app's own sign-in page: no Cognito signal on it, not kept.
    expect(mayBeManagedLogin(page('https://app.example.com/login'))).toBe(false);
    expect(mayBeManagedLogin(page('https://app.example.com/login', 200, 'POST'))).toBe(false);
    expect(mayBeManagedLogin(page('https://auth.example.com/oauth2/token', 204, 'OPTIONS'))).toBe(false);
    for (const junk of [null, 1, {}, { request: { url: 7 } }]) expect(mayBeManagedLogin(junk)).toBe(false);
  });
  it('reads whole the redirects and endpoints, the sign-in pages only with a Cognito signal on the entry', () => {
    const good = entriesOf('good');
    expect(good.map((e) => readWholeForManagedLogin(e))).toEqual([true, true, true, true, false, true]);
    // An app's own login form: kept as a light copy (no password, no cookies read).
    expect(readWholeForManagedLogin(page('https://app.example.com/login', 200, 'POST'))).toBe(false);
    expect(readWholeForManagedLogin(page('https://app.example.com/cb?code=1'))).toBe(false);
  });
});

describe('CaptureStore', () => {
  it('keeps managed-login entries (it used to keep only X-Amz-Target ones) and counts the rest', () => {
    const queue: (() => void)[] = [];
    const schedule: Schedule = (run) => { queue.push(run); };
    const store = new CaptureStore(schedule);
    store.add([...entriesOf('trailing-slash'), page('https://app.example.com/app.js')]);
    queue.splice(0).forEach((run) => run());
    const state = store.getState();
    expect(state.entries).toHaveLength(6);
    expect(state.otherRequests).toBe(1);
    expect(state.analysis.oauth.flows.map((f) => f.outcome)).toEqual(['failed']);
  });
});

describe('managed-login rows and chains', () => {
  it('a "managed login" row after the API rows, and a chain of the step kinds', () => {
    const analysis = analyzeEntries(entriesOf('pkce-other-attempt'));
    const rows = flowRows(analysis);
    expect(rows.map((r) => [r.id, r.authFlow, r.outcome, r.errors])).toEqual([['oauth-1', 'managed login (code)', 'pending', 0], ['oauth-2', 'managed login (code)', 'failed', 2]]);
    const flow = panelFlows(analysis)[1]!;
    expect(flow.steps.map((s) => s.call.operation)).toEqual(['authorize', 'login', 'login', 'redirect', 'callback', 'token']);
    expect(flow.steps.at(-1)?.call.error?.type).toBe('invalid_grant');
    expect(flow.steps.map((s) => s.handoffVia)).toEqual(['none', 'redirect', 'redirect', 'redirect', 'redirect', 'code']);
    expect(panelFlows(analysis)).toBe(panelFlows(analysis));
    expect(isOAuthFlowId(flow.id)).toBe(true);
    expect(isOAuthFlowId('flow-1')).toBe(false);
  });
  it('what the cards hold is masked: no code, verifier, password or token signature', () => {
    const entries = entriesOf('good');
    const token = entries.find((e) => e.request.url.endsWith('/oauth2/token'))!;
    const form = new URLSearchParams(token.request.postData?.text ?? '');
    const body = JSON.parse(token.response.content.text ?? '{}') as Record<string, string>;
    const [flow] = panelFlows(analyzeEntries(entries));
    const shown = JSON.stringify(flow!.steps.map((s) => [s.call.url, s.call.har]));
    for (const secret of [form.get('code')!, form.get('code_verifier')!, USER.password, body.access_token!.split('.')[2]!, body.refresh_token!]) expect(shown).not.toContain(secret);
    // The form table lists the fields; the panel masks values by key (code, code_verifier, password are secret keys).
    const request = flow!.steps.at(-1)!.call.request;
    expect(Object.keys(request.state === 'json' ? request.value : {})).toEqual(['grant_type', 'code', 'client_id', 'redirect_uri', 'code_verifier']);
  });
});

describe('a token answer whose body DevTools did not hand over', () => {
  it('shows token-body-not-captured (info) on the token step of the chain, and its response as not captured', () => {
    const entries = entriesOf('good');
    const index = entries.findIndex((e) => e.request.url.endsWith('/oauth2/token'));
    const { text: _text, ...content } = entries[index]!.response.content;
    entries[index] = { ...entries[index]!, response: { ...entries[index]!.response, content: { ...content, comment: 'DevTools returned no body for this request' } } };
    const analysis = analyzeEntries(entries);
    const [flow] = panelFlows(analysis);
    const token = flow!.steps.at(-1)!.call;
    expect(token.operation).toBe('token');
    expect(flowRows(analysis).map((r) => r.outcome)).toEqual(['pending']);
    expect((diagnosticsByEntry(analysis.diagnostics).get(token.entry) ?? []).map((d) => [d.code, d.severity])).toEqual([['token-body-not-captured', 'info']]);
    // It used to read "empty", as if Cognito had answered nothing.
    expect(token.response).toEqual({ state: 'not-captured', reason: 'the browser did not keep the response body (DevTools returned no body for this request)' });
  });
});
