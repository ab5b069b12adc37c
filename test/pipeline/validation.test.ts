import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3Pipeline, S3PipelineProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

type Row = [string, (s: Stack) => Partial<S3PipelineProps>, string, string, string, string];
const shared = (s: Stack, extra: Partial<S3PipelineProps> = {}) => { const b = new s3.Bucket(s, 'B'); return { inputBucket: b, outputBucket: b, ...extra }; };

/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: Row[] = [
  ['same bucket, no prefixes at all', s => shared(s), 'P4', 'outputBucket', 'the input bucket, with outputPrefix unset and no prefixes at all', 'an outputPrefix that no input key can start with'],
  ['same bucket, no output prefix', s => shared(s, { inputPrefix: 'in/' }), 'P4', 'outputBucket', "the input bucket, with outputPrefix unset (inputPrefix 'in/')", 'neither prefix may start with the other'],
  ['same bucket, equal prefixes', s => shared(s, { inputPrefix: 'data/', outputPrefix: 'data/' }), 'P4', 'outputPrefix', "'data/', equal to inputPrefix, in the same bucket", 'an outputPrefix'],
  ['same bucket, output under input', s => shared(s, { inputPrefix: 'data/', outputPrefix: 'data/out/' }), 'P4', 'outputPrefix', "'data/out/' overlapping inputPrefix 'data/' in the same bucket", 'neither prefix may start with the other'],
  ['same bucket, input under output', s => shared(s, { inputPrefix: 'data/in/', outputPrefix: 'data/' }), 'P4', 'outputPrefix', "'data/' overlapping inputPrefix 'data/in/' in the same bucket", 'neither prefix may start with the other'],
  ['same bucket, output everywhere but input only under a prefix', s => shared(s, { inputPrefix: 'in/', outputPrefix: '' }), 'P4', 'outputPrefix', "'' with input and output in the same bucket (inputPrefix 'in/')", 'an outputPrefix'],
  ['prefix with a space', () => ({ inputPrefix: 'my files/' }), 'P3', 'inputPrefix', "'my files/'", 'letters, digits'],
  ['suffix with a %', () => ({ inputSuffix: '100%.jpg' }), 'P3', 'inputSuffix', "'100%.jpg'", 'letters, digits'],
  ['prefix starting with /', () => ({ inputPrefix: '/incoming' }), 'P3', 'inputPrefix', "'/incoming'", 'not starting with /'],
  ['FIFO worker', () => ({ worker: { fifo: true } }), 'P2', 'worker.fifo', 'true', 'a standard queue'],
  ['the worker\'s own INPUT_BUCKET (it would be overwritten)', () => ({ functionProps: { code: inlineCode(), environment: { INPUT_BUCKET: 'mine', OUTPUT_PREFIX: 'x/' } } }), 'P4',
    'functionProps.environment.INPUT_BUCKET, functionProps.environment.OUTPUT_PREFIX', 'set', 'none of INPUT_BUCKET, INPUT_PREFIX, OUTPUT_BUCKET, OUTPUT_PREFIX'],
  ['4 KB counting the bucket names the pipeline adds', () => ({ functionProps: { code: inlineCode(), environment: { CONFIG: 'c'.repeat(3950) } } }), 'F12', 'environment',
    '4,119 bytes', 'at most 4,096 bytes'],
  ['recursive loops allowed', () => ({ functionProps: { code: inlineCode(), recursiveLoop: lambda.RecursiveLoop.ALLOW } }), 'P4', 'functionProps.recursiveLoop', 'ALLOW', 'TERMINATE'],
  ['reconciliation minimum age below a minute', () => ({ reconciliation: { minimumAge: Duration.seconds(5) } }), 'P6', 'reconciliation.minimumAge', '5 s', 'from 60 to'],
  ['QueueWorker validation reaches through (batch > 10 without window)', () => ({ worker: { batchSize: 50 } }), 'Q4', 'batchSize', '50 with maxBatchingWindow unset', 'batching window'],
  ['QueueWorker validation reaches through (maxConcurrency)', () => ({ worker: { maxConcurrency: 1 } }), 'Q5', 'maxConcurrency', '1', 'from 2 to 1,000'],
  ['ServerlessFunction validation reaches through (memory)', () => ({ functionProps: { code: inlineCode(), memorySize: 64 } }), 'F3', 'memorySize', '64 MB', 'from 128 to 10,240 MB'],
];

describe('S3Pipeline bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new S3Pipeline(stack, 'Pipeline', { functionProps: { code: inlineCode() }, ...props(stack) }));
    expectViolation(message, rule, 'TestStack/Pipeline', prop, value, allowed);
  });
});

describe('S3Pipeline and an input bucket of the app (BP-P2)', () => {
  test('event notifications added after the pipeline fail synth (aws-cdk-lib\'s custom resource would turn EventBridge off)', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Uploads');
    new S3Pipeline(stack, 'P', { functionProps: { code: inlineCode() }, inputBucket: bucket });
    bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, { bind: () => ({ arn: 'arn:aws:sns:us-east-1:123456789012:t', type: s3.BucketNotificationDestinationType.TOPIC }) });
    expect(errorOf(() => (stack.node.root as App).synth())).toContain('[P2] TestStack/P: inputBucket got event notifications');
  });

  test('a bucket that already has notifications keeps them, and EventBridge goes through the same custom resource', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Uploads');
    bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, { bind: () => ({ arn: 'arn:aws:sns:us-east-1:123456789012:t', type: s3.BucketNotificationDestinationType.TOPIC }) });
    new S3Pipeline(stack, 'P', { functionProps: { code: inlineCode() }, inputBucket: bucket });
    expect((bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration).toBeUndefined();
    expect(() => (stack.node.root as App).synth()).not.toThrow();
  });
});
