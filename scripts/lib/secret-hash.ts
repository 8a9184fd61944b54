/**
 * SECRET_HASH = Base64(HMAC_SHA256(key = client secret, msg = username + clientId))
 * (cognito-protocol.md, "AuthFlow → AuthParameters"), computed for real: the recordings, the
 * scenario builders and the bench's synthetic traffic all send it.
 */
import { createHmac } from 'node:crypto';

export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', clientSecret).update(username + clientId).digest('base64');
}
