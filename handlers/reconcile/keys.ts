/**
 * S3 object keys in S3 and EventBridge event notifications are URL-encoded the way HTML forms
 * encode: a space becomes `+`, other special characters `%XX` ("my file.jpg" arrives as
 * "my+file.jpg"). Decode before calling S3 (BP-P5).
 */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** The inverse of `decodeS3Key`, as S3 encodes keys in events (`/` stays readable). */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%20/g, '+').replace(/%2F/g, '/');
}
