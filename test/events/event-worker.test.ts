import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { EventWorker, EventWorkerProps, ServerlessFunction, VpcFunction } from '../../src';
import { errorOf, expectViolation, inlineCode, logicalIdsOf, TEST_ENV, testStack } from '../helpers';

const pattern: events.EventPattern = { source: ['my.orders'], detailType: ['OrderPlaced'] };

function worker(extra: Partial<EventWorkerProps> = {}) {
  const stack = testStack();
  const w = new EventWorker(stack, 'Worker', { eventPattern: pattern, functionProps: { code: inlineCode() }, ...extra });
  return { stack, w, t: Template.fromStack(stack) };
}

function alarmOn(t: Template, metricName: string): any {
  return Object.values(t.findResources('AWS::CloudWatch::Alarm', { Properties: { MetricName: metricName } }))[0]?.Properties;
}

describe('EventWorker', () => {
  test('BP-E1: the rule matches the pattern and targets the alias, never $LATEST; the permission is scoped to the rule', () => {
    const { t } = worker();
    const alias = logicalIdsOf(t, 'AWS::Lambda::Alias')[0];
    const rule = logicalIdsOf(t, 'AWS::Events::Rule')[0];
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['my.orders'], 'detail-type': ['OrderPlaced'] },
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: { Ref: alias } })],
    });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { Ref: alias }, Principal: 'events.amazonaws.com', SourceArn: { 'Fn::GetAtt': [rule, 'Arn'] },
    });
  });

  test('BP-E2: the retry policy is written explicitly (10 attempts, 1 hour), and what the user gives is kept', () => {
    worker().t.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 10, MaximumEventAgeInSeconds: 3600 } })],
    });
    worker({ retryAttempts: 0, maxEventAge: Duration.hours(24) }).t.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 86_400 } })],
    });
  });

  test('BP-E3: a dead-letter queue on the target, SSE, TLS-only, 14 days, admitting EventBridge for this rule only', () => {
    const { t, w } = worker();
    const dlq = logicalIdsOf(t, 'AWS::SQS::Queue');
    expect(dlq).toHaveLength(1);
    const rule = logicalIdsOf(t, 'AWS::Events::Rule')[0];
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
    t.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq[0], 'Arn'] } } })] });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sqs:SendMessage',
            Principal: { Service: 'events.amazonaws.com' },
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [rule, 'Arn'] } } },
          }),
        ]),
      },
    });
    expect(w.deadLetterQueue).toBeDefined();
  });

  test('BP-E3: a given dead-letter queue is used (and gets the statement); an imported one gets a warning', () => {
    const stack = testStack();
    const dlq = new sqs.Queue(stack, 'MyDlq', { enforceSSL: true });
    new EventWorker(stack, 'Worker', { eventPattern: pattern, functionProps: { code: inlineCode() }, deadLetterQueue: dlq });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::SQS::Queue', 1);
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })]) },
    });
    const stack2 = testStack();
    new EventWorker(stack2, 'Worker', {
      eventPattern: pattern,
      functionProps: { code: inlineCode() },
      deadLetterQueue: sqs.Queue.fromQueueArn(stack2, 'Imported', 'arn:aws:sqs:us-east-1:123456789012:dlq'),
    });
    Annotations.fromStack(stack2).hasWarning('/TestStack/Worker', Match.stringLikeRegexp('\\[E3\\] The imported dead-letter queue'));
  });

  test('BP-E4/F11: async config on the alias qualifier, failed invocations to the same queue; the user\'s onFailure is kept', () => {
    const { t } = worker();
    const dlq = logicalIdsOf(t, 'AWS::SQS::Queue')[0];
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      Qualifier: Match.objectLike({ 'Fn::Select': [7, Match.anyValue()] }),
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
    });
    const stack = testStack();
    const mine = new sqs.Queue(stack, 'Failures', { enforceSSL: true });
    new EventWorker(stack, 'Worker', { eventPattern: pattern, functionProps: { code: inlineCode(), onFailure: new destinations.SqsDestination(mine) } });
    const t2 = Template.fromStack(stack);
    const failures = Object.keys(t2.findResources('AWS::SQS::Queue')).find(id => id.startsWith('Failures'))!;
    t2.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failures, 'Arn'] } } } });
  });

  test('BP-E6: FailedInvocations (RuleName on the default bus), DLQ delivery failures and DLQ depth alarm, with the function\'s topic', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts');
    const w = new EventWorker(stack, 'Worker', { eventPattern: pattern, functionProps: { code: inlineCode(), alarms: { topic } } });
    const t = Template.fromStack(stack);
    const rule = logicalIdsOf(t, 'AWS::Events::Rule')[0];
    const failed = alarmOn(t, 'FailedInvocations');
    expect(failed).toMatchObject({ Namespace: 'AWS/Events', Statistic: 'Sum', Threshold: 1, Dimensions: [{ Name: 'RuleName', Value: { Ref: rule } }] });
    expect(failed.AlarmActions).toEqual([{ Ref: logicalIdsOf(t, 'AWS::SNS::Topic')[0] }]);
    expect(alarmOn(t, 'InvocationsFailedToBeSentToDlq')).toMatchObject({ Namespace: 'AWS/Events', Threshold: 1 });
    expect(alarmOn(t, 'ApproximateNumberOfMessagesVisible')).toMatchObject({ Threshold: 1, Statistic: 'Maximum' });
    // The function's own alarms (F15) and the async ones are there too.
    expect(alarmOn(t, 'Errors')).toBeDefined();
    expect(alarmOn(t, 'AsyncEventsDropped')).toBeDefined();
    expect(w.alarms.length).toBe(t.toJSON() && Object.keys(t.findResources('AWS::CloudWatch::Alarm')).length);
  });

  test('BP-E6: on a custom bus the alarms carry EventBusName and RuleName (EventBridge metrics dimensions)', () => {
    const stack = testStack();
    const bus = new events.EventBus(stack, 'Bus');
    new EventWorker(stack, 'Worker', { eventBus: bus, eventPattern: pattern, functionProps: { code: inlineCode() } });
    const t = Template.fromStack(stack);
    expect(alarmOn(t, 'FailedInvocations').Dimensions).toEqual([
      { Name: 'EventBusName', Value: { Ref: logicalIdsOf(t, 'AWS::Events::EventBus')[0] } },
      { Name: 'RuleName', Value: { Ref: logicalIdsOf(t, 'AWS::Events::Rule')[0] } },
    ]);
  });

  test('BP-E6: alarms off creates none', () => {
    const { t, w } = worker({ functionProps: { code: inlineCode(), alarms: { enabled: false } } });
    t.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(w.alarms).toEqual([]);
  });

  test('BP-E7/I3: the idempotency window covers EventBridge\'s event age plus Lambda\'s async event age', () => {
    const { t } = worker({ maxEventAge: Duration.hours(2), functionProps: { code: inlineCode(), idempotency: {}, maxEventAge: Duration.hours(1) } });
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ IDEMPOTENCY_EXPIRES_AFTER_SECONDS: String(3 * 3600) }) } });
    const message = errorOf(() => worker({ functionProps: { code: inlineCode(), idempotency: { expiresAfter: Duration.minutes(390) } } }));
    // 6.5 h covers Lambda's 6 hours, not the 1 hour EventBridge may add before them.
    expect(message).toMatch(/\[I3\].*idempotency\.expiresAfter is 23400 s, shorter than the retry window of 25200 s \(EventBridge maxEventAge/);
  });

  test('BP-E5: a bus in a shared stack; the worker in a service stack; the shared stack never depends on the service stack', () => {
    const app = new App();
    const shared = new Stack(app, 'Shared', { env: TEST_ENV });
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    const bus = new events.EventBus(shared, 'Bus');
    new EventWorker(service, 'Audit', { eventBus: bus, eventPattern: pattern, functionProps: { code: inlineCode() } });
    new EventWorker(service, 'Audit2', { eventBus: bus, eventPattern: { source: ['my.payments'] }, functionProps: { code: inlineCode() } });
    expect(JSON.stringify(Template.fromStack(shared).toJSON())).not.toContain('Fn::ImportValue');
    const t = Template.fromStack(service);
    t.resourceCountIs('AWS::Events::Rule', 2);
    t.hasResourceProperties('AWS::Events::Rule', { EventBusName: { 'Fn::ImportValue': Match.stringLikeRegexp('Shared') } });
    expect(service.dependencies).toContain(shared);
    expect(shared.dependencies).not.toContain(service);
  });

  test('BP-E5: a bus imported by ARN works; one of another account or region is refused', () => {
    const { t } = worker({ eventBus: events.EventBus.fromEventBusArn(testStack(), 'B', 'arn:aws:events:us-east-1:123456789012:event-bus/orders') });
    t.hasResourceProperties('AWS::Events::Rule', { EventBusName: 'orders' });
    const stack = testStack();
    expectViolation(errorOf(() => new EventWorker(stack, 'Worker', {
      eventPattern: pattern,
      functionProps: { code: inlineCode() },
      eventBus: events.EventBus.fromEventBusArn(stack, 'B', 'arn:aws:events:us-east-1:999999999999:event-bus/orders'),
    })), 'E5', 'TestStack/Worker', 'eventBus', 'a bus in account 999999999999 (this stack is in 123456789012)', 'the stack\'s own account and region');
    const stack2 = testStack();
    expectViolation(errorOf(() => new EventWorker(stack2, 'Worker', {
      eventPattern: pattern,
      functionProps: { code: inlineCode() },
      eventBus: events.EventBus.fromEventBusArn(stack2, 'B', 'arn:aws:events:eu-west-1:123456789012:event-bus/orders'),
    })), 'E5', 'TestStack/Worker', 'eventBus', 'a bus in region eu-west-1 (this stack is in us-east-1)', 'account and region');
  });

  test('BP-X4: CfnParameter values for the retry policy are written through unchecked', () => {
    const stack = testStack();
    const attempts = new CfnParameter(stack, 'Attempts', { type: 'Number', default: 5 }).valueAsNumber;
    const age = new CfnParameter(stack, 'Age', { type: 'Number', default: 600 }).valueAsNumber;
    new EventWorker(stack, 'Worker', { eventPattern: pattern, functionProps: { code: inlineCode() }, retryAttempts: attempts, maxEventAge: Duration.seconds(age) });
    Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: { Ref: 'Attempts' }, MaximumEventAgeInSeconds: { Ref: 'Age' } } })],
    });
  });

  test('BP-E1: an input transformation, a rule name, a description and a disabled rule reach the template', () => {
    worker({
      input: events.RuleTargetInput.fromEventPath('$.detail'), ruleName: 'orders.audit-1', description: 'audit', enabled: false,
    }).t.hasResourceProperties('AWS::Events::Rule', {
      Name: 'orders.audit-1', Description: 'audit', State: 'DISABLED', Targets: [Match.objectLike({ InputPath: '$.detail' })],
    });
  });
});

