/**
 * Features and triggers reached with plain aws-cdk-lib on a ServerlessFunction keep the library's guarantees
 * (BP-F19): the permissions they need are inline least-privilege statements on the library's role, never an AWS
 * managed policy, and `addEventSource` is never silently weaker than the construct that owns that trigger.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServerlessFunction } from '../../src';
import { errorOf, expectViolation, inlineCode, logicalIdsOf, testStack } from '../helpers';
import { nagFindings } from '../judges';

const CLUSTER = 'arn:aws:kafka:us-east-1:123456789012:cluster/orders/abcd1234-ab12-cd34-ef56-abcdef123456-1';
const stream = {
  startingPosition: lambda.StartingPosition.TRIM_HORIZON,
  bisectBatchOnError: true,
  retryAttempts: 3,
  maxRecordAge: Duration.hours(1),
  reportBatchItemFailures: true,
};

/** Every event source aws-cdk-lib exports, built the way the library's rules accept it (BP-F19). */
const SOURCES: { [name: string]: (s: Stack) => lambda.IEventSource } = {
  SqsEventSource: s => new sources.SqsEventSource(new sqs.Queue(s, 'Q', { visibilityTimeout: Duration.minutes(1), enforceSSL: true }), { reportBatchItemFailures: true, maxConcurrency: 5 }),
  KinesisEventSource: s => new sources.KinesisEventSource(new kinesis.Stream(s, 'K', { encryption: kinesis.StreamEncryption.MANAGED }), { ...stream, onFailure: new sources.SqsDlq(new sqs.Queue(s, 'F', { enforceSSL: true })) }),
  KinesisConsumerEventSource: s => new sources.KinesisConsumerEventSource(new kinesis.StreamConsumer(s, 'C', { stream: new kinesis.Stream(s, 'K', { encryption: kinesis.StreamEncryption.MANAGED }), streamConsumerName: 'c' }),
    { ...stream, onFailure: new sources.SqsDlq(new sqs.Queue(s, 'F', { enforceSSL: true })) }),
  DynamoEventSource: s => new sources.DynamoEventSource(new dynamodb.Table(s, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE }),
    { ...stream, onFailure: new sources.SqsDlq(new sqs.Queue(s, 'F', { enforceSSL: true })) }),
  ManagedKafkaEventSource: () => new sources.ManagedKafkaEventSource({ clusterArn: CLUSTER, topic: 'orders', startingPosition: lambda.StartingPosition.TRIM_HORIZON }),
  SelfManagedKafkaEventSource: s => new sources.SelfManagedKafkaEventSource({
    bootstrapServers: ['b-1.example.com:9096'], topic: 'orders', startingPosition: lambda.StartingPosition.TRIM_HORIZON, secret: new secrets.Secret(s, 'Kafka'),
  }),
  SnsEventSource: s => new sources.SnsEventSource(new sns.Topic(s, 'Topic', { enforceSSL: true }), { deadLetterQueue: new sqs.Queue(s, 'D', { enforceSSL: true }) }),
  S3EventSource: s => new sources.S3EventSource(new s3.Bucket(s, 'B'), { events: [s3.EventType.OBJECT_CREATED] }),
  S3EventSourceV2: s => new sources.S3EventSourceV2(new s3.Bucket(s, 'B'), { events: [s3.EventType.OBJECT_CREATED] }),
  ApiEventSource: () => new sources.ApiEventSource('GET', '/orders', { authorizationType: apigw.AuthorizationType.IAM }),
};

describe('BP-F19: every event source aws-cdk-lib exports, added with addEventSource', () => {
  test('the walk covers every event-source class of aws-lambda-event-sources', () => {
    const exported = Object.entries(sources).filter(([, v]) => typeof v === 'function' && /EventSource(V2)?$/.test(v.name) && v.name !== 'StreamEventSource').map(([k]) => k).sort();
    expect(Object.keys(SOURCES).sort()).toEqual(exported);
  });

  test.each(Object.keys(SOURCES))('%s: no AWS managed policy reaches the role; the mapping or subscription is on the alias', (name) => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), timeout: Duration.seconds(10), invokedAsynchronously: ['SnsEventSource', 'S3EventSource', 'S3EventSourceV2'].includes(name) });
    fn.addEventSource(SOURCES[name](stack));
    const t = Template.fromStack(stack);
    // The function's role (aws-cdk-lib's own helpers, e.g. the S3 notifications handler, have roles of their own).
    expect(t.findResources('AWS::IAM::Role')[logicalIdsOf(t, 'AWS::IAM::Role').find(id => id.startsWith('FnServiceRole'))!].Properties.ManagedPolicyArns).toBeUndefined();
    expect(nagFindings(stack).filter(f => f.startsWith('AwsSolutions-IAM4') && f.includes(' at TestStack/Fn/'))).toEqual([]);
    const mappings = Object.values(t.findResources('AWS::Lambda::EventSourceMapping'));
    for (const m of mappings) expect(JSON.stringify(m.Properties.FunctionName)).toContain(':live');
  });
});

