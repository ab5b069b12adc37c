import { Duration } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ApiAuthorization, ServerlessApi, ServerlessApiProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

const route = (key: string) => ({ routes: { [key]: { code: inlineCode() } } });

/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: [string, ServerlessApiProps, string, string, string, string][] = [
  ['no path', route('GET'), 'A8', 'routes', "'GET' (not METHOD and path separated by one space)", "'METHOD /path'"],
  ['unknown method', route('FETCH /orders'), 'A8', 'routes', "'FETCH /orders' (unknown method FETCH)", 'GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY'],
  ['lower-case method', route('get /orders'), 'A8', 'routes', "'get /orders' (unknown method get)", 'GET, POST'],
  ['path without slash', route('GET orders'), 'A8', 'routes', "'GET orders' (invalid path orders)", "'METHOD /path'"],
  ['greedy segment not last', route('GET /{proxy+}/x'), 'A8', 'routes', "'GET /{proxy+}/x' (invalid path /{proxy+}/x)", '{proxy+}'],
  ['trailing slash', route('GET /orders/'), 'A8', 'routes', "'GET /orders/' (invalid path /orders/)", "'METHOD /path'"],
  ['timeout over 29 s', { routes: { 'POST /report': { code: inlineCode(), timeout: Duration.seconds(30) } } }, 'A3', "routes['POST /report'].timeout", '30 s', 'at most 29 s'],
  ['default timeout over 29 s', { functionDefaults: { timeout: Duration.minutes(1) }, ...route('GET /x') }, 'A3', "routes['GET /x'].timeout", '60 s', 'at most 29 s'],
  ['throttle rate of 0', { throttle: { rateLimit: 0 } }, 'A4', 'throttle.rateLimit', '0 requests/s', 'from 1 to'],
  ['negative burst', { throttle: { burstLimit: -5 } }, 'A4', 'throttle.burstLimit', '-5 requests', 'from 1 to'],
  ['JWT without issuer', { authorization: ApiAuthorization.jwt({ issuer: '', audiences: ['a'] }), ...route('GET /x') }, 'A6', "authorization of 'GET /x' (jwt issuer)", "''", 'an https:// issuer URL'],
  ['JWT with an http issuer', { authorization: ApiAuthorization.jwt({ issuer: 'http://idp.example.com', audiences: ['a'] }), ...route('GET /x') }, 'A6', "authorization of 'GET /x' (jwt issuer)", "'http://idp.example.com'", 'an https:// issuer URL'],
  ['JWT without audience', { authorization: ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: [] }), ...route('GET /x') }, 'A6', "authorization of 'GET /x' (jwt audiences)", '[]', 'at least one non-empty audience'],
  ['open route without a reason', { authorization: ApiAuthorization.none(''), ...route('GET /x') }, 'A6', "authorization of 'GET /x'", "ApiAuthorization.none('')", 'only with a reason'],
  ['CORS credentials with *', { cors: { allowOrigins: ['*'], allowCredentials: true } }, 'A7', 'cors.allowCredentials', "true with allowOrigins ['*']", 'credentials only with explicit origins'],
  ['CORS without origins', { cors: { allowOrigins: [] } }, 'A7', 'cors.allowOrigins', '[]', 'at least one origin'],
  ['infinite access log retention', { accessLogRetention: logs.RetentionDays.INFINITE }, 'A5', 'accessLogRetention', 'INFINITE', 'a finite retention'],
  ['CORS maxAge over a day', { cors: { allowOrigins: ['https://a.example.com'], maxAge: Duration.days(2) } }, 'A7', 'cors.maxAge', '172,800 s', 'a whole number from 0 to 86,400 s'],
  ['CORS maxAge fractional', { cors: { allowOrigins: ['https://a.example.com'], maxAge: Duration.millis(1500) } }, 'A7', 'cors.maxAge', '1.5 s', 'a whole number'],
  ['API name over 128 characters', { apiName: 'n'.repeat(129), ...route('GET /x') }, 'X4', 'apiName', '129 characters', '1 to 128 characters'],
  ['JWT identity source not a $request selection', {
    authorization: ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: ['a'], identitySource: ['Authorization'] }), ...route('GET /x'),
  }, 'A6', "authorization of 'GET /x' (jwt identitySource)", '["Authorization"]', 'exactly one selection of a header or query-string parameter'],
  ['JWT with two identity sources', {
    authorization: ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: ['a'], identitySource: ['$request.header.A', '$request.header.B'] }), ...route('GET /x'),
  }, 'A6', "authorization of 'GET /x' (jwt identitySource)", '["$request.header.A","$request.header.B"]', 'exactly one selection'],
  ['function alarm period of 90 s', { routes: { 'GET /x': { code: inlineCode(), alarms: { period: Duration.seconds(90) } } } }, 'F15', 'alarms.period', '90 s', 'a multiple of 60 s'],
  ['function limits reach the core', { routes: { 'GET /x': { code: inlineCode(), memorySize: 64 } } }, 'F3', 'memorySize', '64 MB', 'from 128 to 10,240 MB'],
];

describe('ServerlessApi bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const message = errorOf(() => new ServerlessApi(testStack(), 'Api', props));
    expectViolation(message, rule, 'TestStack/Api', prop, value, allowed);
  });

  test('BP-A6: a query-string identity source is accepted', () => {
    expect(() => new ServerlessApi(testStack(), 'Api', {
      authorization: ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: ['a'], identitySource: ['$request.querystring.token'] }), ...route('GET /x'),
    })).not.toThrow();
  });

  test('BP-A8: duplicate routes, through props and addRoute', () => {
    const a = new ServerlessApi(testStack(), 'Api', route('GET /orders'));
    expect(errorOf(() => a.addRoute('GET /orders', { code: inlineCode() }))).toMatch(/\[A8\] TestStack\/Api: routes is 'GET \/orders' twice; allowed: each route key once/);
    expect(errorOf(() => a.functionFor('GET /nope'))).toMatch(/functionFor\(routeKey\) is 'GET \/nope'; allowed: one of 'GET \/orders'/);
  });
});
