/**
 * The constructs are the pack's own reference (BP audit): each, as configured by default and in its main
 * variants, gives zero findings.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ApiAuthorization, EdgeFunction, EventWorker, PublicFunctionUrl, LambdaAuthorizerType, QueueWorker, S3Pipeline, ScheduledJob, ServerlessApi, ServerlessFunction, ServerlessPatternsChecks, ServerlessRestApi, StreamWorker, TopicWorker, VpcFunction } from '../../src';
import { inlineCode, testStack } from '../helpers';

const audit = (build: (s: Stack) => void) => {
  const stack = testStack();
  build(stack);
  return new ServerlessPatternsChecks().validateScope(stack).violations.map(v => `${v.ruleName}: ${v.description}`);
};

describe('ServerlessPatternsChecks on the library\'s own constructs: zero findings', () => {
  test.each<[string, (s: Stack) => void]>([
    ['ServerlessFunction', s => { new ServerlessFunction(s, 'Fn', { code: inlineCode() }); }],
    ['ServerlessFunction, async, URL, canary, idempotent', s => {
      new ServerlessFunction(s, 'Fn', {
        code: inlineCode(),
        invokedAsynchronously: true,
        idempotency: {},
        deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES },
      }).addFunctionUrl();
    }],
    ['QueueWorker', s => { new QueueWorker(s, 'W', { functionProps: { code: inlineCode() }, batchSize: 50, maxBatchingWindow: Duration.seconds(5) }); }],
    ['ScheduledJob', s => { new ScheduledJob(s, 'J', { schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: { code: inlineCode() } }); }],
    ['ServerlessApi, with an open route acknowledged by its reason', s => {
      const api = new ServerlessApi(s, 'Api', { routes: { 'GET /orders': { code: inlineCode() } } });
      api.addRoute('GET /health', { code: inlineCode(), authorization: ApiAuthorization.none('health check polled by the load balancer') });
    }],
    ['ServerlessApi with JWT', s => {
      new ServerlessApi(s, 'Api', { authorization: ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: ['a'] }), routes: { 'POST /x': { code: inlineCode() } } });
    }],
    ['S3Pipeline with reconciliation', s => { new S3Pipeline(s, 'P', { functionProps: { code: inlineCode() }, reconciliation: {} }); }],
    ['S3Pipeline in one bucket with disjoint prefixes', s => {
      const bucket = new s3.Bucket(s, 'Data', { enforceSSL: true, versioned: true, serverAccessLogsPrefix: 'logs/' });
      new S3Pipeline(s, 'P', { functionProps: { code: inlineCode() }, inputBucket: bucket, outputBucket: bucket, inputPrefix: 'in/', outputPrefix: 'out/' });
    }],
    ['ServerlessRestApi with IAM, Lambda-authorized and open routes, and a route throttle', s => {
      const api = new ServerlessRestApi(s, 'Rest', { cors: { allowOrigins: ['https://app.example.com'] } });
      api.addRoute('GET /orders', { code: inlineCode(), throttle: { rateLimit: 5, burstLimit: 10 } });
      api.addRoute('POST /orders', { code: inlineCode(), authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, authorizerType: LambdaAuthorizerType.TOKEN }) });
      api.addRoute('GET /health', { code: inlineCode(), authorization: ApiAuthorization.none('health check polled by the load balancer') });
    }],
    ['ServerlessApi with a Lambda authorizer and a route on an existing function', s => {
      const fn = new ServerlessFunction(s, 'Shared', { code: inlineCode() });
      const api = new ServerlessApi(s, 'Http', { authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() } }) });
      api.addRoute('GET /x', { function: fn });
    }],
    ['EdgeFunction on each origin event (a viewer function is SP-L6, a hint: test/edge)', s => {
      new EdgeFunction(s, 'Req', { eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST, code: inlineCode() });
      new EdgeFunction(s, 'Res', { eventType: cloudfront.LambdaEdgeEventType.ORIGIN_RESPONSE, code: inlineCode() });
    }],
    ['PublicFunctionUrl', s => { new PublicFunctionUrl(s, 'Public', { function: new ServerlessFunction(s, 'Api', { code: inlineCode() }) }); }],
    ['EventWorker', s => { new EventWorker(s, 'E', { eventPattern: { source: ['my.orders'] }, functionProps: { code: inlineCode() } }); }],
    ['TopicWorker and a QueueWorker fanned out from its topic and from a rule', s => {
      const t = new TopicWorker(s, 'T', { functionProps: { code: inlineCode() }, filterPolicy: { k: sns.SubscriptionFilter.stringFilter({ allowlist: ['v'] }) } });
      const q = new QueueWorker(s, 'Q', { functionProps: { code: inlineCode() } });
      q.subscribeTo(t.topic);
      q.subscribeToEvents({ source: ['my.orders'] });
    }],
    ['StreamWorker (Kinesis)', s => { new StreamWorker(s, 'K', { functionProps: { code: inlineCode() } }); }],
    ['StreamWorker (DynamoDB)', s => {
      const table = new dynamodb.Table(s, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
      new StreamWorker(s, 'D', { functionProps: { code: inlineCode() }, table });
    }],
    ['VpcFunction with a database', s => {
      const net = new VpcFunction(s, 'Net', { functionProps: { code: inlineCode() } });
      const db = new rds.DatabaseInstance(s, 'Db', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
        vpc: net.vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      });
      new VpcFunction(s, 'Fn', { functionProps: { code: inlineCode() }, vpc: net.vpc, database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'app' } });
    }],
  ])('%s', (_what, build) => {
    expect(audit(build)).toEqual([]);
  });
});
