/**
 * viewer-request (Lambda@Edge): lets a request through only with a valid RS256 JWT (`Authorization: Bearer ...`):
 * signature, issuer, audience and expiry checked; otherwise CloudFront answers 401 without reaching the origin.
 * Lambda@Edge rather than a CloudFront Function: an RS256 signature needs public-key verification, which the
 * CloudFront Functions runtime's crypto module (hashes and HMAC only) does not offer (BP-L6).
 */
import { createPublicKey, createVerify, KeyObject } from 'crypto';
import { AUTH_CONFIG } from './auth-config';

/** What the check needs: who issues the tokens, for whom, and their public key (PEM). */
export interface AuthConfig {
  readonly issuer: string;
  readonly audience: string;
  readonly publicKey: string;
}

/** The request of a CloudFront viewer-request event (the fields this function reads). */
export interface CloudFrontRequest {
  readonly uri: string;
  readonly method: string;
  readonly headers: { [name: string]: Array<{ key?: string; value: string }> };
}

/** A response CloudFront sends to the viewer instead of forwarding the request. */
export interface CloudFrontResponse {
  readonly status: string;
  readonly statusDescription: string;
  readonly headers: { [name: string]: Array<{ key: string; value: string }> };
}

/** A viewer-request event as CloudFront sends it. */
export interface CloudFrontRequestEvent {
  readonly Records: Array<{ readonly cf: { readonly config: { readonly eventType: string }; readonly request: CloudFrontRequest } }>;
}

// Parsed once per execution environment (init), not per request.
const keys = new Map<string, KeyObject>();

function base64url(part: string): Buffer {
  return Buffer.from(part.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

/** Why the request is refused, or undefined when its token is valid at `nowSeconds`. */
export function refusal(request: CloudFrontRequest, config: AuthConfig, nowSeconds: number): string | undefined {
  const header = request.headers.authorization?.[0]?.value ?? '';
  const match = /^Bearer ([\w-]+)\.([\w-]+)\.([\w-]+)$/.exec(header);
  if (!match) return 'no bearer token';
  const [, head, body, signature] = match;
  let claims: { iss?: string; aud?: string | string[]; exp?: number; nbf?: number };
  try {
    const alg = (JSON.parse(base64url(head).toString('utf8')) as { alg?: string }).alg;
    if (alg !== 'RS256') return `algorithm ${String(alg)} is not RS256`;
    claims = JSON.parse(base64url(body).toString('utf8'));
  } catch {
    return 'the token is not JSON';
  }
  if (!keys.has(config.publicKey)) keys.set(config.publicKey, createPublicKey(config.publicKey));
  const valid = createVerify('RSA-SHA256').update(`${head}.${body}`).verify(keys.get(config.publicKey)!, base64url(signature));
  if (!valid) return 'bad signature';
  if (claims.iss !== config.issuer) return 'wrong issuer';
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!audiences.includes(config.audience)) return 'wrong audience';
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) return 'expired';
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds) return 'not yet valid';
  return undefined;
}

const UNAUTHORIZED: CloudFrontResponse = {
  status: '401',
  statusDescription: 'Unauthorized',
  headers: {
    'www-authenticate': [{ key: 'WWW-Authenticate', value: 'Bearer' }],
    'cache-control': [{ key: 'Cache-Control', value: 'no-store' }],
  },
};

export const handler = async (event: CloudFrontRequestEvent): Promise<CloudFrontRequest | CloudFrontResponse> => {
  const request = event.Records[0].cf.request;
  const why = refusal(request, AUTH_CONFIG, Math.floor(Date.now() / 1000));
  if (why === undefined) return request;
  console.log(JSON.stringify({ message: 'refused', reason: why, uri: request.uri }));
  return UNAUTHORIZED;
};
