import { Duration, TimeZone } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ScheduledJob, ScheduledJobProps } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

const nightly = scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' });

function job(extra: Partial<ScheduledJobProps> = {}) {
  const stack = testStack();
  const j = new ScheduledJob(stack, 'Job', { schedule: nightly, functionProps: { code: inlineCode() }, ...extra });
  const t = Template.fromStack(stack);
  return { stack, j, t };
}

/** The schedule's target ARN must be the alias (a Ref to the alias is its ARN). */
function aliasOf(t: Template): string {
  return logicalIdsOf(t, 'AWS::Lambda::Alias')[0];
}

describe('ScheduledJob', () => {
  test('BP-S1: an EventBridge Scheduler schedule, not an events rule; flexible window off', () => {
    const { t } = job();
    t.resourceCountIs('AWS::Scheduler::Schedule', 1);
    t.resourceCountIs('AWS::Events::Rule', 0);
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0 2 * * ? *)', FlexibleTimeWindow: { Mode: 'OFF' }, State: 'ENABLED',
    });
  });

  test('BP-S1: time zone, flexible window, start/end, disabled, static input', () => {
    const { t } = job({
      timeZone: TimeZone.EUROPE_BERLIN,
      flexibleTimeWindow: Duration.minutes(15),
      start: new Date('2027-01-01T00:00:00Z'),
      end: new Date('2027-12-31T00:00:00Z'),
      enabled: false,
      input: scheduler.ScheduleTargetInput.fromObject({ mode: 'full' }),
    });
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpressionTimezone: 'Europe/Berlin',
      FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
      StartDate: '2027-01-01T00:00:00.000Z',
      EndDate: '2027-12-31T00:00:00.000Z',
      State: 'DISABLED',
      Target: { Input: '{"mode":"full"}' },
    });
  });

  test('BP-S1: rate and one-time at expressions', () => {
    job({ schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)) }).t
      .hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 hour)' });
    job({ schedule: scheduler.ScheduleExpression.at(new Date(Date.UTC(2027, 0, 1, 6, 0, 0))) }).t
      .hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'at(2027-01-01T06:00:00)' });
  });

  test('BP-S2: targets the alias with an explicit retry policy and a dead-letter queue', () => {
    const { t } = job();
    const dlq = logicalIdsOf(t, 'AWS::SQS::Queue');
    expect(dlq).toHaveLength(1);
    t.hasResourceProperties('AWS::Scheduler::Schedule', {
      Target: {
        Arn: { Ref: aliasOf(t) },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlq[0], 'Arn'] } },
      },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
  });

  test('BP-S2: the scheduler role may invoke only the alias', () => {
    const { t } = job();
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { Ref: aliasOf(t) } }]) },
    });
  });

  test('BP-S3: async config on the alias with the same queue as on-failure destination', () => {
    const { t, j } = job();
    const [dlq] = logicalIdsOf(t, 'AWS::SQS::Queue');
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      Qualifier: { 'Fn::Select': [7, { 'Fn::Split': [':', { Ref: aliasOf(t) }] }] },
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [dlq, 'Arn'] } } },
    });
    expect(j.function.invokedAsynchronously).toBe(true);
  });

  test('BP-S4: runs do not overlap — reserved concurrency 1 — unless allowed', () => {
    job().t.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1 });
    const free = job({ allowConcurrentRuns: true }).t;
    const fn = Object.values(free.findResources('AWS::Lambda::Function'))[0] as { Properties: Record<string, unknown> };
    expect(fn.Properties.ReservedConcurrentExecutions).toBeUndefined();
    job({ allowConcurrentRuns: true, functionProps: { code: inlineCode(), reservedConcurrentExecutions: 3 } }).t
      .hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 3 });
  });

  test('BP-S5: a 5-minute timeout by default, up to 900 s', () => {
    job().t.hasResourceProperties('AWS::Lambda::Function', { Timeout: 300 });
    job({ functionProps: { code: inlineCode(), timeout: Duration.minutes(15) } }).t
      .hasResourceProperties('AWS::Lambda::Function', { Timeout: 900 });
  });

  test('BP-S6: alarms on the DLQ depth, errors and duration near the timeout', () => {
    const { t, j } = job();
    const [dlq] = logicalIdsOf(t, 'AWS::SQS::Queue');
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 1,
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }],
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors' });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 240000 });
    // every alarm in the template is exposed: errors, throttles, duration, 2 async-delivery alarms, DLQ depth
    expect(j.alarms).toHaveLength(6);
    expect(logicalIdsOf(t, 'AWS::CloudWatch::Alarm')).toHaveLength(6);
    // the on-failure destination is the job's DLQ, so the core makes no second failure queue
    expect(j.function.asyncFailureQueue).toBeUndefined();
  });

  test('a schedule group', () => {
    const stack = testStack();
    const group = new scheduler.ScheduleGroup(stack, 'Group', { scheduleGroupName: 'jobs' });
    new ScheduledJob(stack, 'Job', { schedule: nightly, functionProps: { code: inlineCode() }, scheduleGroup: group });
    Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', { GroupName: 'jobs' });
  });
});