describe('EventWorker with an existing function (BP-R9)', () => {
  test('an asynchronous ServerlessFunction is used as it is; no second function, no async config added', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Shared', { code: inlineCode(), invokedAsynchronously: true });
    const w = new EventWorker(stack, 'Worker', { eventPattern: pattern, function: fn });
    expect(w.function).toBe(fn);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    t.hasResourceProperties('AWS::Events::Rule', { Targets: [Match.objectLike({ Arn: { Ref: logicalIdsOf(t, 'AWS::Lambda::Alias')[0] } })] });
    // The worker's alarms are the rule's (the function keeps its own).
    expect(w.alarms.map(a => a.node.path).every(p => p.startsWith('TestStack/Worker/'))).toBe(true);
  });

  test('a VpcFunction\'s function in a network stack: the rule, permission and alarms live in the service stack', () => {
    const app = new App();
    const network = new Stack(app, 'Network', { env: TEST_ENV });
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    const db = new VpcFunction(network, 'Db', { functionProps: { code: inlineCode(), invokedAsynchronously: true } });
    new EventWorker(service, 'Worker', { eventPattern: pattern, function: db.function });
    const net = Template.fromStack(network);
    net.resourceCountIs('AWS::Events::Rule', 0);
    net.resourceCountIs('AWS::Lambda::Permission', 0);
    expect(JSON.stringify(net.toJSON())).not.toContain('Fn::ImportValue');
    const svc = Template.fromStack(service);
    svc.resourceCountIs('AWS::Lambda::Permission', 1);
    expect(Object.keys(svc.findResources('AWS::CloudWatch::Alarm')).length).toBe(3);
  });

  test('a function that is not asynchronous is refused with the fix; so are both, neither, and a VpcFunction itself', () => {
    const stack = testStack();
    const sync = new ServerlessFunction(stack, 'Sync', { code: inlineCode() });
    expectViolation(errorOf(() => new EventWorker(stack, 'W1', { eventPattern: pattern, function: sync })),
      'E4', 'TestStack/W1', 'function', 'TestStack/Sync, which is not configured for asynchronous invocation', 'EventBridge invokes it asynchronously');
    expectViolation(errorOf(() => new EventWorker(stack, 'W2', { eventPattern: pattern, function: sync, functionProps: { code: inlineCode() } })),
      'R9', 'TestStack/W2', 'function / functionProps', 'both given', 'exactly one');
    expectViolation(errorOf(() => new EventWorker(stack, 'W3', { eventPattern: pattern })),
      'R9', 'TestStack/W3', 'function / functionProps', 'neither given', 'exactly one');
    const vpc = new VpcFunction(stack, 'Vpc', { functionProps: { code: inlineCode() } });
    const message = errorOf(() => new EventWorker(stack, 'W4', { eventPattern: pattern, function: vpc as any }));
    expectViolation(message, 'F20', 'TestStack/W4', 'function', 'a VpcFunction', 'a ServerlessFunction');
    expect(message).toContain('pass its .function');
  });
});
