/**
 * Values real apps pass: a timeout from a CfnParameter, buckets imported by name and by ARN, queues imported
 * by ARN (BP-Q2, F15, P4).
 */
import { CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { QueueWorker, S3Pipeline } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

function timeoutParameter(stack: Stack): Duration {
  return Duration.seconds(new CfnParameter(stack, 'Timeout', { type: 'Number', default: 60, maxValue: 120 }).valueAsNumber);
}

describe('BP-Q2: a function timeout that is a token', () => {
  test('a created queue without visibilityTimeout is refused (it would keep SQS\'s 30 s default)', () => {
    const stack = testStack();
    const message = errorOf(() => new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode(), timeout: timeoutParameter(stack) } }));
    expectViolation(message, 'Q2', 'TestStack/Worker', 'visibilityTimeout', 'unset while functionProps.timeout (or maxBatchingWindow) is a token unknown at synth time', 'at least 6 × the function timeout');
  });

  test('with visibilityTimeout given, the queue has it, and both unchecked facts are said as warnings', () => {
    const stack = testStack();
    new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode(), timeout: timeoutParameter(stack) }, visibilityTimeout: Duration.seconds(720) });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 720, RedrivePolicy: Match.anyValue() });
    t.hasResourceProperties('AWS::Lambda::Function', { Timeout: { Ref: 'Timeout' } });
    const warnings = Annotations.fromStack(stack);
    warnings.hasWarning('/TestStack/Worker', Match.stringLikeRegexp('\\[Q2\\] The function timeout .* is a token, so visibilityTimeout cannot be checked'));
    warnings.hasWarning('/TestStack/Worker/Function', Match.stringLikeRegexp('\\[F15\\] No p99 duration alarm was created: the timeout is a token'));
  });

  test('an existing queue with a token timeout: warned, not silently passed', () => {
    const stack = testStack();
    const queue = sqs.Queue.fromQueueArn(stack, 'Q', 'arn:aws:sqs:us-east-1:123456789012:orders');
    new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode(), timeout: timeoutParameter(stack) }, queue });
    Annotations.fromStack(stack).hasWarning('/TestStack/Worker', Match.stringLikeRegexp('queue\'s visibility timeout cannot be checked at synth time'));
  });
});

describe('BP-P4: the recursion guard compares buckets, not objects', () => {
  const shared = { functionProps: { code: inlineCode() }, inputPrefix: 'in/' };

  test.each([
    ['the same name imported twice', (s: Stack) => [s3.Bucket.fromBucketName(s, 'A', 'media'), s3.Bucket.fromBucketName(s, 'B', 'media')]],
    ['by name and by ARN', (s: Stack) => [s3.Bucket.fromBucketName(s, 'A', 'media'), s3.Bucket.fromBucketArn(s, 'B', 'arn:aws:s3:::media')]],
    ['a bucket of the app and an import of its name token', (s: Stack) => {
      const b = new s3.Bucket(s, 'Media');
      return [b, s3.Bucket.fromBucketName(s, 'B', b.bucketName)];
    }],
    ['a bucket with a physical name and an import of that name', (s: Stack) => [new s3.Bucket(s, 'Media', { bucketName: 'media' }), s3.Bucket.fromBucketName(s, 'B', 'media')]],
  ])('%s: a pipeline writing where it reads is refused', (_, buckets) => {
    const stack = testStack();
    const [inputBucket, outputBucket] = buckets(stack);
    const message = errorOf(() => new S3Pipeline(stack, 'P', { ...shared, inputBucket, outputBucket }));
    expectViolation(message, 'P4', 'TestStack/P', 'outputBucket', "the input bucket, with outputPrefix unset (inputPrefix 'in/')", 'an outputPrefix that no input key can start with');
  });

  test('two different imported buckets are two buckets', () => {
    const stack = testStack();
    expect(() => new S3Pipeline(stack, 'P', {
      ...shared, inputBucket: s3.Bucket.fromBucketName(stack, 'A', 'media-in'), outputBucket: s3.Bucket.fromBucketName(stack, 'B', 'media-out'),
    })).not.toThrow();
  });
});
