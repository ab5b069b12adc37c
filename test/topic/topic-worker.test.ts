import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServerlessFunction, TopicWorker, TopicWorkerProps } from '../../src';
import { errorOf, expectViolation, inlineCode, logicalIdsOf, TEST_ENV, testStack } from '../helpers';

function worker(extra: Partial<TopicWorkerProps> = {}) {
  const stack = testStack();
  const w = new TopicWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, ...extra });
  return { stack, w, t: Template.fromStack(stack) };
}

const eventType = (...allowlist: string[]) => sns.SubscriptionFilter.stringFilter({ allowlist });

describe('TopicWorker', () => {
  test('BP-N1: the subscription\'s endpoint is the alias ARN; the permission admits SNS for this topic on the alias', () => {
    const { t } = worker();
    const fn = logicalIdsOf(t, 'AWS::Lambda::Function')[0];
    const topic = logicalIdsOf(t, 'AWS::SNS::Topic')[0];
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda', TopicArn: { Ref: topic }, Endpoint: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [fn, 'Arn'] }, ':live']] },
    });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: logicalIdsOf(t, 'AWS::Lambda::Alias')[0] }, Principal: 'sns.amazonaws.com', SourceArn: { Ref: topic },
    });
    // The subscription waits for the alias it names.
    expect(t.findResources('AWS::SNS::Subscription')[logicalIdsOf(t, 'AWS::SNS::Subscription')[0]].DependsOn).toContain(logicalIdsOf(t, 'AWS::Lambda::Alias')[0]);
  });

  test('BP-N2: a created topic is encrypted (AWS managed key by default, or the key given) and requires TLS', () => {
    const { t } = worker();
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('alias/aws/sns')])] }) });
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })] },
    });
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    new TopicWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, encryptionKey: key });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [logicalIdsOf(Template.fromStack(stack), 'AWS::KMS::Key')[0], 'Arn'] } });
  });

  test('BP-N3: the subscription has a redrive policy to an SSE, TLS-only, 14-day queue that admits SNS for this topic only', () => {
    const { t } = worker();
    const dlq = logicalIdsOf(t, 'AWS::SQS::Queue')[0];
    const topic = logicalIdsOf(t, 'AWS::SNS::Topic')[0];
    t.hasResourceProperties('AWS::SNS::Subscription', { RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] } } });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' }, Condition: { ArnEquals: { 'aws:SourceArn': { Ref: topic } } } }),
        ]),
      },
    });
  });

  test('BP-N4: a filter policy on attributes, or on the message body, reaches the subscription', () => {
    worker({ filterPolicy: { eventType: eventType('order-placed', 'order-paid') } }).t
      .hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { eventType: ['order-placed', 'order-paid'] } });
    worker({ filterPolicyWithMessageBody: { order: sns.FilterOrPolicy.policy({ status: sns.FilterOrPolicy.filter(eventType('PAID')) }) } }).t
      .hasResourceProperties('AWS::SNS::Subscription', { FilterPolicy: { order: { status: ['PAID'] } }, FilterPolicyScope: 'MessageBody' });
  });

  test('BP-N5/F11: async config on the alias, failed invocations to the redrive queue; one queue, one alarm for both', () => {
    const { t } = worker();
    const dlq = logicalIdsOf(t, 'AWS::SQS::Queue');
    expect(dlq).toHaveLength(1);
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq[0], 'Arn'] } } } });
  });

  test('BP-N7: NumberOfNotificationsFailed, redrive failures and the redrive queue depth alarm, with the function\'s actions', () => {
    const stack = testStack();
    const alerts = new sns.Topic(stack, 'Alerts');
    new TopicWorker(stack, 'Worker', { functionProps: { code: inlineCode(), alarms: { topic: alerts } } });
    const t = Template.fromStack(stack);
    const workerTopic = logicalIdsOf(t, 'AWS::SNS::Topic').find(id => id.startsWith('Worker'))!;
    for (const metric of ['NumberOfNotificationsFailed', 'NumberOfNotificationsFailedToRedriveToDlq']) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SNS',
        MetricName: metric,
        Threshold: 1,
        Statistic: 'Sum',
        Dimensions: [{ Name: 'TopicName', Value: { 'Fn::GetAtt': [workerTopic, 'TopicName'] } }],
        AlarmActions: [{ Ref: logicalIdsOf(t, 'AWS::SNS::Topic').find(id => id.startsWith('Alerts')) }],
      });
    }
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Threshold: 1 });
  });

  test('BP-I3: the idempotency window covers SNS\'s 23 days of delivery retries plus Lambda\'s async event age', () => {
    worker({ functionProps: { code: inlineCode(), idempotency: {} } }).t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ IDEMPOTENCY_EXPIRES_AFTER_SECONDS: String(23 * 86_400 + 6 * 3600) }) },
    });
  });

  test('BP-F14: grantPublish with the AWS managed key is sns:Publish alone (no kms:GenerateDataKey* wildcard); with a customer key, the key too', () => {
    const stack = testStack();
    const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const w = new TopicWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, encryptionKey: key });
    const role = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    w.grantPublish(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
  });

  test('grantPublish lets a role publish to the topic', () => {
    const stack = testStack();
    const w = new TopicWorker(stack, 'Worker', { functionProps: { code: inlineCode() } });
    const role = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    w.grantPublish(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'sns:Publish', Resource: { Ref: logicalIdsOf(Template.fromStack(stack), 'AWS::SNS::Topic')[0] } })] },
    });
  });

  test('two workers on one topic of a shared stack; the shared stack never depends on the service stack', () => {
    const app = new App();
    const shared = new Stack(app, 'Shared', { env: TEST_ENV });
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    const topic = new sns.Topic(shared, 'Orders', { enforceSSL: true });
    new TopicWorker(service, 'Email', { topic, functionProps: { code: inlineCode() } });
    new TopicWorker(service, 'Audit', { topic, functionProps: { code: inlineCode() }, filterPolicy: { eventType: eventType('order-paid') } });
    const sharedT = Template.fromStack(shared);
    sharedT.resourceCountIs('AWS::SNS::Subscription', 0);
    expect(JSON.stringify(sharedT.toJSON())).not.toContain('Fn::ImportValue');
    Template.fromStack(service).resourceCountIs('AWS::SNS::Subscription', 2);
    expect(shared.dependencies).not.toContain(service);
  });

  test('an imported topic, and one in another region (the subscription names its region)', () => {
    const stack = testStack();
    const topic = sns.Topic.fromTopicArn(stack, 'T', 'arn:aws:sns:eu-west-1:123456789012:orders');
    new TopicWorker(stack, 'Worker', { topic, functionProps: { code: inlineCode() } });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', { TopicArn: 'arn:aws:sns:eu-west-1:123456789012:orders', Region: 'eu-west-1' });
  });

  test('an existing asynchronous function is used as it is; a synchronous one is refused', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), invokedAsynchronously: true });
    const w = new TopicWorker(stack, 'Worker', { function: fn });
    expect(w.function).toBe(fn);
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
    const sync = new ServerlessFunction(stack, 'Sync', { code: inlineCode() });
    expectViolation(errorOf(() => new TopicWorker(stack, 'W2', { function: sync })), 'N5', 'TestStack/W2', 'function',
      'TestStack/Sync, which is not configured for asynchronous invocation', 'SNS invokes it asynchronously');
  });
});

