/**
 * The API behind the public front (a function URL with AWS_IAM, called only by CloudFront through Origin Access
 * Control, BP-L7): answers GET /api/time. Clients that POST or PUT must send the body's SHA-256 in
 * `x-amz-content-sha256`.
 */
export interface FunctionUrlEvent {
  readonly rawPath: string;
  readonly requestContext: { readonly http: { readonly method: string } };
}

export interface FunctionUrlResult {
  readonly statusCode: number;
  readonly headers: { [name: string]: string };
  readonly body: string;
}

export const handler = async (event: FunctionUrlEvent): Promise<FunctionUrlResult> => {
  const method = event.requestContext.http.method;
  if (method === 'GET' && event.rawPath === '/api/time') {
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ now: new Date().toISOString() }) };
  }
  return { statusCode: 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: `no route ${method} ${event.rawPath}` }) };
};
