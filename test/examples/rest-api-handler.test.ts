import type { APIGatewayProxyEvent, APIGatewayTokenAuthorizerEvent } from 'aws-lambda';
import { callerOf, handler as authorize } from '../../examples/rest-api/authorizer';
import { handler as createOrder } from '../../examples/rest-api/create-order';
import { handler as dailyReport, reportDay } from '../../examples/rest-api/daily-report';
import { handler as getOrder } from '../../examples/rest-api/get-order';
import { handler as partnerOrders } from '../../examples/rest-api/partner-orders';

/** A REST API proxy event as API Gateway sends it (payload 1.0), with `over` merged in. */
function restEvent(over: Partial<APIGatewayProxyEvent> & { authorizer?: object; apiKeyId?: string; userArn?: string } = {}): APIGatewayProxyEvent {
  const { authorizer, apiKeyId, userArn, ...rest } = over;
  return {
    resource: '/orders/{id}',
    path: '/orders/o-1',
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      protocol: 'HTTP/1.1',
      httpMethod: 'GET',
      path: '/prod/orders/o-1',
      stage: 'prod',
      requestId: 'c6af9ac6-7b61-11e6-9a41-93e8deadbeef',
      requestTimeEpoch: 1798804800000,
      resourceId: 'r1',
      resourcePath: '/orders/{id}',
      authorizer: authorizer as never,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: apiKeyId ?? null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '203.0.113.7',
        user: null,
        userAgent: 'curl/8',
        userArn: userArn ?? null,
      },
    },
    ...rest,
  };
}

describe('examples/rest-api handlers', () => {
  test('the TOKEN authorizer allows the whole stage for a well-formed token (its answer is cached per token) and refuses others', async () => {
    expect(callerOf('Bearer acme-shop.deadbeef00')).toBe('acme-shop');
    expect(callerOf('Basic xyz')).toBeUndefined();
    const event: APIGatewayTokenAuthorizerEvent = {
      type: 'TOKEN', authorizationToken: 'Bearer acme-shop.deadbeef00', methodArn: 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/POST/orders',
    };
    await expect(authorize(event)).resolves.toEqual({
      principalId: 'acme-shop',
      policyDocument: { Version: '2012-10-17', Statement: [{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: 'arn:aws:execute-api:us-east-1:123456789012:abc123/prod/*' }] },
      context: { caller: 'acme-shop' },
    });
    await expect(authorize({ ...event, authorizationToken: 'Bearer nope' })).rejects.toThrow('Unauthorized');
  });

  test('GET /orders/{id} reads the Cognito claims', async () => {
    const r = await getOrder(restEvent({ pathParameters: { id: 'o-1' }, authorizer: { claims: { sub: 'user-1', scope: 'orders/read' } } }));
    expect(r.statusCode).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ id: 'o-1', owner: 'user-1', status: 'PAID' });
    expect((await getOrder(restEvent({ pathParameters: { id: 'o-1' } }))).statusCode).toBe(400);
  });

  test('POST /orders uses the authorizer\'s context and checks the body', async () => {
    const ok = await createOrder(restEvent({ httpMethod: 'POST', body: JSON.stringify({ sku: 'tea', quantity: 2 }), authorizer: { caller: 'acme-shop', principalId: 'acme-shop' } }));
    expect(ok.statusCode).toBe(201);
    expect(JSON.parse(ok.body)).toMatchObject({ caller: 'acme-shop', sku: 'tea', quantity: 2 });
    expect((await createOrder(restEvent({ httpMethod: 'POST', body: '{not json' }))).statusCode).toBe(400);
    expect((await createOrder(restEvent({ httpMethod: 'POST', body: JSON.stringify({ sku: 'tea', quantity: 0 }) }))).statusCode).toBe(422);
  });

  test('GET /partners/orders names the partner by its API key ID', async () => {
    const r = await partnerOrders(restEvent({ apiKeyId: 'key-123', queryStringParameters: { since: '2027-01-01' } }));
    expect(JSON.parse(r.body)).toEqual({ partner: 'key-123', since: '2027-01-01', orders: [] });
  });

  test('GET /reports/daily: yesterday by default, a given day, a bad day refused; the IAM caller is known', async () => {
    expect(reportDay(null, new Date('2027-03-01T08:00:00Z'))).toBe('2027-02-28');
    expect(reportDay({ day: '2027-02-30' })).toBeUndefined();
    const r = await dailyReport(restEvent({ queryStringParameters: { day: '2027-01-05' }, userArn: 'arn:aws:iam::123456789012:role/reporting' }));
    expect(JSON.parse(r.body)).toMatchObject({ day: '2027-01-05', caller: 'arn:aws:iam::123456789012:role/reporting' });
    expect((await dailyReport(restEvent({ queryStringParameters: { day: 'monday' } }))).statusCode).toBe(400);
  });
});