/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: [string, (stack: Stack) => Partial<TopicWorkerProps>, string, string, string, string][] = [
  ['both filter policies', () => ({ filterPolicy: { a: eventType('x') }, filterPolicyWithMessageBody: { a: sns.FilterOrPolicy.filter(eventType('x')) } }),
    'N4', 'filterPolicy, filterPolicyWithMessageBody', 'both given', 'one filter policy per subscription'],
  ['six attribute keys', () => ({ filterPolicy: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map(k => [k, eventType('x')])) }),
    'N4', 'filterPolicy', '6 keys (a, b, c, d, e, f)', '1 to 5 keys'],
  ['an empty filter policy', () => ({ filterPolicy: {} }), 'N4', 'filterPolicy', 'empty (it filters nothing)', '1 to 5 keys'],
  ['151 combinations', () => ({ filterPolicy: { a: eventType(...Array.from({ length: 151 }, (_, i) => `v${i}`)) } }),
    'N4', 'filterPolicy', '151 combinations of values', 'at most 150'],
  ['13 × 12 combinations', () => ({ filterPolicy: { a: eventType(...Array.from({ length: 13 }, (_, i) => `a${i}`)), b: eventType(...Array.from({ length: 12 }, (_, i) => `b${i}`)) } }),
    'N4', 'filterPolicy', '156 combinations of values', 'at most 150'],
  ['a filter over 256 KB', () => ({ filterPolicy: { a: sns.SubscriptionFilter.stringFilter({ matchPrefixes: ['x'.repeat(270_000)] }) } }),
    'N4', 'filterPolicy', '270,', 'at most 262,144 bytes'],
  ['a list where a filter goes (plain JavaScript)', () => ({ filterPolicy: { eventType: ['order-placed'] as any } }),
    'F20', 'filterPolicy.eventType', 'a list', 'an sns.SubscriptionFilter'],
  ['a plain object in the body policy', () => ({ filterPolicyWithMessageBody: { status: { allowlist: ['x'] } as any } }),
    'F20', 'filterPolicyWithMessageBody.status', 'a plain object', 'an sns.FilterOrPolicy'],
  ['six body keys', () => ({ filterPolicyWithMessageBody: Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map(k => [k, sns.FilterOrPolicy.filter(eventType('x'))])) }),
    'N4', 'filterPolicyWithMessageBody', '6 keys', '1 to 5 keys'],
  ['a FIFO topic', (s) => ({ topic: new sns.Topic(s, 'Fifo', { fifo: true }) }), 'N1', 'topic', 'a FIFO topic', 'SNS delivers FIFO topics to SQS queues only'],
  ['a key with a given topic', (s) => ({ topic: new sns.Topic(s, 'T'), encryptionKey: new kms.Key(s, 'K') }), 'N2', 'encryptionKey', 'set together with topic', 'only for the topic the worker creates'],
  ['a redrive queue with the AWS managed key', (s) => ({ deadLetterQueue: new sqs.Queue(s, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED }) }),
    'N6', 'deadLetterQueue', 'a queue encrypted with the AWS managed key alias/aws/sqs', 'SNS cannot use the AWS managed key'],
  ['timeout reaches the core', () => ({ functionProps: { code: inlineCode(), timeout: Duration.minutes(16) } }), 'F4', 'timeout', '960 s', 'from 1 to 900 s'],
  ['neither function nor functionProps', () => ({ functionProps: undefined }), 'R9', 'function / functionProps', 'neither given', 'exactly one'],
];

describe('TopicWorker bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new TopicWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, ...props(stack) }));
    expectViolation(message, rule, 'TestStack/Worker', prop, value, allowed);
  });
});
