/**
 * Ordinary browser traffic around the Cognito calls: pages, scripts, XHR JSON, images and fonts
 * with base64 bodies, CORS preflights, beacons, and other AWS services (DynamoDB, Cognito
 * identity pools, Firehose) whose X-Amz-Target must not be mistaken for a user-pool call.
 */
import { Buffer } from 'node:buffer';
import type { EntrySpec } from './har-entry';
import { USER_AGENT } from './har-entry';
import type { Rng } from './prng';

export type OrdinaryKind =
  | 'document'
  | 'script'
  | 'stylesheet'
  | 'xhr-get'
  | 'xhr-post'
  | 'image'
  | 'font'
  | 'preflight'
  | 'dynamodb'
  | 'cognito-identity'
  | 'firehose'
  | 'beacon'
  | 'not-modified'
  | 'blocked'
  | 'redirect';

export const ORDINARY_WEIGHTS: Readonly<Record<OrdinaryKind, number>> = {
  document: 4,
  script: 6,
  stylesheet: 3,
  'xhr-get': 22,
  'xhr-post': 8,
  image: 24,
  font: 2,
  preflight: 8,
  dynamodb: 6,
  'cognito-identity': 3,
  firehose: 2,
  beacon: 5,
  'not-modified': 4,
  blocked: 1,
  redirect: 2,
};

export type BodySizes = 'realistic' | 'small';

export const APP_ORIGIN = 'https://app.example.com';
const API_ORIGIN = 'https://api.example.com';
const CDN_ORIGIN = 'https://cdn.example.com';

const WORDS = (
  'account billing invoice customer order shipment status pending active archived region profile settings ' +
  'dashboard report export import review approve reject comment thread message notification channel team ' +
  'member owner viewer editor project milestone release deploy build pipeline artifact cache storage bucket ' +
  'quota usage limit payment method card address street city country postal code phone email verified ' +
  'the a of and to in for with on by from at is are was be this that which or as an it'
).split(' ');

function words(rng: Rng, chars: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < chars) {
    const word = WORDS[rng.u32() % WORDS.length] as string;
    parts.push(word);
    length += word.length + 1;
  }
  return parts.join(' ');
}

