import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueWorker, QueueWorkerProps } from '../../src';
import { errorOf, expectViolation, inlineCode, logicalIdsOf, TEST_ENV, testStack } from '../helpers';

function setup(extra: Partial<QueueWorkerProps> = {}, topicProps: sns.TopicProps = { enforceSSL: true }) {
  const stack = testStack();
  const topic = new sns.Topic(stack, 'Orders', topicProps);
  const w = new QueueWorker(stack, 'Analytics', { functionProps: { code: inlineCode() }, ...extra });
  return { stack, topic, w };
}

const only = (...allowlist: string[]) => sns.SubscriptionFilter.stringFilter({ allowlist });

describe('QueueWorker.subscribeTo (BP-N6)', () => {
  test('BP-N6: raw message delivery on, a filter policy, the queue policy scoped to the topic, a redrive queue (BP-N3)', () => {
    const { stack, topic, w } = setup();
    const sub = w.subscribeTo(topic, { filterPolicy: { eventType: only('order-placed') } });
    const t = Template.fromStack(stack);
    const queue = logicalIdsOf(t, 'AWS::SQS::Queue').find(id => id.startsWith('AnalyticsQueue'))!;
    const redrive = logicalIdsOf(t, 'AWS::SQS::Queue').find(id => id.startsWith('AnalyticsSubscription'))!;
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      Endpoint: { 'Fn::GetAtt': [queue, 'Arn'] },
      RawMessageDelivery: true,
      FilterPolicy: { eventType: ['order-placed'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [redrive, 'Arn'] } },
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { Ref: logicalIdsOf(t, 'AWS::SNS::Topic')[0] } } } })]) },
    });
    expect(sub).toBeInstanceOf(sns.Subscription);
    // The Q rules still hold: partial batch responses on the mapping, the queue's own DLQ.
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  test('BP-N6: raw delivery can be turned off (the SNS envelope is delivered)', () => {
    const { stack, topic, w } = setup();
    w.subscribeTo(topic, { rawMessageDelivery: false });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { RawMessageDelivery: false });
  });

  test('BP-N6: a customer managed key on the queue gets the key policy statement SNS needs, scoped to the topic', () => {
    // The scoping needs the flag `cdk init` writes (every example's cdk.json has it).
    const stack = new Stack(new App({ context: { '@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption': true } }), 'TestStack', { env: TEST_ENV });
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const topic = new sns.Topic(stack, 'Orders', { enforceSSL: true });
    new QueueWorker(stack, 'Analytics', { functionProps: { code: inlineCode() }, encryptionKey: key }).subscribeTo(topic);
    Template.fromStack(stack).hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': { Ref: logicalIdsOf(Template.fromStack(stack), 'AWS::SNS::Topic')[0] } } },
        })]),
      },
    });
  });

  test('BP-N7: the subscription\'s alarms join the worker\'s (redrive queue depth, failed deliveries)', () => {
    const { stack, topic, w } = setup();
    const before = w.alarms.length;
    w.subscribeTo(topic);
    expect(w.alarms.length).toBe(before + 3);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { Namespace: 'AWS/SNS', MetricName: 'NumberOfNotificationsFailedToRedriveToDlq' });
  });

  test('a FIFO worker on a FIFO topic gets a FIFO redrive queue', () => {
    const { stack, topic, w } = setup({ fifo: true }, { fifo: true, enforceSSL: true });
    w.subscribeTo(topic);
    Template.fromStack(stack).hasResourceProperties('AWS::SQS::Queue', { FifoQueue: true, QueueName: Match.absent() });
  });

  test('a topic of a shared stack: the subscription lives with the queue; the shared stack never depends on the service stack', () => {
    const app = new App();
    const shared = new Stack(app, 'Shared', { env: TEST_ENV });
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    const topic = new sns.Topic(shared, 'Orders', { enforceSSL: true });
    new QueueWorker(service, 'A', { functionProps: { code: inlineCode() } }).subscribeTo(topic);
    new QueueWorker(service, 'B', { functionProps: { code: inlineCode() } }).subscribeTo(topic);
    Template.fromStack(shared).resourceCountIs('AWS::SNS::Subscription', 0);
    Template.fromStack(service).resourceCountIs('AWS::SNS::Subscription', 2);
    expect(JSON.stringify(Template.fromStack(shared).toJSON())).not.toContain('Fn::ImportValue');
    expect(shared.dependencies).not.toContain(service);
  });

  test('an imported topic; an imported queue or key gets a warning (their policies cannot be written here)', () => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicArn(stack, 'T', 'arn:aws:sns:us-east-1:123456789012:orders');
    const queue = sqs.Queue.fromQueueArn(stack, 'Q', 'arn:aws:sqs:us-east-1:123456789012:analytics');
    new QueueWorker(stack, 'Analytics', { functionProps: { code: inlineCode() }, queue }).subscribeTo(topic);
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders' });
    Annotations.fromStack(stack).hasWarning('/TestStack/Analytics', Match.stringLikeRegexp('\\[N6\\] The worker\'s queue is imported'));
    const stack2 = testStack();
    const key = kms.Key.fromKeyArn(stack2, 'K', 'arn:aws:kms:us-east-1:123456789012:key/1234');
    new QueueWorker(stack2, 'Analytics', { functionProps: { code: inlineCode() }, encryptionKey: key }).subscribeTo(new sns.Topic(stack2, 'T', { enforceSSL: true }));
    Annotations.fromStack(stack2).hasWarning('/TestStack/Analytics', Match.stringLikeRegexp('\\[N6\\] The worker\'s queue is encrypted with an imported KMS key'));
  });

  test.each<[string, (s: Stack) => { worker: Partial<QueueWorkerProps>; topic: sns.ITopic; options?: object }, string, string, string, string]>([
    ['a standard topic for a FIFO queue', s => ({ worker: { fifo: true }, topic: new sns.Topic(s, 'T') }), 'N6', 'subscribeTo(topic)', 'a standard topic for a FIFO queue', 'a FIFO topic for a FIFO queue'],
    ['a queue with the AWS managed key', s => ({
      worker: { queue: new sqs.Queue(s, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED, deadLetterQueue: { queue: new sqs.Queue(s, 'D'), maxReceiveCount: 5 }, visibilityTimeout: Duration.minutes(3) }) },
      topic: new sns.Topic(s, 'T'),
    }), 'N6', 'subscribeTo: the worker\'s queue', 'a queue encrypted with the AWS managed key alias/aws/sqs', 'SNS cannot use'],
    ['seven filter keys', s => ({ worker: {}, topic: new sns.Topic(s, 'T'), options: { filterPolicy: Object.fromEntries('abcdefg'.split('').map(k => [k, only('x')])) } }),
      'N4', 'subscribeTo(options).filterPolicy', '7 keys', '1 to 5 keys'],
  ])('bad input: %s', (_what, build, rule, prop, value, allowed) => {
    const stack = testStack();
    const { worker, topic, options } = build(stack);
    const w = new QueueWorker(stack, 'Analytics', { functionProps: { code: inlineCode() }, ...worker });
    expectViolation(errorOf(() => w.subscribeTo(topic, options)), rule, 'TestStack/Analytics', prop, value, allowed);
  });

  test('subscribing twice to one topic is refused (every message would arrive twice)', () => {
    const { topic, w } = setup();
    w.subscribeTo(topic);
    expectViolation(errorOf(() => w.subscribeTo(topic)), 'N6', 'TestStack/Analytics', 'subscribeTo(topic)', 'TestStack/Orders, subscribed a second time', 'one subscription per topic');
  });
});

