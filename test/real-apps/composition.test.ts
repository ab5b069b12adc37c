/**
 * Composition both ways (BP-R9): every pattern that creates a function also takes an existing one — exactly one of
 * `functionProps` and `function` — and derives its checks from it; a function of another stack (a VpcFunction next to
 * its VPC) never makes that stack depend on the pattern's.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { QueueWorker, ScheduledJob, ServerlessFunction, StreamWorker, VpcFunction } from '../../src';
import { errorOf, expectViolation, inlineCode, logicalIdsOf, TEST_ENV, testStack } from '../helpers';

const nightly = scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' });

function twoStacks() {
  const app = new App();
  const network = new Stack(app, 'Network', { env: TEST_ENV });
  const service = new Stack(app, 'Service', { env: TEST_ENV });
  const db = new VpcFunction(network, 'Db', { functionProps: { code: inlineCode(), timeout: Duration.seconds(20), invokedAsynchronously: true, reservedConcurrentExecutions: 1 } });
  return { network, service, fn: db.function };
}

/** The network stack imports nothing, and the service stack's policy statements name no wildcard. */
function expectServiceSide(network: Stack, service: Stack): Template {
  expect(JSON.stringify(Template.fromStack(network).toJSON())).not.toContain('Fn::ImportValue');
  expect(network.dependencies).not.toContain(service);
  const t = Template.fromStack(service);
  for (const policy of Object.values(t.findResources('AWS::IAM::Policy'))) {
    for (const st of policy.Properties.PolicyDocument.Statement) expect(JSON.stringify(st.Resource)).not.toBe('"*"');
  }
  return t;
}

describe('QueueWorker with an existing function (BP-R9)', () => {
  test('BP-Q2/Q5: the visibility timeout and maximum concurrency come from the given function', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), timeout: Duration.seconds(40), reservedConcurrentExecutions: 4 });
    const w = new QueueWorker(stack, 'Worker', { function: fn });
    expect(w.function).toBe(fn);
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 240 });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { ScalingConfig: { MaximumConcurrency: 4 }, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    expect(w.alarms.map(a => a.node.path).every(p => p.startsWith('TestStack/Worker/'))).toBe(true);
    expectViolation(errorOf(() => new QueueWorker(stack, 'W2', { function: fn, maxConcurrency: 5 })), 'F10', 'TestStack/W2', 'maxConcurrency',
      '5 with the reserved concurrency of TestStack/Fn 4', 'no higher than the function\'s reserved concurrency');
  });

  test('a VpcFunction\'s function of a network stack: mapping, consume policy and alarms live in the service stack', () => {
    const { network, service, fn } = twoStacks();
    new QueueWorker(service, 'Worker', { function: fn });
    const t = expectServiceSide(network, service);
    t.resourceCountIs('AWS::Lambda::EventSourceMapping', 1);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['sqs:ReceiveMessage', 'sqs:DeleteMessage']) })]) },
      Roles: [{ 'Fn::ImportValue': Match.stringLikeRegexp('Network') }],
    });
    Template.fromStack(network).resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });

  test('both or neither of function and functionProps are refused', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    expectViolation(errorOf(() => new QueueWorker(stack, 'W', { function: fn, functionProps: { code: inlineCode() } })), 'R9', 'TestStack/W', 'function / functionProps', 'both given', 'exactly one');
    expectViolation(errorOf(() => new QueueWorker(stack, 'W2', {})), 'R9', 'TestStack/W2', 'function / functionProps', 'neither given', 'exactly one');
  });
});

describe('StreamWorker with an existing function (BP-R9)', () => {
  test('a Kinesis stream of the service stack feeds a function of the network stack; the network stack stays independent', () => {
    const { network, service, fn } = twoStacks();
    const stream = new kinesis.Stream(service, 'Events', { streamMode: kinesis.StreamMode.ON_DEMAND, encryption: kinesis.StreamEncryption.MANAGED });
    const w = new StreamWorker(service, 'Worker', { function: fn, stream });
    expect(w.function).toBe(fn);
    const t = expectServiceSide(network, service);
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'] });
    t.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['kinesis:GetRecords']) })]) } });
  });
});

describe('ScheduledJob with an existing function (BP-R9)', () => {
  test('an asynchronous function with reserved concurrency 1 is used as it is; the job\'s DLQ alarm lives with the job', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), invokedAsynchronously: true, reservedConcurrentExecutions: 1 });
    const job = new ScheduledJob(stack, 'Job', { schedule: nightly, function: fn });
    expect(job.function).toBe(fn);
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Scheduler::Schedule', { Target: Match.objectLike({ Arn: { Ref: logicalIdsOf(t, 'AWS::Lambda::Alias')[0] } }) });
    expect(job.alarms.map(a => a.node.path)).toEqual(['TestStack/Job/DeadLetterQueueAlarm/Resource'.replace('/Resource', '')]);
  });

  test('a synchronous function, or one that would let runs overlap, is refused (the job never changes it)', () => {
    const stack = testStack();
    const sync = new ServerlessFunction(stack, 'Sync', { code: inlineCode() });
    expectViolation(errorOf(() => new ScheduledJob(stack, 'J1', { schedule: nightly, function: sync })), 'S3', 'TestStack/J1', 'function',
      'TestStack/Sync, which is not configured for asynchronous invocation', 'EventBridge Scheduler invokes it asynchronously');
    const open = new ServerlessFunction(stack, 'Open', { code: inlineCode(), invokedAsynchronously: true });
    expectViolation(errorOf(() => new ScheduledJob(stack, 'J2', { schedule: nightly, function: open })), 'S4', 'TestStack/J2', 'function',
      'TestStack/Open, with reserved concurrency unset', 'reservedConcurrentExecutions: 1');
    expect(() => new ScheduledJob(stack, 'J3', { schedule: nightly, function: open, allowConcurrentRuns: true })).not.toThrow();
  });

  test('a function of a network stack: schedule, alarms and DLQ live in the service stack', () => {
    const { network, service, fn } = twoStacks();
    new ScheduledJob(service, 'Job', { schedule: nightly, function: fn });
    expectServiceSide(network, service).resourceCountIs('AWS::Scheduler::Schedule', 1);
  });
});
