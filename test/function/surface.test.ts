import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ServerlessFunction } from '../../src';
import { errorOf, inlineCode, logicalIdsOf, testStack } from '../helpers';

describe('ServerlessFunction public surface', () => {
  test('metric helpers are the function\'s metrics (namespace AWS/Lambda, dimension FunctionName)', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    const metrics = [fn.metricErrors(), fn.metricThrottles(), fn.metricDuration(), fn.metricInvocations(), fn.metric('ConcurrentExecutions')];
    expect(metrics.map(m => m.metricName)).toEqual(['Errors', 'Throttles', 'Duration', 'Invocations', 'ConcurrentExecutions']);
    for (const m of metrics) {
      expect(m.namespace).toBe('AWS/Lambda');
      expect(stack.resolve(m.dimensions)).toEqual({ FunctionName: { Ref: logicalIdsOf(Template.fromStack(stack), 'AWS::Lambda::Function')[0] } });
    }
  });

  test('BP-F15: addAlarm uses the same actions and is recorded in alarms', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    const extra = fn.addAlarm('ConcurrencyAlarm', { metric: fn.metric('ConcurrentExecutions', { statistic: 'Maximum' }), threshold: 50, description: 'too busy' });
    expect(extra).toBeDefined();
    expect(fn.alarms).toHaveLength(4);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ConcurrentExecutions', Threshold: 50, AlarmDescription: 'too busy' });

    const off = new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), alarms: { enabled: false } });
    expect(off.addAlarm('X', { metric: new cloudwatch.Metric({ namespace: 'N', metricName: 'M' }), threshold: 1, description: 'd' })).toBeUndefined();
  });

  test('BP-F14: it is grantable: grants land on its own role', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    iam.Grant.addToPrincipal({ grantee: fn, actions: ['dynamodb:GetItem'], resourceArns: ['arn:aws:dynamodb:us-east-1:123456789012:table/orders'] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'dynamodb:GetItem', Resource: 'arn:aws:dynamodb:us-east-1:123456789012:table/orders' })]) },
    });
  });

  test('BP-F6: a log group passed in is used as it is, and the role may write only there', () => {
    const stack = testStack();
    const mine = new logs.LogGroup(stack, 'Mine', { retention: logs.RetentionDays.ONE_YEAR });
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), logGroup: mine });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Logs::LogGroup', 1);
    const [id] = logicalIdsOf(t, 'AWS::Logs::LogGroup');
    t.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogGroup: { Ref: id } } });
    expect(fn.logGroup).toBe(mine);
  });

  test('BP-F6: logRetention with logGroup, and LogRetention custom-resource options, are refused', () => {
    const mine = (s: ReturnType<typeof testStack>) => new logs.LogGroup(s, 'Mine');
    const s1 = testStack();
    expect(errorOf(() => new ServerlessFunction(s1, 'Fn', { code: inlineCode(), logGroup: mine(s1), logRetention: logs.RetentionDays.ONE_DAY })))
      .toMatch(/\[F6\] TestStack\/Fn: logRetention is 1 together with logGroup; allowed: logRetention only when the construct creates the log group/);
    const role = new iam.Role(testStack(), 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), logRetentionRole: role })))
      .toMatch(/\[F6\] TestStack\/Fn: logRetentionRole is set; allowed: nothing/);
  });

  test('BP-F11: a legacy function DLQ works but warns that destinations are preferred', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), deadLetterQueueEnabled: true });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[F11\\] A function dead-letter queue'));
  });
});
