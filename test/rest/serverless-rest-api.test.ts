import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ApiAuthorization, LambdaAuthorizerType, ServerlessApi, ServerlessFunction, ServerlessRestApi, ServerlessRestApiProps, VpcFunction } from '../../src';
import { errorOf, expectViolation, inlineCode, logicalIdsOf, TEST_ENV, testStack } from '../helpers';

function api(props: ServerlessRestApiProps = {}, routes: { [k: string]: object } = { 'GET /orders/{id}': {} }) {
  const stack = testStack();
  const a = new ServerlessRestApi(stack, 'Api', props);
  for (const [k, v] of Object.entries(routes)) a.addRoute(k, { code: inlineCode(), ...v });
  return { stack, a, t: Template.fromStack(stack) };
}

describe('ServerlessRestApi', () => {
  test('BP-R1: one function per route, the integration on its alias (AWS_PROXY), functionFor and functions', () => {
    const { a, t } = api({}, { 'GET /orders/{id}': {}, 'POST /orders': {} });
    t.resourceCountIs('AWS::Lambda::Function', 2);
    const aliases = logicalIdsOf(t, 'AWS::Lambda::Alias');
    t.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      Integration: { Type: 'AWS_PROXY', Uri: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp(aliases.join('|')) }])] }) },
    });
    expect(a.functionFor('GET /orders/{id}')).toBe(a.functions['GET /orders/{id}']);
    expectViolation(errorOf(() => a.functionFor('GET /nope')), 'R1', 'TestStack/Api', 'functionFor(routeKey)', "'GET /nope'", "one of 'GET /orders/{id}', 'POST /orders'");
  });

  test('BP-R2: stage-wide throttling as the */ /* method setting; a route override for its method only', () => {
    const { t } = api({ throttle: { rateLimit: 50, burstLimit: 80 } }, { 'GET /orders/{id}': { throttle: { rateLimit: 5, burstLimit: 10 } }, 'GET /': {} });
    t.hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 50, ThrottlingBurstLimit: 80, LoggingLevel: 'ERROR', DataTraceEnabled: false }),
        Match.objectLike({ HttpMethod: 'GET', ResourcePath: '/~1orders~1{id}', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10, LoggingLevel: 'ERROR' }),
      ],
    });
  });

  test('BP-R3/R4: JSON access logs with $context.requestId into a log group with retention; execution logs at ERROR, no data trace; X-Ray on; REGIONAL; no per-API CloudWatch role', () => {
    const { t } = api();
    const stage = Object.values(t.findResources('AWS::ApiGateway::Stage'))[0].Properties;
    expect(JSON.parse(stage.AccessLogSetting.Format)).toMatchObject({ requestId: '$context.requestId', status: '$context.status' });
    expect(stage.TracingEnabled).toBe(true);
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] } });
    t.resourceCountIs('AWS::ApiGateway::Account', 0);
    api({ cloudWatchRole: true }).t.resourceCountIs('AWS::ApiGateway::Account', 1);
  });

  test('BP-R5: IAM by default; Cognito with scopes; a Lambda TOKEN authorizer on its own alias with a cache TTL; none(reason)', () => {
    const stack = testStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const a = new ServerlessRestApi(stack, 'Api');
    a.addRoute('GET /a', { code: inlineCode() });
    a.addRoute('GET /b', { code: inlineCode(), authorization: ApiAuthorization.cognito({ userPools: [pool], scopes: ['orders/read'] }) });
    const lambdaAuth = ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, resultsCacheTtl: Duration.minutes(10) });
    a.addRoute('GET /c', { code: inlineCode(), authorization: lambdaAuth });
    a.addRoute('GET /d', { code: inlineCode(), authorization: lambdaAuth });
    a.addRoute('GET /e', { code: inlineCode(), authorization: ApiAuthorization.none('public price list for the web shop') });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'AWS_IAM' });
    t.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'COGNITO_USER_POOLS', AuthorizationScopes: ['orders/read'] });
    t.hasResourceProperties('AWS::ApiGateway::Method', { AuthorizationType: 'NONE' });
    // One authorizer (and one function) for both routes that share the Lambda authorization.
    t.resourceCountIs('AWS::ApiGateway::Authorizer', 2);
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization', AuthorizerResultTtlInSeconds: 600 });
    t.resourceCountIs('AWS::Lambda::Function', 6);
    const authorizerAlias = logicalIdsOf(t, 'AWS::Lambda::Alias').find(id => id.includes('LambdaAuthorizer'))!;
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerUri: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([{ Ref: authorizerAlias }])] }) });
  });

  test('BP-R5: a REQUEST authorizer with several identity sources; the default cache TTL is written (300 s)', () => {
    api({
      authorization: ApiAuthorization.lambdaAuthorizer({
        functionProps: { code: inlineCode() },
        authorizerType: LambdaAuthorizerType.REQUEST,
        identitySources: ['method.request.header.Authorization', 'context.httpMethod'],
      }),
    }).t.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST', IdentitySource: 'method.request.header.Authorization,context.httpMethod', AuthorizerResultTtlInSeconds: 300,
    });
  });

  test('BP-R7: request validation on every method; a body model and required parameters; API keys with a usage plan', () => {
    const stack = testStack();
    const a = new ServerlessRestApi(stack, 'Api', { usagePlan: { throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 1000, period: apigw.Period.DAY } } });
    const model = a.restApi.addModel('Order', { contentType: 'application/json', schema: { type: apigw.JsonSchemaType.OBJECT, required: ['sku'] } });
    a.addRoute('POST /orders', { code: inlineCode(), requestModel: model, requiredParameters: ['method.request.header.X-Tenant'], apiKeyRequired: true });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    t.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      ApiKeyRequired: true,
      RequestParameters: { 'method.request.header.X-Tenant': true },
      RequestModels: { 'application/json': { Ref: logicalIdsOf(t, 'AWS::ApiGateway::Model')[0] } },
      RequestValidatorId: { Ref: logicalIdsOf(t, 'AWS::ApiGateway::RequestValidator')[0] },
    });
    t.hasResourceProperties('AWS::ApiGateway::UsagePlan', { Throttle: { RateLimit: 10, BurstLimit: 20 }, Quota: { Limit: 1000, Period: 'DAY' } });
    t.resourceCountIs('AWS::ApiGateway::ApiKey', 1);
    t.resourceCountIs('AWS::ApiGateway::UsagePlanKey', 1);
  });

  test('BP-R7: a regional web ACL is associated with the stage; CORS with explicit origins', () => {
    const arn = 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/1234';
    const { t } = api({ webAclArn: arn, cors: { allowOrigins: ['https://app.example.com'] } });
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: arn });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'OPTIONS', Integration: Match.objectLike({ Type: 'MOCK' }) });
  });

  test('BP-R8: 5xx rate and p99 latency alarms with the actions given', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts');
    const a = new ServerlessRestApi(stack, 'Api', { alarms: { topic } });
    a.addRoute('GET /x', { code: inlineCode() });
    const t = Template.fromStack(stack);
    expect(a.alarms).toHaveLength(2);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p99', AlarmActions: [{ Ref: logicalIdsOf(t, 'AWS::SNS::Topic')[0] }] });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' })]) });
  });

  test('BP-R9: a route on a VpcFunction\'s function of a network stack; permission and integration live with the API', () => {
    const app = new App();
    const network = new Stack(app, 'Network', { env: TEST_ENV });
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    const db = new VpcFunction(network, 'Db', { functionProps: { code: inlineCode() } });
    const a = new ServerlessRestApi(service, 'Api');
    expect(a.addRoute('GET /orders', { function: db.function })).toBe(db.function);
    const http = new ServerlessApi(service, 'Http');
    expect(http.addRoute('GET /orders', { function: db.function })).toBe(db.function);
    const net = Template.fromStack(network);
    net.resourceCountIs('AWS::Lambda::Permission', 0);
    expect(JSON.stringify(net.toJSON())).not.toContain('Fn::ImportValue');
    Template.fromStack(service).resourceCountIs('AWS::Lambda::Function', 0);
  });

  test('BP-R9: an existing function with function props, or too long a timeout for the integration, is refused', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), timeout: Duration.seconds(29) });
    const a = new ServerlessRestApi(stack, 'Api');
    expectViolation(errorOf(() => a.addRoute('GET /x', { function: fn, memorySize: 512 })), 'R9', 'TestStack/Api', "routes['GET /x'].memorySize", 'set together with function (memorySize)', 'an existing function is used as it is');
    expectViolation(errorOf(() => a.addRoute('GET /y', { function: fn })), 'R6', 'TestStack/Api', "routes['GET /y'].function (its timeout)", '29 s', 'at most 28 s');
  });

  test('a Cognito pool of another stack: the API stack depends on it, never the reverse', () => {
    const app = new App();
    const auth = new Stack(app, 'Auth', { env: TEST_ENV });
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    const pool = new cognito.UserPool(auth, 'Pool');
    new ServerlessRestApi(service, 'Api', { authorization: ApiAuthorization.cognito({ userPools: [pool] }) }).addRoute('GET /me', { code: inlineCode() });
    expect(JSON.stringify(Template.fromStack(auth).toJSON())).not.toContain('Fn::ImportValue');
    expect(auth.dependencies).not.toContain(service);
  });

  test('BP-X4: CfnParameter values for throttles, the cache TTL and the integration timeout are written through unchecked', () => {
    const stack = testStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number', default: 50 }).valueAsNumber;
    const ttl = new CfnParameter(stack, 'Ttl', { type: 'Number', default: 60 }).valueAsNumber;
    const a = new ServerlessRestApi(stack, 'Api', {
      throttle: { rateLimit: rate },
      authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, resultsCacheTtl: Duration.seconds(ttl) }),
    });
    a.addRoute('GET /x', { code: inlineCode(), throttle: { rateLimit: rate, burstLimit: 10 } });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: Match.arrayWith([Match.objectLike({ ResourcePath: '/*', ThrottlingRateLimit: { Ref: 'Rate' } })]) });
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', { AuthorizerResultTtlInSeconds: { Ref: 'Ttl' } });
  });

  test('20+ routes in one API stay inside CloudFormation\'s limits and keep distinct IDs', () => {
    const routes = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`GET /items${i}/{id}`, {}]));
    const { t } = api({}, routes);
    t.resourceCountIs('AWS::Lambda::Function', 24);
    t.resourceCountIs('AWS::ApiGateway::Method', 24);
    expect(Object.keys(t.toJSON().Resources).length).toBeLessThan(500);
  });
});

