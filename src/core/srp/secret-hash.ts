/**
 * SECRET_HASH = Base64(HMAC_SHA256(key = client secret, msg = user name + ClientId))
 * (cognito-protocol.md, "Formats"). The user name is USER_ID_FOR_SRP after an alias sign-in,
 * not the alias (alexrudd/cognito-srp#1): the caller passes the one Cognito hashes.
 */
import { bytesToBase64, hmac, utf8 } from './web-crypto';

export async function computeSecretHash(clientSecret: string, username: string, clientId: string): Promise<string> {
  return bytesToBase64(await hmac('SHA-256', utf8(clientSecret), utf8(username + clientId)));
}
