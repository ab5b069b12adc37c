import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { StreamWorker } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

function worker(extra: object = {}) {
  const stack = testStack();
  const w = new StreamWorker(stack, 'Orders', { functionProps: { code: inlineCode() }, ...extra });
  return { stack, w, t: Template.fromStack(stack) };
}

describe('StreamWorker', () => {
  test('BP-K7: a created Kinesis stream is on-demand and encrypted', () => {
    const { t } = worker();
    t.hasResourceProperties('AWS::Kinesis::Stream', { StreamModeDetails: { StreamMode: 'ON_DEMAND' }, StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' } });
  });

  test('BP-K1: the event source mapping targets the alias, never $LATEST', () => {
    const { t } = worker();
    const [alias] = logicalIdsOf(t, 'AWS::Lambda::Alias');
    // FunctionName is `<function name>:live`, taken from the alias's ARN: the alias, never $LATEST.
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { 'Fn::Join': ['', [{ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: alias }] }] }, ':live']] },
    });
  });

  test('BP-K2/K3/K5/K6: bisect on error, 3 retries, 1-hour record age, partial batch responses, batch 100, TRIM_HORIZON, parallelization 1', () => {
    const { t } = worker();
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: 3,
      MaximumRecordAgeInSeconds: 3600,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      BatchSize: 100,
      StartingPosition: 'TRIM_HORIZON',
      ParallelizationFactor: 1,
    });
  });

  test('BP-K4: records that still fail go to an encrypted, TLS-only queue kept 14 days', () => {
    const { t, w, stack } = worker();
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      DestinationConfig: { OnFailure: { Destination: stack.resolve(w.onFailureQueue.queueArn) } },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { MessageRetentionPeriod: 1_209_600, SqsManagedSseEnabled: true });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) } });
  });

  test('BP-K8: alarms on iterator age and on the on-failure queue, with the function\'s own', () => {
    const { t, w } = worker({ iteratorAgeThreshold: Duration.minutes(2) });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'IteratorAge', Namespace: 'AWS/Lambda', Threshold: 120_000, Statistic: 'Maximum' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
    expect(w.alarms.length).toBe(5);
  });

  test('a DynamoDB table\'s stream', () => {
    const stack = testStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES });
    const w = new StreamWorker(stack, 'Changes', { functionProps: { code: inlineCode() }, table });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Kinesis::Stream', 0);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { EventSourceArn: stack.resolve(table.tableStreamArn), BisectBatchOnFunctionError: true });
    expect(w.stream).toBeUndefined();
    expect(w.table).toBe(table);
  });

  test('an existing Kinesis stream, producers granted write, filters and tumbling window passed through', () => {
    const stack = testStack();
    const stream = new kinesis.Stream(stack, 'Existing', { streamMode: kinesis.StreamMode.ON_DEMAND });
    const w = new StreamWorker(stack, 'W', {
      functionProps: { code: inlineCode() },
      stream,
      tumblingWindow: Duration.seconds(60),
      parallelizationFactor: 4,
      filters: [lambda.FilterCriteria.filter({ data: { type: lambda.FilterRule.isEqual('order') } })],
    });
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.AccountRootPrincipal() });
    w.grantWrite(producer);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Kinesis::Stream', 1);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { TumblingWindowInSeconds: 60, ParallelizationFactor: 4, FilterCriteria: { Filters: [{ Pattern: '{"data":{"type":["order"]}}' }] } });
    t.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['kinesis:PutRecord', 'kinesis:PutRecords']) })]) } });
  });

  test('BP-K3: allowInfiniteRetries is AWS\'s retry-until-expiry, with a warning', () => {
    const { t, stack } = worker({ allowInfiniteRetries: true });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { MaximumRetryAttempts: -1, MaximumRecordAgeInSeconds: Match.absent() });
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('\\[K3\\] allowInfiniteRetries'));
  });

  test('BP-K2: bisect off is kept, with a warning', () => {
    const { t, stack } = worker({ bisectBatchOnError: false });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BisectBatchOnFunctionError: false });
    Annotations.fromStack(stack).hasWarning('/TestStack/Orders', Match.stringLikeRegexp('\\[K2\\] bisectBatchOnError is false'));
  });

  test('BP-F4: the function timeout defaults to 60 s', () => {
    worker().t.hasResourceProperties('AWS::Lambda::Function', { Timeout: 60 });
  });
});
