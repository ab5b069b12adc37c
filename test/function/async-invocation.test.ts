import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServerlessFunction } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

/** The one EventInvokeConfig is qualified by the alias (its ARN's last part), not unqualified ($LATEST). */
function expectQualifierIsAlias(t: Template): void {
  const [alias] = logicalIdsOf(t, 'AWS::Lambda::Alias');
  const configs = Object.values(t.findResources('AWS::Lambda::EventInvokeConfig')) as { Properties: { Qualifier: unknown } }[];
  expect(configs).toHaveLength(1);
  expect(configs[0].Properties.Qualifier).toEqual({ 'Fn::Select': [7, { 'Fn::Split': [':', { Ref: alias }] }] });
}

describe('ServerlessFunction asynchronous invocation', () => {
  test('BP-F11: config on the alias qualifier with an encrypted 14-day on-failure queue and explicit retries', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), invokedAsynchronously: true });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    const [queue] = logicalIdsOf(t, 'AWS::SQS::Queue');
    expectQualifierIsAlias(t);
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queue, 'Arn'] } } },
    });
    t.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 });
    // TLS-only queue policy
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] },
    });
    expect(fn.asyncFailureQueue).toBeDefined();
    expect(fn.invokedAsynchronously).toBe(true);
  });

  test('BP-F11: lambda.FunctionOptions async props land on the alias, never on $LATEST', () => {
    const stack = testStack();
    const target = new sqs.Queue(stack, 'Mine', { enforceSSL: true });
    new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(), retryAttempts: 0, maxEventAge: Duration.hours(1), onFailure: new destinations.SqsDestination(target),
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::EventInvokeConfig', 1);
    expectQualifierIsAlias(t);
    t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 3600 });
    // the user's destination is used: no library-made queue
    t.resourceCountIs('AWS::SQS::Queue', 1);
  });

  test('BP-F15: async functions also alarm on dropped events, delivery failures and the failure queue', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), invokedAsynchronously: true });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'AsyncEventsDropped', Threshold: 1 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'DestinationDeliveryFailures', Threshold: 1 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateNumberOfMessagesVisible', Namespace: 'AWS/SQS', Threshold: 1 });
    expect(fn.alarms).toHaveLength(6);
  });

  test('BP-F11: a synchronous function gets no async config', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::EventInvokeConfig', 0);
    expect(fn.asyncFailureQueue).toBeUndefined();
  });
});
