import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { lambdaContext } from './lambda-context';
import { MemoryPersistenceLayer } from './memory-persistence';
import { CreatedOrder, createOrderHandler, getOrder } from '../../examples/serverless-api/orders';

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
    const { createOrder } = setUp();
    const r = await call(createOrder(post({ body: JSON.stringify({ item: 'book', quantity: 2 }) }), context));
    expect(r.statusCode).toBe(201);
    expect(JSON.parse(r.body!)).toEqual({ id: 'ord-client-req-0001', item: 'book', quantity: 2 });
  });

  test('POST /orders decodes a base64 body', async () => {
    const { createOrder } = setUp();
    const body = Buffer.from(JSON.stringify({ item: 'pen', quantity: 1 })).toString('base64');
    const r = await call(createOrder(post({ body, isBase64Encoded: true }), context));
    expect(r.statusCode).toBe(201);
  });

  test('POST /orders rejects bad bodies, and a request without an Idempotency-Key', async () => {
    const { createOrder } = setUp();
    expect((await call(createOrder(post({ body: 'nope' }, 'client-req-0002'), context))).statusCode).toBe(400);
    expect((await call(createOrder(post({ body: '{"item":"x","quantity":0}' }, 'client-req-0003'), context))).statusCode).toBe(422);
    expect((await call(createOrder(post({ body: '{"item":"x","quantity":1}' }, ''), context))).statusCode).toBe(400);
  });

  test('BP-I1/I3: a client that retries with the same Idempotency-Key gets the same order, created once', async () => {
    const { createOrder, saved } = setUp();
    const request = post({ body: JSON.stringify({ item: 'book', quantity: 2 }) }, 'client-req-0042');
    const first = await call(createOrder(request, context));
    const retry = await call(createOrder({ ...request, requestContext: { ...request.requestContext, requestId: 'Rq2' } }, context));
    expect(retry).toEqual(first);
    expect(saved).toEqual([{ id: 'ord-client-req-0042', item: 'book', quantity: 2 }]);
    // Another key is another order.
    await createOrder(post({ body: JSON.stringify({ item: 'book', quantity: 2 }) }, 'client-req-0043'), context);
    expect(saved.map(o => o.id)).toEqual(['ord-client-req-0042', 'ord-client-req-0043']);
  });
});

/** POST /orders with an Idempotency-Key header (API Gateway lower-cases header names). */
function post(init: Partial<APIGatewayProxyEventV2>, key = 'client-req-0001'): APIGatewayProxyEventV2 {
  const e = event('POST /orders', '/orders', init);
  return { ...e, headers: { ...e.headers, ...(key ? { 'idempotency-key': key } : {}) } };
}

/** The POST handler on an in-memory idempotency store, recording what it saves. */
function setUp() {
  const saved: CreatedOrder[] = [];
  const createOrder = createOrderHandler(new MemoryPersistenceLayer(), { save: async o => { saved.push(o); } });
  return { createOrder, saved };
}

const context = lambdaContext('orders-create', 512, 9_000);
