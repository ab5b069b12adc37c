/**
 * Props passed through as `undefined` (an optional value forwarded, a Python `None`) never wipe out a
 * library default: found by the input-contract generator (a throttle with only burstLimit lost the default
 * rate limit, and cdk-nag reported default throttling) (BP-A4, Q2, S3, X4).
 */
import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { QueueWorker, ScheduledJob, ServerlessApi } from '../../src';
import { errorOf, inlineCode, testStack } from '../helpers';

test('BP-A4: a throttle with only burstLimit keeps the default rate limit', () => {
  const stack = testStack();
  new ServerlessApi(stack, 'Api', { throttle: { rateLimit: undefined, burstLimit: 50 }, routes: { 'GET /x': { code: inlineCode() } } });
  Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', { DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 50 } });
});

test('BP-Q2/F4: functionProps.timeout: undefined keeps QueueWorker\'s 30 s default (and the 180 s visibility timeout)', () => {
  const stack = testStack();
  new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode(), timeout: undefined } });
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::Lambda::Function', { Timeout: 30 });
  t.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 180 });
});

test('BP-S3: functionProps.onFailure: undefined keeps the job\'s dead-letter queue as the on-failure destination', () => {
  const stack = testStack();
  const job = new ScheduledJob(stack, 'Job', { schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: { code: inlineCode(), onFailure: undefined } });
  const t = Template.fromStack(stack);
  t.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { DestinationConfig: { OnFailure: { Destination: stack.resolve(job.deadLetterQueue.queueArn) } } });
  t.resourceCountIs('AWS::SQS::Queue', 1);
});

test('BP-A8: a route prop passed as undefined keeps functionDefaults', () => {
  const stack = testStack();
  new ServerlessApi(stack, 'Api', { functionDefaults: { memorySize: 256 }, routes: { 'GET /x': { code: inlineCode(), memorySize: undefined } } });
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { MemorySize: 256 });
});

test('BP-Q7: a batching window of 0 s on a FIFO queue gets the library\'s message, not aws-cdk-lib\'s', () => {
  const message = errorOf(() => new QueueWorker(testStack(), 'Worker', {
    functionProps: { code: inlineCode() }, fifo: true, maxBatchingWindow: Duration.seconds(0),
  }));
  expect(message).toContain('[Q7] TestStack/Worker: maxBatchingWindow is 0 s on a FIFO queue');
});
