import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createOrder, getOrder } from '../../examples/serverless-api/orders';

/** An HTTP API payload format 2.0 event, as API Gateway delivers it (the body is a string). */
function event(routeKey: string, rawPath: string, init: Partial<APIGatewayProxyEventV2> = {}): APIGatewayProxyEventV2 {
  const [method] = routeKey.split(' ');
  return {
    version: '2.0',
    routeKey,
    rawPath,
    rawQueryString: '',
    headers: { 'content-type': 'application/json', 'host': 'abc123.execute-api.us-east-1.amazonaws.com' },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '203.0.113.7', userAgent: 'jest' },
      requestId: 'Rq1',
      routeKey,
      stage: '$default',
      time: '01/Jan/2027:00:00:00 +0000',
      timeEpoch: 1798761600000,
    },
    isBase64Encoded: false,
    ...init,
  };
}

const call = async (p: Promise<unknown>) => (await p) as APIGatewayProxyStructuredResultV2;

describe('examples/serverless-api handlers', () => {
  test('GET /orders/{id} answers with the order', async () => {
    const r = await call(getOrder(event('GET /orders/{id}', '/orders/A-1', { pathParameters: { id: 'A-1' } })));
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(r.body!)).toEqual({ id: 'A-1', status: 'SHIPPED' });
  });

  test('GET /orders/{id} rejects a malformed id', async () => {
    const r = await call(getOrder(event('GET /orders/{id}', '/orders/x', { pathParameters: { id: 'a b' } })));
    expect(r.statusCode).toBe(400);
  });

  test('POST /orders parses the string body', async () => {
    const r = await call(createOrder(event('POST /orders', '/orders', { body: JSON.stringify({ item: 'book', quantity: 2 }) })));
    expect(r.statusCode).toBe(201);
    expect(JSON.parse(r.body!)).toEqual({ id: 'ord-Rq1', item: 'book', quantity: 2 });
  });

  test('POST /orders decodes a base64 body', async () => {
    const body = Buffer.from(JSON.stringify({ item: 'pen', quantity: 1 })).toString('base64');
    const r = await call(createOrder(event('POST /orders', '/orders', { body, isBase64Encoded: true })));
    expect(r.statusCode).toBe(201);
  });

  test('POST /orders rejects bad bodies', async () => {
    expect((await call(createOrder(event('POST /orders', '/orders', { body: 'nope' })))).statusCode).toBe(400);
    expect((await call(createOrder(event('POST /orders', '/orders', { body: '{"item":"x","quantity":0}' })))).statusCode).toBe(422);
  });
});