describe('BP-F19: managed Kafka (MSK) on the library\'s role', () => {
  test('the poller\'s network-interface actions join the acknowledged base policy; the cluster actions are scoped to the cluster', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    fn.addEventSource(SOURCES.ManagedKafkaEventSource(stack));
    const t = Template.fromStack(stack);
    const role = Object.values(t.findResources('AWS::IAM::Role'))[0].Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(JSON.stringify(role.Policies)).toContain('ec2:CreateNetworkInterface');
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kafka:DescribeClusterV2', Resource: CLUSTER })]) },
    });
  });

  test('an AWS managed policy the library does not know fails; a customer managed one is the user\'s and stays', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    const message = errorOf(() => (fn.role as iam.Role).addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('AmazonS3FullAccess')));
    expectViolation(message, 'F19', 'TestStack/Fn', 'the function\'s role', 'the AWS managed policy AmazonS3FullAccess', 'no AWS managed policy');
    (fn.role as iam.Role).addManagedPolicy(new iam.ManagedPolicy(stack, 'Mine', { statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] }));
    expect(Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties.ManagedPolicyArns).toHaveLength(1);
  });

  test('Lambda Insights (insightsVersion): its log group, inline, instead of CloudWatchLambdaInsightsExecutionRolePolicy', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), insightsVersion: lambda.LambdaInsightsVersion.fromInsightVersionArn('arn:aws:lambda:us-east-1:580247275435:layer:LambdaInsightsExtension-Arm64:20') });
    const role = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Role'))[0].Properties;
    expect(role.ManagedPolicyArns).toBeUndefined();
    expect(JSON.stringify(role.Policies)).toContain('/aws/lambda-insights:*');
  });
});

describe('BP-F19: durable functions on the library\'s role', () => {
  test('the checkpoint actions, on this function\'s durable executions only, in a policy the function does not wait for', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), durableConfig: { executionTimeout: Duration.hours(2) } });
    const t = Template.fromStack(stack);
    const fnId = logicalIdsOf(t, 'AWS::Lambda::Function')[0];
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: [Match.objectLike({
          Action: ['lambda:CheckpointDurableExecution', 'lambda:GetDurableExecutionState'],
          Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fnId, 'Arn'] }, ':*']] },
        })],
      },
    });
    t.hasResourceProperties('AWS::Lambda::Function', { DurableConfig: { ExecutionTimeout: 7200 } });
    for (const role of Object.values(t.findResources('AWS::IAM::Role'))) expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(nagFindings(stack)).toEqual([]);
  });

  test('durable limits get the library\'s message', () => {
    expectViolation(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), durableConfig: { executionTimeout: Duration.days(400) } })),
      'F19', 'TestStack/Fn', 'durableConfig.executionTimeout', '34,560,000 s', 'from 1 to 31,622,400 s');
    expectViolation(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), durableConfig: { executionTimeout: Duration.hours(1), retentionPeriod: Duration.hours(36) } })),
      'F19', 'TestStack/Fn', 'durableConfig.retentionPeriod', '1.5 days', 'a whole number from 1 to 90 days');
  });
});

describe('BP-F19: addEventSource is never weaker than the construct that owns the trigger', () => {
  test.each<[string, (s: Stack, fn: ServerlessFunction) => lambda.IEventSource, string, string, string, string]>([
    ['an SQS source without partial batch responses', s => new sources.SqsEventSource(new sqs.Queue(s, 'Q', { visibilityTimeout: Duration.minutes(1) })), 'Q3', 'reportBatchItemFailures', 'not true', 'partial batch responses on'],
    ['an SQS source on a queue whose visibility timeout is too short', s => new sources.SqsEventSource(new sqs.Queue(s, 'Q', { visibilityTimeout: Duration.seconds(30) }), { reportBatchItemFailures: true }),
      'Q2', 'queue', 'a queue with a visibility timeout of 30 s', 'at least 60 s (6 × the function timeout'],
    ['a Kinesis source with aws-cdk-lib\'s defaults', s => new sources.KinesisEventSource(new kinesis.Stream(s, 'K'), { startingPosition: lambda.StartingPosition.LATEST }),
      'K3', 'addEventSource(stream source)', 'without bisectBatchOnError: true (K2), retryAttempts (K3), maxRecordAge (K3), onFailure: new SqsDlq(queue) (K4), reportBatchItemFailures: true (K5)', 'retries finitely'],
    ['an SNS source on a synchronous function', s => new sources.SnsEventSource(new sns.Topic(s, 'T')), 'F11', 'addEventSource', 'an SNS source on a function not configured for asynchronous invocation', 'asynchronous sources only'],
  ])('%s is refused with the fix', (_what, build, rule, prop, value, allowed) => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    const message = errorOf(() => fn.addEventSource(build(stack, fn)));
    expectViolation(message, rule, 'TestStack/Fn', prop, value, allowed);
  });

  test('a VPC function keeps its ENI statement once, even with a Kafka source', () => {
    const stack = testStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), vpc });
    fn.addEventSource(SOURCES.ManagedKafkaEventSource(stack));
    expect(nagFindings(stack).filter(f => /IAM4|IAM5|LambdaStarPermissions/.test(f) && f.includes('TestStack/Fn'))).toEqual([]);
  });
});