function html(rng: Rng, size: number, title: string): string {
  const parts: string[] = [
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<link rel="stylesheet" href="${CDN_ORIGIN}/assets/app.${rng.hex(8)}.css">`,
    `<script type="module" src="${CDN_ORIGIN}/assets/app.${rng.hex(8)}.js"></script></head><body><div id="root">`,
  ];
  let length = 0;
  while (length < size) {
    const section =
      `<section class="card card-${rng.int(1, 9)}" data-id="${rng.uuid()}"><h2>${words(rng, 30)}</h2>` +
      `<p>${words(rng, rng.int(120, 600))}</p><a href="/items/${rng.int(1, 99999)}">${words(rng, 12)}</a></section>\n`;
    parts.push(section);
    length += section.length;
  }
  parts.push('</div></body></html>');
  return parts.join('');
}

function script(rng: Rng, size: number): string {
  const parts: string[] = ['"use strict";'];
  let length = 0;
  while (length < size) {
    const line = `function f${rng.hex(6)}(e,t){const n="${words(rng, rng.int(10, 60))}";return e?t+n.length:${rng.int(0, 9999)}}\n`;
    parts.push(line);
    length += line.length;
  }
  return parts.join('');
}

function css(rng: Rng, size: number): string {
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const rule = `.c-${rng.hex(6)}{margin:${rng.int(0, 32)}px;padding:${rng.int(0, 24)}px;color:#${rng.hex(6)};display:flex}\n`;
    parts.push(rule);
    length += rule.length;
  }
  return parts.join('');
}

function jsonItems(rng: Rng, size: number): string {
  const items: unknown[] = [];
  let length = 0;
  while (length < size) {
    const item = {
      id: rng.uuid(),
      name: words(rng, 20),
      description: words(rng, rng.int(40, 220)),
      status: rng.pick(['active', 'pending', 'archived']),
      amount: Math.round(rng.float() * 100000) / 100,
      createdAt: new Date(Date.UTC(2025, rng.int(0, 11), rng.int(1, 28), rng.int(0, 23), rng.int(0, 59))).toISOString(),
      tags: [rng.pick(WORDS), rng.pick(WORDS)],
    };
    items.push(item);
    length += JSON.stringify(item).length;
  }
  return JSON.stringify({ items, nextToken: rng.chance(0.5) ? rng.base64(48) : null });
}

function dynamoItems(rng: Rng, size: number): string {
  const items: unknown[] = [];
  let length = 0;
  while (length < size) {
    const item = {
      pk: { S: `USER#${rng.uuid()}` },
      sk: { S: `ORDER#${rng.int(100000, 999999)}` },
      total: { N: String(rng.int(1, 99999) / 100) },
      note: { S: words(rng, rng.int(20, 140)) },
    };
    items.push(item);
    length += JSON.stringify(item).length;
  }
  return JSON.stringify({ Count: items.length, Items: items, ScannedCount: items.length });
}

function jsonHeaders(rng: Rng, length: number): [string, string][] {
  return [
    ['Date', 'Sat, 14 Mar 2026 09:00:00 GMT'],
    ['Content-Type', 'application/json; charset=utf-8'],
    ['Content-Length', String(length)],
    ['Access-Control-Allow-Origin', APP_ORIGIN],
    ['X-Request-Id', rng.uuid()],
    ['Cache-Control', 'no-store'],
  ];
}

function browserHeaders(accept: string): [string, string][] {
  return [
    ['Accept', accept],
    ['Accept-Encoding', 'gzip, deflate, br, zstd'],
    ['Accept-Language', 'en-GB,en;q=0.9'],
    ['Referer', APP_ORIGIN + '/'],
    ['User-Agent', USER_AGENT],
  ];
}

/** A CORS preflight for `url`, as Chrome records it. */
export function preflightSpec(rng: Rng, start: number, url: string, requestHeaders: string): EntrySpec {
  return {
    start,
    duration: rng.int(20, 140) + rng.float(),
    method: 'OPTIONS',
    url,
    http2: rng.chance(0.7),
    requestHeaders: [
      ['Accept', '*/*'],
      ['Access-Control-Request-Headers', requestHeaders],
      ['Access-Control-Request-Method', 'POST'],
      ['Origin', APP_ORIGIN],
      ['Sec-Fetch-Mode', 'cors'],
      ['User-Agent', USER_AGENT],
    ],
    status: 200,
    responseHeaders: [
      ['Date', 'Sat, 14 Mar 2026 09:00:00 GMT'],
      ['Content-Length', '0'],
      ['Access-Control-Allow-Origin', '*'],
      ['Access-Control-Allow-Headers', requestHeaders],
      ['Access-Control-Allow-Methods', 'OPTIONS,POST'],
      ['Access-Control-Max-Age', '172800'],
    ],
    content: { mimeType: 'x-unknown', text: '', size: 0 },
    resourceType: 'preflight',
    initiator: 'preflight',
  };
}

function awsJsonCall(
  rng: Rng,
  start: number,
  host: string,
  target: string,
  request: unknown,
  responseText: string,
  contentType: string,
): EntrySpec {
  const body = JSON.stringify(request);
  return {
    start,
    duration: rng.int(25, 300) + rng.float(),
    method: 'POST',
    url: `https://${host}/`,
    http2: rng.chance(0.7),
    requestHeaders: [
      ...browserHeaders('*/*'),
      ['Authorization', `AWS4-HMAC-SHA256 Credential=ASIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}/20260314/eu-west-1/${host.split('.')[0]}/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=${rng.hex(64)}`],
      ['Content-Type', contentType],
      ['Origin', APP_ORIGIN],
      ['X-Amz-Date', '20260314T090000Z'],
      ['X-Amz-Security-Token', rng.base64(rng.int(600, 800))],
      ['X-Amz-Target', target],
    ],
    postData: { mimeType: contentType, text: body },
    status: 200,
    responseHeaders: [
      ['Date', 'Sat, 14 Mar 2026 09:00:00 GMT'],
      ['Content-Type', contentType],
      ['Content-Length', String(responseText.length)],
      ['x-amzn-RequestId', rng.uuid()],
      ['Access-Control-Allow-Origin', '*'],
    ],
    content: { mimeType: contentType, text: responseText },
    resourceType: 'fetch',
  };
}

/** One ordinary entry of `kind`, starting at `start`. */
export function ordinarySpec(kind: OrdinaryKind, rng: Rng, start: number, sizes: BodySizes): EntrySpec {
  const scale = sizes === 'realistic' ? 1 : 0.04;
  const size = (min: number, max: number): number => Math.max(16, Math.round(rng.int(min, max) * scale));
  const http2 = rng.chance(0.7);
  const duration = rng.int(8, 600) + rng.float();
  switch (kind) {
    case 'document': {
      const path = rng.pick(['/', '/dashboard', '/orders', '/settings/profile', '/reports']);
      const text = html(rng, size(20_000, 50_000), words(rng, 20));
      return {
        start, duration, method: 'GET', url: APP_ORIGIN + path, http2,
        requestHeaders: browserHeaders('text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'),
        status: 200,
        responseHeaders: [['Content-Type', 'text/html; charset=utf-8'], ['Content-Encoding', 'br'], ['Cache-Control', 'no-cache']],
        content: { mimeType: 'text/html', text },
        resourceType: 'document', initiator: 'other',
      };
    }
    case 'script':
    case 'stylesheet': {
      const isScript = kind === 'script';
      const text = isScript ? script(rng, size(5_000, 60_000)) : css(rng, size(3_000, 30_000));
      const mimeType = isScript ? 'application/javascript' : 'text/css';
      return {
        start, duration, method: 'GET', url: `${CDN_ORIGIN}/assets/chunk-${rng.hex(8)}.${isScript ? 'js' : 'css'}`, http2,
        requestHeaders: browserHeaders(isScript ? '*/*' : 'text/css,*/*;q=0.1'),
        status: 200,
        responseHeaders: [['Content-Type', mimeType], ['Cache-Control', 'public, max-age=31536000, immutable'], ['ETag', `"${rng.hex(16)}"`]],
        content: { mimeType, text },
        resourceType: kind, initiator: 'parser',
      };
    }
    case 'xhr-get': {
      const text = jsonItems(rng, size(1_000, 6_000));
      return {
        start, duration, method: 'GET', url: `${API_ORIGIN}/v1/${rng.pick(['orders', 'invoices', 'projects', 'members'])}?limit=${rng.int(10, 50)}&page=${rng.int(1, 20)}`, http2,
        requestHeaders: [...browserHeaders('application/json'), ['Authorization', `Bearer ${rng.base64url(600)}`], ['Origin', APP_ORIGIN]],
        status: rng.chance(0.97) ? 200 : rng.pick([401, 403, 404, 500, 503]),
        responseHeaders: jsonHeaders(rng, text.length),
        content: { mimeType: 'application/json', text },
        resourceType: 'xhr',
      };
    }
    case 'xhr-post': {
      const requestText = JSON.stringify({ id: rng.uuid(), note: words(rng, size(100, 800)), quantity: rng.int(1, 9) });
      const text = JSON.stringify({ ok: true, id: rng.uuid(), updatedAt: new Date(start).toISOString() });
      return {
        start, duration, method: rng.pick(['POST', 'PUT', 'PATCH']), url: `${API_ORIGIN}/v1/orders/${rng.int(1, 99999)}`, http2,
        requestHeaders: [...browserHeaders('application/json'), ['Content-Type', 'application/json'], ['Authorization', `Bearer ${rng.base64url(600)}`], ['Origin', APP_ORIGIN]],
        postData: { mimeType: 'application/json', text: requestText },
        status: rng.chance(0.95) ? 200 : rng.pick([400, 409, 422]),
        responseHeaders: jsonHeaders(rng, text.length),
        content: { mimeType: 'application/json', text },
        resourceType: 'fetch',
      };
    }
    case 'image':
    case 'font': {
      const isImage = kind === 'image';
      const byteCount = isImage ? size(800, 20_000) : size(15_000, 40_000);
      const mimeType = isImage ? rng.pick(['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml']) : 'font/woff2';
      const text = rng.base64(byteCount);
      return {
        start, duration, method: 'GET', url: `${CDN_ORIGIN}/${isImage ? 'img' : 'fonts'}/${rng.hex(12)}.${mimeType.split('/')[1]?.replace('+xml', '')}`, http2,
        requestHeaders: browserHeaders(isImage ? 'image/avif,image/webp,image/apng,image/*,*/*;q=0.8' : '*/*'),
        status: 200,
        responseHeaders: [['Content-Type', mimeType], ['Content-Length', String(byteCount)], ['Cache-Control', 'public, max-age=86400']],
        content: { mimeType, text, encoding: 'base64', size: byteCount },
        resourceType: kind, initiator: 'parser',
      };
    }
    case 'preflight':
      return preflightSpec(rng, start, `${API_ORIGIN}/v1/orders/${rng.int(1, 99999)}`, 'authorization,content-type');
    case 'dynamodb': {
      const operation = rng.pick(['Query', 'GetItem', 'PutItem', 'BatchGetItem']);
      const table = rng.pick(['Orders', 'Profiles', 'Sessions']);
      const responseText = operation === 'PutItem' ? '{}' : dynamoItems(rng, size(800, 5_000));
      return awsJsonCall(
        rng, start, 'dynamodb.eu-west-1.amazonaws.com', `DynamoDB_20120810.${operation}`,
        { TableName: table, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: `USER#${rng.uuid()}` } } },
        responseText, 'application/x-amz-json-1.0',
      );
    }
    case 'cognito-identity': {
      // Identity pools: AWSCognitoIdentityService, a different service from user pools.
      const getId = rng.chance(0.5);
      const identityId = `eu-west-1:${rng.uuid()}`;
      const responseText = getId
        ? JSON.stringify({ IdentityId: identityId })
        : JSON.stringify({
            Credentials: { AccessKeyId: `ASIA${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`, Expiration: 1773482400, SecretKey: rng.base64(30), SessionToken: rng.base64(rng.int(700, 900)) },
            IdentityId: identityId,
          });
      const spec = awsJsonCall(
        rng, start, 'cognito-identity.eu-west-1.amazonaws.com', `AWSCognitoIdentityService.${getId ? 'GetId' : 'GetCredentialsForIdentity'}`,
        getId ? { IdentityPoolId: `eu-west-1:${rng.uuid()}` } : { IdentityId: identityId, Logins: { 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_pool': rng.base64url(900) } },
        responseText, 'application/x-amz-json-1.1',
      );
      // Unsigned calls: no Authorization header.
      spec.requestHeaders = spec.requestHeaders.filter(([name]) => name !== 'Authorization' && name !== 'X-Amz-Security-Token');
      return spec;
    }
    case 'firehose': {
      const records = Array.from({ length: rng.int(1, 8) }, () => ({ Data: Buffer.from(words(rng, size(100, 600))).toString('base64') }));
      return awsJsonCall(
        rng, start, 'firehose.eu-west-1.amazonaws.com', 'Firehose_20150804.PutRecordBatch',
        { DeliveryStreamName: 'clickstream', Records: records },
        JSON.stringify({ FailedPutCount: 0, Encrypted: false, RequestResponses: records.map(() => ({ RecordId: rng.base64(60) })) }),
        'application/x-amz-json-1.1',
      );
    }
    case 'beacon':
      return {
        start, duration, method: 'POST', url: `https://analytics.example.net/collect?v=2&tid=G-${rng.hex(10)}`, http2,
        requestHeaders: [...browserHeaders('*/*'), ['Content-Type', 'text/plain;charset=UTF-8']],
        postData: { mimeType: 'text/plain;charset=UTF-8', text: `en=page_view&dl=${encodeURIComponent(APP_ORIGIN + '/dashboard')}&_et=${rng.int(1, 9999)}` },
        status: 204,
        responseHeaders: [['Content-Length', '0']],
        content: { mimeType: 'text/plain', size: 0 },
        resourceType: 'ping', initiator: 'other',
      };
    case 'not-modified':
      return {
        start, duration, method: 'GET', url: `${CDN_ORIGIN}/assets/vendor-${rng.hex(8)}.js`, http2,
        requestHeaders: [...browserHeaders('*/*'), ['If-None-Match', `"${rng.hex(16)}"`]],
        status: 304,
        statusText: 'Not Modified',
        responseHeaders: [['ETag', `"${rng.hex(16)}"`]],
        content: { mimeType: 'application/javascript', size: 0 },
        resourceType: 'script', initiator: 'parser',
      };
    case 'blocked':
      return {
        start, duration: rng.int(1, 5), method: 'GET', url: `https://ads.example.org/pixel.gif?id=${rng.hex(12)}`, http2: false,
        requestHeaders: browserHeaders('image/*'),
        status: 0,
        responseHeaders: [],
        content: { mimeType: 'x-unknown', size: 0 },
        resourceType: 'image', initiator: 'parser',
      };
    case 'redirect':
      return {
        start, duration, method: 'GET', url: `${APP_ORIGIN}/login?next=%2Fdashboard`, http2,
        requestHeaders: browserHeaders('text/html'),
        status: 302,
        statusText: 'Found',
        responseHeaders: [['Location', '/dashboard'], ['Content-Length', '0']],
        content: { mimeType: 'text/html', text: '', size: 0 },
        resourceType: 'document', initiator: 'other',
      };
  }
}
