import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { QueueWorker, QueueWorkerProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

type Row = [string, (scope: Construct) => Partial<QueueWorkerProps>, string, string, string, string];

const standardQueue = (s: Construct, visibility?: number) => new sqs.Queue(s, 'Existing', {
  visibilityTimeout: visibility === undefined ? undefined : Duration.seconds(visibility),
  deadLetterQueue: { queue: new sqs.Queue(s, 'ExistingDlq'), maxReceiveCount: 5 },
});

/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: Row[] = [
  ['batch above 10 without a window', () => ({ batchSize: 50 }), 'Q4', 'batchSize', '50 with maxBatchingWindow unset', 'only with a batching window of at least 1 s'],
  ['batch above 10 with a zero window', () => ({ batchSize: 50, maxBatchingWindow: Duration.seconds(0) }), 'Q4', 'batchSize', '50 with maxBatchingWindow 0 s', 'at least 1 s'],
  ['batch above 10,000', () => ({ batchSize: 10_001, maxBatchingWindow: Duration.seconds(1) }), 'Q4', 'batchSize', '10,001', 'from 1 to 10,000'],
  ['window above 300 s', () => ({ maxBatchingWindow: Duration.seconds(301) }), 'Q4', 'maxBatchingWindow', '301 s', 'from 0 to 300 s'],
  ['window on FIFO', () => ({ fifo: true, maxBatchingWindow: Duration.seconds(5) }), 'Q7', 'maxBatchingWindow', '5 s on a FIFO queue', 'no batching window on FIFO queues'],
  ['FIFO batch above 10', () => ({ fifo: true, batchSize: 11 }), 'Q7', 'batchSize', '11', 'from 1 to 10'],
  ['maximum concurrency below 2', () => ({ maxConcurrency: 1 }), 'Q5', 'maxConcurrency', '1', 'from 2 to 1,000'],
  ['maximum concurrency above 1,000', () => ({ maxConcurrency: 1_001 }), 'Q5', 'maxConcurrency', '1,001', 'from 2 to 1,000'],
  ['maximum concurrency above reserved', () => ({ maxConcurrency: 20, functionProps: { code: inlineCode(), reservedConcurrentExecutions: 5 } }), 'F10', 'maxConcurrency', '20 with functionProps.reservedConcurrentExecutions 5', 'no higher than the function\'s reserved concurrency'],
  ['maxReceiveCount below 1', () => ({ maxReceiveCount: 0 }), 'Q1', 'maxReceiveCount', '0', 'from 1 to 1,000'],
  ['visibility timeout too small', () => ({ visibilityTimeout: Duration.seconds(60) }), 'Q2', 'visibilityTimeout', '60 s', 'at least 180 s'],
  ['existing queue with a small visibility timeout', s => ({ queue: standardQueue(s, 60) }), 'Q2', 'queue', 'a queue with a visibility timeout of 60 s', 'at least 180 s'],
  ['existing queue with the SQS default visibility timeout', s => ({ queue: standardQueue(s) }), 'Q2', 'queue', 'a queue with a visibility timeout of 30 s (the SQS default)', 'at least 180 s'],
  ['existing queue without a DLQ', s => ({ queue: new sqs.Queue(s, 'NoDlq', { visibilityTimeout: Duration.seconds(180) }) }), 'Q1', 'queue', 'a queue without a dead-letter queue', 'a queue with a dead-letter queue'],
  ['FIFO queue with a standard DLQ', s => ({
    queue: new sqs.Queue(s, 'Fifo', { fifo: true, visibilityTimeout: Duration.seconds(180), deadLetterQueue: { queue: new sqs.Queue(s, 'StdDlq'), maxReceiveCount: 5 } }),
  }), 'Q7', 'queue', 'a FIFO queue with a standard dead-letter queue', 'the dead-letter queue of a FIFO queue is FIFO'],
  ['fifo prop against a standard queue', s => ({ fifo: true, queue: standardQueue(s, 180) }), 'Q7', 'fifo', 'true with a standard queue', 'fifo matching the queue you pass'],
  ['queue settings with an existing queue', s => ({ queue: standardQueue(s, 180), maxReceiveCount: 3 }), 'X4', 'maxReceiveCount', 'set together with queue', 'only for a queue the construct creates'],
  ['visibility timeout over 12 hours', () => ({ visibilityTimeout: Duration.hours(13) }), 'Q2', 'visibilityTimeout', '46,800 s', 'from 0 to 43,200 s'],
  ['fractional visibility timeout', () => ({ visibilityTimeout: Duration.millis(200_500) }), 'Q2', 'visibilityTimeout', '200.5 s', 'a whole number'],
  ['fractional batching window', () => ({ batchSize: 20, maxBatchingWindow: Duration.millis(1500) }), 'Q4', 'maxBatchingWindow', '1.5 s', 'a whole number'],
  ['content-based deduplication on a standard queue', () => ({ contentBasedDeduplication: true }), 'Q7', 'contentBasedDeduplication', 'true on a standard queue', 'only on FIFO queues'],
  ['fractional retention', () => ({ retentionPeriod: Duration.millis(90_500) }), 'Q1', 'retentionPeriod', '90.5 s', 'a whole number'],
  ['oldest-message threshold below 60 s', () => ({ oldestMessageAgeThreshold: Duration.seconds(10) }), 'Q8', 'oldestMessageAgeThreshold', '10 s', 'from 60 to 1,209,600 s'],
  ['function timeout above 900 s reaches the core', () => ({ functionProps: { code: inlineCode(), timeout: Duration.minutes(20) } }), 'F4', 'timeout', '1,200 s', 'from 1 to 900 s'],
];

describe('QueueWorker bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode() }, ...props(stack) }));
    expectViolation(message, rule, 'TestStack/Worker', prop, value, allowed);
  });
});