describe('ServerlessApi: Lambda authorizers (BP-A6)', () => {
  test('an HTTP Lambda authorizer on its own alias, simple responses, the Authorization header, a 300 s cache', () => {
    const stack = testStack();
    const http = new ServerlessApi(stack, 'Http', { authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() } }) });
    http.addRoute('GET /x', { code: inlineCode() });
    http.addRoute('GET /y', { code: inlineCode() });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST', EnableSimpleResponses: true, IdentitySource: ['$request.header.Authorization'], AuthorizerResultTtlInSeconds: 300, AuthorizerPayloadFormatVersion: '2.0',
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'CUSTOM' });
    const alias = logicalIdsOf(t, 'AWS::Lambda::Alias').find(id => id.includes('LambdaAuthorizer'))!;
    t.hasResourceProperties('AWS::Lambda::Permission', { FunctionName: { Ref: alias }, Principal: 'apigateway.amazonaws.com' });
  });

  test('an existing authorizer function, and the refusals that only concern HTTP APIs', () => {
    const stack = testStack();
    const authFn = new ServerlessFunction(stack, 'AuthFn', { code: inlineCode() });
    const http = new ServerlessApi(stack, 'Http');
    http.addRoute('GET /x', { code: inlineCode(), authorization: ApiAuthorization.lambdaAuthorizer({ function: authFn }) });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 2);
    expectViolation(errorOf(() => http.addRoute('GET /y', { code: inlineCode(), authorization: ApiAuthorization.lambdaAuthorizer({ function: authFn, authorizerType: LambdaAuthorizerType.TOKEN }) })),
      'A6', 'TestStack/Http', "authorization of 'GET /y' (lambda authorizerType)", 'set for an HTTP API', 'only for REST API authorizers');
    expectViolation(errorOf(() => http.addRoute('GET /z', { code: inlineCode(), authorization: ApiAuthorization.cognito({ userPools: [new cognito.UserPool(stack, 'P')] }) })),
      'A6', 'TestStack/Http', "authorization of 'GET /z'", 'ApiAuthorization.cognito(...) on an HTTP API', 'iam(), jwt(), lambda() or none(reason)');
  });
});

