/** Minimal hand-made HAR entries for unit tests of single functions (scenarios use test/fixtures). */
import type { HarEntry, HarHeader } from '../../src/core/har';

export function cognitoEntry(operation: string, request: unknown, response: unknown, opts: { status?: number; headers?: HarHeader[]; at?: string; target?: string } = {}): HarEntry {
  return {
    startedDateTime: opts.at ?? '2026-11-23T10:00:00.000Z',
    time: 80,
    request: {
      method: 'POST',
      url: 'https://cognito-idp.eu-west-1.amazonaws.com/',
      headers: [{ name: 'X-Amz-Target', value: opts.target ?? `AWSCognitoIdentityProviderService.${operation}` }],
      postData: { mimeType: 'application/x-amz-json-1.1', text: typeof request === 'string' ? request : JSON.stringify(request) },
    },
    response: {
      status: opts.status ?? 200,
      headers: opts.headers ?? [],
      content: { mimeType: 'application/x-amz-json-1.1', text: typeof response === 'string' ? response : JSON.stringify(response) },
    },
  };
}

export function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function jwt(claims: Record<string, unknown>): string {
  return `${b64url({ kid: 'test-key', alg: 'RS256' })}.${b64url(claims)}.c2lnbmF0dXJl`;
}
