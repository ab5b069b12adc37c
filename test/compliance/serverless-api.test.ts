import { ApiAuthorization, ServerlessApi } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('ServerlessApi under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props with one route — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    const verdict = judge('ServerlessApi-defaults', s => new ServerlessApi(s, 'Api', { routes: { 'GET /orders/{id}': { code: inlineCode() } } }));
    expect(verdict).toMatchObject(CLEAN);
  });

  test('BP-X2/X3: JWT routes, CORS and an open health route with a reason — clean', () => {
    const verdict = judge('ServerlessApi-jwt', s => {
      const api = new ServerlessApi(s, 'Api', {
        authorization: ApiAuthorization.jwt({ issuer: 'https://auth.example.com', audiences: ['orders-app'], scopes: ['orders/read'] }),
        cors: { allowOrigins: ['https://app.example.com'], allowCredentials: true },
        routes: { 'GET /orders': { code: inlineCode() }, 'POST /orders': { code: inlineCode() } },
      });
      api.addRoute('GET /health', { code: inlineCode(), authorization: ApiAuthorization.none('health check polled by the load balancer') });
    });
    expect(verdict).toMatchObject(CLEAN);
  });
});
