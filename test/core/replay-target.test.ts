import { describe, expect, it } from 'vitest';
import { analyzeEntries } from '../../src/core/analyze';
import { callReplayTarget, cognitoEndpointRegion, pageOriginOf, replayTarget } from '../../src/core/replay/target';
import type { HarEntry } from '../../src/core/har';
import { cognitoEntry } from './entries';

const PAGE = 'https://app.example.com';

describe('replay target', () => {
  it.each([
    ['https://cognito-idp.eu-west-1.amazonaws.com/', 'eu-west-1'],
    ['https://cognito-idp.us-gov-west-1.amazonaws.com/', 'us-gov-west-1'],
    ['https://cognito-idp-fips.us-east-1.amazonaws.com/', 'us-east-1'],
    ['https://cognito-idp.ap-southeast-2.api.aws/', 'ap-southeast-2'],
    ['https://cognito-idp-fips.us-east-2.api.aws', 'us-east-2'],
    ['https://cognito-idp.cn-north-1.amazonaws.com.cn/', 'cn-north-1'],
    ['https://COGNITO-IDP.EU-WEST-1.AMAZONAWS.COM:443/', 'eu-west-1'],
  ])('%s is an AWS Cognito endpoint in %s: no warning', (url, region) => {
    expect(cognitoEndpointRegion(url)).toBe(region);
    expect(replayTarget(url, PAGE)).toMatchObject({ kind: 'aws-cognito', region, warning: null });
  });

  it.each([
    ['http://cognito-idp.eu-west-1.amazonaws.com/', 'not https'],
    ['https://cognito-idp.eu-west-1.amazonaws.com.evil.example/', 'a suffix'],
    ['https://evil.example/cognito-idp.eu-west-1.amazonaws.com/', 'in the path'],
    ['https://cognito-idp.eu-west-1.amazonaws.com@evil.example/', 'user info'],
    ['https://xcognito-idp.eu-west-1.amazonaws.com/', 'a prefix'],
    ['https://cognito-idp.eu-west-1.amazonaws.com:8443/', 'another port'],
    ['https://cognito-identity.eu-west-1.amazonaws.com/', 'identity pools, not user pools'],
  ])('%s is not a Cognito user-pool endpoint (%s): warned', (url) => {
    expect(cognitoEndpointRegion(url)).toBeNull();
    const target = replayTarget(url, PAGE);
    expect(target.kind).toBe('other');
    expect(target.warning).toMatch(/neither an AWS Cognito endpoint nor the page's own origin/);
    expect(target.warning).toContain(target.host);
  });

  it("does not warn for the page's own origin (an app's same-origin proxy), and names the host", () => {
    expect(replayTarget('https://app.example.com/api/cognito', PAGE)).toMatchObject({ kind: 'page-origin', host: 'app.example.com', warning: null });
    expect(replayTarget('https://app.example.com:8443/api', PAGE)).toMatchObject({ kind: 'other', host: 'app.example.com:8443' });
    expect(replayTarget('http://127.0.0.1:9229/', null)).toMatchObject({ kind: 'other', host: '127.0.0.1:9229' });
  });

  it('says a non-http URL cannot be replayed, without throwing', () => {
    expect(replayTarget('javascript:alert(1)', PAGE)).toMatchObject({ kind: 'invalid', warning: expect.stringMatching(/not an http/) });
    expect(replayTarget('', null).kind).toBe('invalid');
  });

  it("reads the page's origin from the captured request's Origin, else its Referer", () => {
    const call = (headers: { name: string; value: string }[], url = 'https://proxy.example.com/') => {
      const entry: HarEntry = cognitoEntry('InitiateAuth', { AuthFlow: 'USER_PASSWORD_AUTH' }, {});
      entry.request.url = url;
      entry.request.headers.push(...headers);
      return analyzeEntries([entry]).calls[0]!;
    };
    expect(pageOriginOf(call([{ name: 'Origin', value: 'https://proxy.example.com' }]))).toBe('https://proxy.example.com');
    expect(callReplayTarget(call([{ name: 'origin', value: 'https://proxy.example.com' }])).kind).toBe('page-origin');
    expect(callReplayTarget(call([{ name: 'Referer', value: 'https://proxy.example.com/login?x=1' }])).kind).toBe('page-origin');
    expect(callReplayTarget(call([{ name: 'Origin', value: 'null' }])).kind).toBe('other');
    expect(callReplayTarget(call([{ name: 'Origin', value: 'https://app.example.com' }])).warning).toContain('(https://app.example.com)');
    expect(pageOriginOf(call([]))).toBeNull();
  });
});
