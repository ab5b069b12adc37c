import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ApiAuthorization, ServerlessApi, ServerlessApiProps } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

function api(props: ServerlessApiProps = { routes: { 'GET /orders/{id}': { code: inlineCode() } } }) {
  const stack = testStack();
  const a = new ServerlessApi(stack, 'Api', props);
  return { stack, a, t: Template.fromStack(stack) };
}

describe('ServerlessApi', () => {
  test('BP-A1: an HTTP API (v2), not REST', () => {
    const { t } = api();
    t.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Api', { ProtocolType: 'HTTP' });
    t.resourceCountIs('AWS::ApiGateway::RestApi', 0);
  });

  test('BP-A2: integrations target the alias with payload format 2.0', () => {
    const { t } = api();
    const [alias] = logicalIdsOf(t, 'AWS::Lambda::Alias');
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0', IntegrationUri: { Ref: alias },
    });
    t.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'apigateway.amazonaws.com', FunctionName: { Ref: alias } });
  });

  test('BP-A2/F9: provisioned concurrency per route reaches the alias the integration uses', () => {
    const { t } = api({ routes: { 'GET /hot': { code: inlineCode(), provisionedConcurrency: { minCapacity: 2 } } } });
    const [alias] = logicalIdsOf(t, 'AWS::Lambda::Alias');
    t.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
    t.hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationUri: { Ref: alias } });
  });

  test('BP-A3: route functions default to 10 s; up to 29 s is accepted', () => {
    api().t.hasResourceProperties('AWS::Lambda::Function', { Timeout: 10 });
    api({ routes: { 'POST /slow': { code: inlineCode(), timeout: Duration.seconds(29) } } }).t
      .hasResourceProperties('AWS::Lambda::Function', { Timeout: 29 });
  });

  test('BP-A4: stage throttling is always explicit', () => {
    api().t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default', AutoDeploy: true, DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200, DetailedMetricsEnabled: true },
    });
    api({ throttle: { rateLimit: 10, burstLimit: 20 } }).t.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 10, ThrottlingBurstLimit: 20 },
    });
  });

  test('BP-A5: JSON access logs with $context.requestId into a log group with retention', () => {
    const { t } = api();
    const logGroups = logicalIdsOf(t, 'AWS::Logs::LogGroup');
    const access = logGroups.find(id => id.startsWith('ApiAccessLogs'))!;
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    const stage = Object.values(t.findResources('AWS::ApiGatewayV2::Stage'))[0] as { Properties: { AccessLogSettings: { DestinationArn: unknown; Format: string } } };
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [access, 'Arn'] });
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format);
    expect(format.requestId).toBe('$context.requestId');
    expect(format.status).toBe('$context.status');
  });

  test('BP-A6: IAM authorization by default', () => {
    api().t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /orders/{id}', AuthorizationType: 'AWS_IAM' });
  });

  test('BP-A6: JWT with issuer, audiences and scopes; one authorizer shared by the routes', () => {
    const { t } = api({
      authorization: ApiAuthorization.jwt({ issuer: 'https://auth.example.com', audiences: ['app'], scopes: ['orders/read'] }),
      routes: { 'GET /orders': { code: inlineCode() }, 'GET /orders/{id}': { code: inlineCode() } },
    });
    t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    t.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT', JwtConfiguration: { Issuer: 'https://auth.example.com', Audience: ['app'] }, IdentitySource: ['$request.header.Authorization'],
    });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { AuthorizationType: 'JWT', AuthorizationScopes: ['orders/read'] });
  });

  test('BP-A6: routes share a JWT authorizer per issuer and audiences; scopes stay per route; one ApiAuthorization serves two APIs', () => {
    const stack = testStack();
    const read = ApiAuthorization.jwt({ issuer: 'https://auth.example.com', audiences: ['app'], scopes: ['orders/read'] });
    const write = ApiAuthorization.jwt({ issuer: 'https://auth.example.com', audiences: ['app'], scopes: ['orders/write'] });
    const partner = ApiAuthorization.jwt({ issuer: 'https://auth.example.com', audiences: ['partner'] });
    const a = new ServerlessApi(stack, 'Api', { authorization: read, routes: { 'GET /orders': { code: inlineCode() } } });
    a.addRoute('POST /orders', { code: inlineCode(), authorization: write });
    a.addRoute('GET /partner', { code: inlineCode(), authorization: partner });
    new ServerlessApi(stack, 'Other', { authorization: read, routes: { 'GET /x': { code: inlineCode() } } });
    const t = Template.fromStack(stack);
    // Api: one for 'app', one for 'partner'; Other: its own
    t.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 3);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'POST /orders', AuthorizationScopes: ['orders/write'] });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /orders', AuthorizationScopes: ['orders/read'] });
  });

  test('BP-A6: an open route only with ApiAuthorization.none(reason), per route', () => {
    const stack = testStack();
    const a = new ServerlessApi(stack, 'Api', { routes: { 'GET /orders': { code: inlineCode() } } });
    a.addRoute('GET /health', { code: inlineCode(), authorization: ApiAuthorization.none('health check for the load balancer') });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /health', AuthorizationType: 'NONE' });
    t.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: 'GET /orders', AuthorizationType: 'AWS_IAM' });
  });

  test('BP-A7: no CORS unless asked; explicit origins', () => {
    const none = api().t.findResources('AWS::ApiGatewayV2::Api');
    expect((Object.values(none)[0] as { Properties: Record<string, unknown> }).Properties.CorsConfiguration).toBeUndefined();
    api({ cors: { allowOrigins: ['https://app.example.com'] } }).t.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://app.example.com'], AllowHeaders: ['Content-Type', 'Authorization'], MaxAge: 3600 },
    });
  });

  test('BP-A7: a * origin warns', () => {
    const { stack } = api({ cors: { allowOrigins: ['*'] } });
    Annotations.fromStack(stack).hasWarning('/TestStack/Api', Match.stringLikeRegexp('\\[A7\\] cors.allowOrigins contains \\*'));
  });

  test('BP-A8: one function per route, sharing the API\'s function defaults', () => {
    const stack = testStack();
    const a = new ServerlessApi(stack, 'Api', {
      functionDefaults: { memorySize: 512, environment: { TABLE_NAME: 'orders', STAGE: 'prod' } },
      routes: { 'GET /orders': { code: inlineCode(), environment: { STAGE: 'test' } } },
    });
    a.addRoute('POST /orders', { code: inlineCode(), memorySize: 2048 });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Function', 2);
    t.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512, Environment: { Variables: { TABLE_NAME: 'orders', STAGE: 'test' } } });
    t.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 2048, Environment: { Variables: { TABLE_NAME: 'orders', STAGE: 'prod' } } });
    expect(Object.keys(a.functions).sort()).toEqual(['GET /orders', 'POST /orders']);
    expect(a.functionFor('POST /orders')).toBe(a.functions['POST /orders']);
  });

  test('BP-A9: alarms on 5xx rate (1 %) and p99 latency (3 s), with actions', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts');
    const a = new ServerlessApi(stack, 'Api', { routes: { 'GET /x': { code: inlineCode() } }, alarms: { topic } });
    const t = Template.fromStack(stack);
    const [topicId] = logicalIdsOf(t, 'AWS::SNS::Topic');
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      AlarmActions: [{ Ref: topicId }],
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(requests > 0, 100 * errors / requests, 0)' })]),
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', Namespace: 'AWS/ApiGateway', ExtendedStatistic: 'p99', Threshold: 3000 });
    expect(a.alarms).toHaveLength(2);
  });

  test('the URL is the $default stage URL', () => {
    const { a, stack } = api();
    expect(stack.resolve(a.url)).toEqual(stack.resolve(a.stage.url));
  });
});
