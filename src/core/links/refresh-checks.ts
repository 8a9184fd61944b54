/**
 * Checks on a refresh against the sign-in that issued its refresh token. Rows as data with their
 * source; the reference gives none of these as an outright rule of Cognito's, so none is an error.
 */
import type { Diagnostic, Flow, Severity } from '../model';
import type { RefreshContext } from './after-sign-in';
import { finding } from '../diagnostics/types';
import { obj, str } from '../json';
import { tokenClaims } from '../tokens';

type RefreshCode = 'refresh-client-mismatch' | 'refresh-device-key-missing' | 'refresh-secret-hash-alias' | 'refresh-token-rotated';

/**
 * Sources: client — managed-login-oauth2.md §3 check 11 ("Same client throughout"); device —
 * cognito-protocol.md (DEVICE_KEY when a remembered device is in use [S2; A6]); alias —
 * cognito-protocol.md "Formats" (amplify-android#3111); rotation — managed-login-oauth2.md §2.3.
 */
export const REFRESH_CHECKS: Readonly<Record<RefreshCode, { severity: Severity; hint: string }>> = {
  'refresh-client-mismatch': {
    severity: 'warning',
    hint: 'Refresh with the sign-in\'s ClientId.',
  },
  'refresh-device-key-missing': {
    severity: 'warning',
    hint: 'After NewDeviceMetadata refreshes send DEVICE_KEY (DeviceKey), as Amplify does.',
  },
  'refresh-secret-hash-alias': {
    severity: 'warning',
    hint: 'On refresh SECRET_HASH is over the internal name (the token\'s username).',
  },
  'refresh-token-rotated': {
    severity: 'warning',
    hint: 'With rotation keep the new refresh token; the old one may stop working.',
  },
};

function report(code: RefreshCode, message: string, severity: Severity = REFRESH_CHECKS[code].severity) {
  return finding(code, severity, message, REFRESH_CHECKS[code].hint);
}

/** The user's internal name from a flow's tokens (access `username`, ID `cognito:username`). */
function internalName(flow: Flow): string | null {
  for (const token of [flow.tokens.access, flow.tokens.id]) {
    if (token?.kind !== 'jwt') continue;
    const claims = tokenClaims(token);
    const name = claims.username ?? claims['cognito:username'];
    if (typeof name === 'string') return name;
  }
  return null;
}

export function checkRefreshes(contexts: readonly RefreshContext[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const ctx of contexts) {
    const call = ctx.flow.steps[0]!.call;
    const stamp = (f: ReturnType<typeof report>) => out.push({ entry: call.entry, flow: ctx.flow.id, ...f });
    const failed = call.error !== null;
    const params = obj(ctx.request, 'AuthParameters');
    const clientId = str(ctx.request, 'ClientId');
    const origin = ctx.origin;
    if (origin) {
      if (clientId !== undefined && origin.clientId !== null && clientId !== origin.clientId) {
        stamp(report('refresh-client-mismatch', `This refresh sends ClientId ${clientId}, but ${origin.id} got the refresh token with ClientId ${origin.clientId}.`));
      }
      const deviceKey = call.operation === 'GetTokensFromRefreshToken' ? str(ctx.request, 'DeviceKey') : str(params, 'DEVICE_KEY');
      if (origin.deviceInPlay && deviceKey === undefined) {
        stamp(report('refresh-device-key-missing', `${origin.id} remembered a device, but this refresh sends no ${call.operation === 'GetTokensFromRefreshToken' ? 'DeviceKey' : 'DEVICE_KEY'}.`, failed ? 'warning' : 'info'));
      }
      const user = str(params, 'USERNAME');
      const internal = internalName(origin) ?? internalName(ctx.flow);
      if (str(params, 'SECRET_HASH') !== undefined && user !== undefined && internal !== null && user !== internal) {
        stamp(report('refresh-secret-hash-alias', `SECRET_HASH goes with USERNAME "${user}", but the user's internal name is "${internal}".`, failed ? 'warning' : 'info'));
      }
    }
    if (ctx.rotatedBy !== null) {
      stamp(report('refresh-token-rotated', `This refresh token had already been replaced: the refresh #${ctx.rotatedBy} sent it and got a new one back.`));
    }
  }
  return out;
}
