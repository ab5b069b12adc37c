import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueWorker } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

function worker(extra: Partial<ConstructorParameters<typeof QueueWorker>[2]> = {}) {
  const stack = testStack();
  const w = new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, ...extra });
  const t = Template.fromStack(stack);
  const queues = t.findResources('AWS::SQS::Queue');
  const queueId = Object.keys(queues).find(k => k.startsWith('WorkerQueue'))!;
  const dlqId = Object.keys(queues).find(k => k.startsWith('WorkerDeadLetterQueue'))!;
  return { stack, w, t, queueId, dlqId, queues };
}

describe('QueueWorker', () => {
  test('BP-Q1: a dead-letter queue with maxReceiveCount 5 and 14-day retention', () => {
    const { t, queueId, dlqId } = worker();
    t.resourceCountIs('AWS::SQS::Queue', 2);
    t.hasResourceProperties('AWS::SQS::Queue', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlqId, 'Arn'] }, maxReceiveCount: 5 } });
    const dlq = t.findResources('AWS::SQS::Queue')[dlqId] as { Properties: Record<string, unknown> };
    expect(dlq.Properties.MessageRetentionPeriod).toBe(1209600);
    expect(queueId).toBeDefined();
  });

  test('BP-Q1: the dead-letter queue allows redrive only from its source queue', () => {
    const { t, queueId, dlqId, queues } = worker();
    const queueName = (queues[queueId] as { Properties: { QueueName: string } }).Properties.QueueName;
    expect(queueName).toMatch(/^TestStack-Worker-[A-Za-z0-9]+$/);
    const dlq = queues[dlqId] as { Properties: { RedriveAllowPolicy: { redrivePermission: string; sourceQueueArns: unknown[] } } };
    expect(dlq.Properties.RedriveAllowPolicy.redrivePermission).toBe('byQueue');
    expect(JSON.stringify(dlq.Properties.RedriveAllowPolicy.sourceQueueArns)).toContain(`:sqs:us-east-1:123456789012:${queueName}`);
    t.resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('BP-Q1: maxReceiveCount below 5 warns', () => {
    const { stack } = worker({ maxReceiveCount: 2 });
    Annotations.fromStack(stack).hasWarning('/TestStack/Worker', Match.stringLikeRegexp('\\[Q1\\] maxReceiveCount is 2'));
  });

  test('BP-Q2: visibility timeout = 6 × function timeout (30 s default) + batching window', () => {
    const { t, queueId, w } = worker();
    expect((t.findResources('AWS::SQS::Queue')[queueId] as { Properties: { VisibilityTimeout: number } }).Properties.VisibilityTimeout).toBe(180);
    expect(w.function.timeout.toSeconds()).toBe(30);

    const windowed = worker({
      functionProps: { code: inlineCode(), timeout: Duration.seconds(60) }, batchSize: 100, maxBatchingWindow: Duration.seconds(20),
    });
    expect((windowed.queues[windowed.queueId] as { Properties: { VisibilityTimeout: number } }).Properties.VisibilityTimeout).toBe(380);
  });

  test('BP-Q2: an existing queue with enough visibility timeout and a DLQ is used as is', () => {
    const stack = testStack();
    const dlq = new sqs.Queue(stack, 'MyDlq', { enforceSSL: true });
    const queue = new sqs.Queue(stack, 'Mine', { visibilityTimeout: Duration.seconds(180), deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const w = new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, queue });
    expect(w.queue).toBe(queue);
    expect(w.deadLetterQueue).toBe(dlq);
    Template.fromStack(stack).resourceCountIs('AWS::SQS::Queue', 2);
  });

  test('BP-Q2: an imported queue cannot be checked, and says so', () => {
    const stack = testStack();
    const queue = sqs.Queue.fromQueueArn(stack, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:orders');
    const w = new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, queue });
    const a = Annotations.fromStack(stack);
    a.hasWarning('/TestStack/Worker', Match.stringLikeRegexp('\\[Q2\\] .*at least 180 s'));
    a.hasWarning('/TestStack/Worker', Match.stringLikeRegexp('\\[Q1\\] The imported queue'));
    expect(w.deadLetterQueue).toBeUndefined();
  });

  test('BP-Q3: partial batch responses are always on', () => {
    const { t } = worker();
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  test('BP-Q4/Q5: batch size 10 and maximum concurrency 10 by default', () => {
    const { t } = worker();
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 10, ScalingConfig: { MaximumConcurrency: 10 } });
  });

  test('BP-Q4: a batch above 10 with a batching window', () => {
    const { t } = worker({ batchSize: 500, maxBatchingWindow: Duration.seconds(10) });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 500, MaximumBatchingWindowInSeconds: 10 });
  });

  test('BP-Q5/F10: the default maximum concurrency never exceeds reserved concurrency', () => {
    const low = worker({ functionProps: { code: inlineCode(), reservedConcurrentExecutions: 4 } });
    low.t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 4 } });
    const one = worker({ functionProps: { code: inlineCode(), reservedConcurrentExecutions: 1 } });
    const mapping = Object.values(one.t.findResources('AWS::Lambda::EventSourceMapping'))[0] as { Properties: Record<string, unknown> };
    expect(mapping.Properties.ScalingConfig).toBeUndefined();
  });

  test('BP-Q6: encrypted at rest (SSE-SQS) and TLS-only, on both queues', () => {
    const { t } = worker();
    const queues = Object.values(t.findResources('AWS::SQS::Queue')) as { Properties: Record<string, unknown> }[];
    for (const q of queues) expect(q.Properties.SqsManagedSseEnabled).toBe(true);
    expect(logicalIdsOf(t, 'AWS::SQS::QueuePolicy')).toHaveLength(2);
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
  });

  test('BP-Q6: a KMS key encrypts both queues, and the consumer may decrypt', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, encryptionKey: key });
    const t = Template.fromStack(stack);
    const [keyId] = logicalIdsOf(t, 'AWS::KMS::Key');
    const queues = Object.values(t.findResources('AWS::SQS::Queue')) as { Properties: Record<string, unknown> }[];
    for (const q of queues) expect(q.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [keyId, 'Arn'] } })]) },
    });
  });

  test('BP-Q7: FIFO queue and FIFO dead-letter queue, no batching window', () => {
    const { t, queues, queueId, dlqId } = worker({ fifo: true, contentBasedDeduplication: true });
    const q = queues[queueId] as { Properties: Record<string, unknown> };
    const d = queues[dlqId] as { Properties: Record<string, unknown> };
    expect(q.Properties.FifoQueue).toBe(true);
    expect(q.Properties.ContentBasedDeduplication).toBe(true);
    expect(q.Properties.QueueName).toMatch(/\.fifo$/);
    expect(d.Properties.FifoQueue).toBe(true);
    const mapping = Object.values(t.findResources('AWS::Lambda::EventSourceMapping'))[0] as { Properties: Record<string, unknown> };
    expect(mapping.Properties.MaximumBatchingWindowInSeconds).toBeUndefined();
  });

  test('BP-Q8: alarms on DLQ depth >= 1 and age of the oldest message (15 min), with the function\'s actions', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts');
    const w = new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode(), alarms: { topic } } });
    const t = Template.fromStack(stack);
    const [topicId] = logicalIdsOf(t, 'AWS::SNS::Topic');
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      Statistic: 'Maximum',
      AlarmActions: [{ Ref: topicId }],
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^WorkerDeadLetterQueue'), 'QueueName'] } }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateAgeOfOldestMessage', Threshold: 900, AlarmActions: [{ Ref: topicId }] });
    expect(w.alarms).toHaveLength(5);
  });

  test('BP-Q9: the event source mapping targets the alias', () => {
    const { t } = worker();
    const [alias] = logicalIdsOf(t, 'AWS::Lambda::Alias');
    // FunctionName is `<function name>:live`, taken from the alias's ARN: the alias, never $LATEST.
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { 'Fn::Join': ['', [{ 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: alias }] }] }, ':live']] },
    });
  });

  test('producers: grantSendMessages on the queue', () => {
    const stack = testStack();
    const w = new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode() } });
    const producer = new iam.Role(stack, 'Producer', { assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com') });
    w.grantSendMessages(producer);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Producer') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: Match.arrayWith(['sqs:SendMessage']) })] },
    });
    expect(w.metricApproximateAgeOfOldestMessage().metricName).toBe('ApproximateAgeOfOldestMessage');
    expect(w.metricDeadLetterQueueDepth()?.metricName).toBe('ApproximateNumberOfMessagesVisible');
  });
});
