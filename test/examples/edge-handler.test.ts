import { createSign, generateKeyPairSync } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';
import { handler as api } from '../../examples/edge/api';
import { AuthConfig, CloudFrontRequest, CloudFrontRequestEvent, handler as auth, refusal } from '../../examples/edge/auth';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const CONFIG: AuthConfig = { issuer: 'https://auth.example.com/', audience: 'site', publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
const NOW = 1_800_000_000;

const b64url = (v: object | Buffer) => (Buffer.isBuffer(v) ? v : Buffer.from(JSON.stringify(v))).toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
function token(claims: object, header: object = { alg: 'RS256', typ: 'JWT' }, key = privateKey): string {
  const signing = `${b64url(header)}.${b64url(claims)}`;
  return `${signing}.${b64url(createSign('RSA-SHA256').update(signing).sign(key))}`;
}
const valid = { iss: CONFIG.issuer, aud: 'site', exp: NOW + 60 };

/** A viewer-request event in the shape CloudFront sends (Lambda@Edge event structure, "Request event"). */
function viewerRequest(authorization?: string): CloudFrontRequestEvent {
  const headers: CloudFrontRequest['headers'] = { host: [{ key: 'Host', value: 'd111111abcdef8.cloudfront.net' }] };
  if (authorization !== undefined) headers.authorization = [{ key: 'Authorization', value: authorization }];
  return {
    Records: [{
      cf: {
        config: { distributionDomainName: 'd111111abcdef8.cloudfront.net', distributionId: 'EDFDVBD6EXAMPLE', eventType: 'viewer-request', requestId: '4TyzHTaYWb1GX1qTfsHhEqV6HUDd_BzoBZnwfnvQc_1oF26ClkoUSEQ==' } as any,
        request: { clientIp: '203.0.113.178', method: 'GET', querystring: '', uri: '/index.html', headers } as any,
      },
    }],
  };
}

describe('examples/edge: the viewer-request JWT check (Lambda@Edge, BP-L6)', () => {
  test('a valid RS256 token passes', () => {
    expect(refusal(viewerRequest(`Bearer ${token(valid)}`).Records[0].cf.request, CONFIG, NOW)).toBeUndefined();
  });

  test.each([
    ['no header', undefined, 'no bearer token'],
    ['not a bearer token', 'Basic dXNlcjpwYXNz', 'no bearer token'],
    ['HS256 (algorithm confusion)', `Bearer ${token(valid, { alg: 'HS256' })}`, 'algorithm HS256 is not RS256'],
    ['signed by another key', `Bearer ${token(valid, undefined, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey)}`, 'bad signature'],
    ['another issuer', `Bearer ${token({ ...valid, iss: 'https://evil.example.com/' })}`, 'wrong issuer'],
    ['another audience', `Bearer ${token({ ...valid, aud: ['api'] })}`, 'wrong audience'],
    ['expired', `Bearer ${token({ ...valid, exp: NOW })}`, 'expired'],
    ['not yet valid', `Bearer ${token({ ...valid, nbf: NOW + 10 })}`, 'not yet valid'],
  ])('refused: %s', (_what, header, reason) => {
    expect(refusal(viewerRequest(header).Records[0].cf.request, CONFIG, NOW)).toBe(reason);
  });

  test('the handler answers 401 (not cached) with the bundled placeholder key, and never reaches the origin', async () => {
    const result = await auth(viewerRequest(`Bearer ${token(valid)}`)) as any;
    expect(result.status).toBe('401');
    expect(result.headers['cache-control'][0].value).toBe('no-store');
  });
});

describe('examples/edge: the viewer-response header rewrite (CloudFront Function, runtime 2.0, BP-L6)', () => {
  const source = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'edge', 'headers.js'), 'utf8');
  // CloudFront Functions run the file and call `handler(event)`; the event shape is CloudFront's (viewer response).
  const run = (uri: string) => {
    const context = vm.createContext({});
    vm.runInContext(`${source}\nresult = handler(event);`, Object.assign(context, {
      event: {
        version: '1.0',
        context: { eventType: 'viewer-response', distributionId: 'EDFDVBD6EXAMPLE' },
        request: { method: 'GET', uri, headers: {} },
        response: { statusCode: 200, statusDescription: 'OK', headers: { 'server': { value: 'AmazonS3' }, 'x-amz-server-side-encryption': { value: 'AES256' }, 'content-type': { value: 'text/html' } } },
      },
    }));
    return (context as any).result;
  };

  test('drops the origin\'s server headers and keeps the others', () => {
    const r = run('/index.html');
    expect(r.headers.server).toBeUndefined();
    expect(r.headers['x-amz-server-side-encryption']).toBeUndefined();
    expect(r.headers['content-type']).toEqual({ value: 'text/html' });
  });

  test('HTML is revalidated, assets are cached for a year', () => {
    expect(run('/').headers['cache-control']).toEqual({ value: 'no-cache' });
    expect(run('/docs/index.html').headers['cache-control']).toEqual({ value: 'no-cache' });
    expect(run('/assets/app.3f2a.js').headers['cache-control']).toEqual({ value: 'public, max-age=31536000, immutable' });
  });

  test('the code fits CloudFront Functions: under 10 KB, a handler(event) function, no require', () => {
    expect(Buffer.byteLength(source)).toBeLessThan(10 * 1024);
    expect(source).toMatch(/^function handler\(event\)/m);
    expect(source).not.toMatch(/require\(/);
  });
});

describe('examples/edge: the API behind the public front (BP-L7)', () => {
  const call = (method: string, rawPath: string) => api({ rawPath, requestContext: { http: { method } } });

  test('GET /api/time answers JSON', async () => {
    const r = await call('GET', '/api/time');
    expect(r.statusCode).toBe(200);
    expect(Date.parse(JSON.parse(r.body).now)).not.toBeNaN();
  });

  test('other routes are 404', async () => {
    expect((await call('POST', '/api/time')).statusCode).toBe(404);
  });
});