describe('QueueWorker.subscribeToEvents (BP-E1–E3, E6)', () => {
  test('BP-E2/E3: a rule into the queue with an explicit retry policy and a dead-letter queue; the queue admits this rule', () => {
    const { stack, w } = setup();
    const rule = w.subscribeToEvents({ source: ['my.orders'] }, { retryAttempts: 4 });
    const t = Template.fromStack(stack);
    const queue = logicalIdsOf(t, 'AWS::SQS::Queue').find(id => id.startsWith('AnalyticsQueue'))!;
    const dlq = logicalIdsOf(t, 'AWS::SQS::Queue').find(id => id.startsWith('AnalyticsEventSubscription1'))!;
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['my.orders'] },
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [queue, 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq, 'Arn'] } } })],
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queue }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [logicalIdsOf(t, 'AWS::Events::Rule')[0], 'Arn'] } } } })]) },
    });
    expect(rule).toBeInstanceOf(events.Rule);
  });

  test('BP-E6: each rule\'s alarms join the worker\'s; rules are numbered in call order', () => {
    const { stack, w } = setup();
    const before = w.alarms.length;
    w.subscribeToEvents({ source: ['a'] });
    w.subscribeToEvents({ source: ['b'] }, { eventBus: new events.EventBus(stack, 'Bus') });
    expect(w.alarms.length).toBe(before + 6);
    expect(stack.node.findChild('Analytics').node.tryFindChild('EventSubscription2')).toBeDefined();
  });

  test('a FIFO queue needs a message group; a standard one refuses it', () => {
    const { stack, w } = setup({ fifo: true });
    w.subscribeToEvents({ source: ['a'] }, { messageGroupId: 'orders' });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ SqsParameters: { MessageGroupId: 'orders' } })] });
    expectViolation(errorOf(() => w.subscribeToEvents({ source: ['b'] })), 'Q7', 'TestStack/Analytics', 'subscribeToEvents(options).messageGroupId', 'missing for a FIFO queue', 'a message group for a FIFO queue');
    const std = setup().w;
    expectViolation(errorOf(() => std.subscribeToEvents({ source: ['b'] }, { messageGroupId: 'g' })), 'Q7', 'TestStack/Analytics', 'subscribeToEvents(options).messageGroupId', '\'g\' for a standard queue', 'none for a standard queue');
  });

  test('bad input reaches the shared rule checks with the method\'s prop names', () => {
    const { w } = setup();
    expectViolation(errorOf(() => w.subscribeToEvents({})), 'E1', 'TestStack/Analytics', 'subscribeToEvents(eventPattern)', 'empty (it names no field)', 'names at least one field');
    expectViolation(errorOf(() => w.subscribeToEvents({ source: ['a'] }, { maxEventAge: Duration.days(2) })), 'E2', 'TestStack/Analytics', 'subscribeToEvents(options).maxEventAge', '172,800 s', 'from 60 to 86,400 s');
  });
});