/** [what, props, routeProps, rule, prop, value, allowed] (BP-X4). */
const rows: [string, (s: Stack) => ServerlessRestApiProps, object, string, string, string, string][] = [
  ['stage rate 0', () => ({ throttle: { rateLimit: 0 } }), {}, 'R2', 'throttle.rateLimit', '0 requests/s', 'from 1 to 1,000,000'],
  ['route burst fraction', () => ({}), { throttle: { burstLimit: 2.5 } }, 'R2', "routes['GET /x'].throttle.burstLimit", '2.5 requests', 'a whole number'],
  ['JWT on REST', () => ({}), { authorization: ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: ['a'] }) }, 'R5', "authorization of 'GET /x'", 'ApiAuthorization.jwt(...) on a REST API', 'REST APIs have no JWT authorizer'],
  ['cache TTL above an hour', () => ({}), { authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, resultsCacheTtl: Duration.hours(2) }) }, 'R5', "authorization of 'GET /x' (lambda resultsCacheTtl)", '7,200 s', 'from 0 to 3,600 s'],
  ['TOKEN with two sources', () => ({}), { authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, identitySources: ['method.request.header.A', 'method.request.header.B'] }) },
    'R5', "authorization of 'GET /x' (lambda identitySources)", '["method.request.header.A","method.request.header.B"]', 'exactly one method.request.header'],
  ['REQUEST with an HTTP-API source', () => ({}), { authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, authorizerType: LambdaAuthorizerType.REQUEST, identitySources: ['$request.header.Authorization'] }) },
    'R5', "authorization of 'GET /x' (lambda identitySources)", '["$request.header.Authorization"]', 'method.request.header|querystring'],
  ['a bad validation regex', () => ({}), { authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, validationRegex: '([' }) }, 'R5', "authorization of 'GET /x' (lambda validationRegex)", "'(['", 'a valid regular expression'],
  ['no user pools', () => ({}), { authorization: ApiAuthorization.cognito({ userPools: [] }) }, 'R5', "authorization of 'GET /x' (cognito userPools)", '[]', 'at least one user pool'],
  ['both authorizer function and props', () => ({}), { authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, function: new ServerlessFunction(testStack('Other'), 'F', { code: inlineCode() }) }) },
    'R9', 'function / functionProps', 'both given', 'exactly one'],
  ['an API key without a usage plan', () => ({}), { apiKeyRequired: true }, 'R7', "routes['GET /x'].apiKeyRequired", 'true without usagePlan', 'API keys only with a usage plan'],
  ['a path parameter listed as required', () => ({}), { requiredParameters: ['method.request.path.id'] }, 'R7', "routes['GET /x'].requiredParameters", "'method.request.path.id'", 'method.request.querystring'],
  ['a CLOUDFRONT-scope web ACL', () => ({ webAclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/api/1234' }), {}, 'R7', 'webAclArn', "'arn:aws:wafv2:us-east-1:123456789012:global/webacl/api/1234' (a CLOUDFRONT-scope web ACL)", 'REGIONAL-scope'],
  ['a quota of 0', () => ({ usagePlan: { quota: { limit: 0, period: apigw.Period.DAY } } }), {}, 'R7', 'usagePlan.quota.limit', '0 requests', 'from 1 to'],
  ['a quota without a period', () => ({ usagePlan: { quota: { limit: 10 } } }), {}, 'R7', 'usagePlan.quota.period', 'missing', 'a period'],
  ['a private API without a policy', () => ({ endpointType: apigw.EndpointType.PRIVATE }), {}, 'R5', 'endpointType', 'PRIVATE without policy', 'a resource policy'],
  ['integration timeout above 29 s', () => ({}), { integrationTimeout: Duration.seconds(30) }, 'R6', "routes['GET /x'].integrationTimeout", '30 s', 'from 0.05 to 29 s'],
  ['function timeout not inside a 10 s integration', () => ({}), { integrationTimeout: Duration.seconds(10), timeout: Duration.seconds(10) }, 'R6', "routes['GET /x'].timeout", '10 s', 'at most 9 s'],
  ['a stage name with a space', () => ({ stageName: 'my stage' }), {}, 'X4', 'stageName', "'my stage'", '1–128 letters'],
  ['infinite access logs', () => ({ accessLogRetention: 9999 as any }), {}, 'R3', 'accessLogRetention', 'INFINITE', 'a finite retention'],
  ['CORS without origins', () => ({ cors: { allowOrigins: [] } }), {}, 'A7', 'cors.allowOrigins', '[]', 'at least one origin'],
  ['a short open-route reason', () => ({}), { authorization: ApiAuthorization.none('public') }, 'A6', "authorization of 'GET /x'", "ApiAuthorization.none('public')", 'a reason of at least 10 characters'],
];

describe('ServerlessRestApi bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, routeProps, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new ServerlessRestApi(stack, 'Api', props(stack)).addRoute('GET /x', { code: inlineCode(), ...routeProps }));
    expectViolation(message, rule, 'TestStack/Api', prop, value, allowed);
  });

});
