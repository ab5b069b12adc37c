import { Duration, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { StreamWorker, StreamWorkerProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

const tableWithout = (s: Stack) => new dynamodb.Table(s, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
const tableWith = (s: Stack) => new dynamodb.Table(s, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });

type Row = [string, (s: Stack) => Partial<StreamWorkerProps>, string, string, string, string];
/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: Row[] = [
  ['batch size of 0', () => ({ batchSize: 0 }), 'K6', 'batchSize', '0', 'from 1 to 10,000'],
  ['batch size above 10,000', () => ({ batchSize: 10_001 }), 'K6', 'batchSize', '10,001', 'from 1 to 10,000'],
  ['batching window above 300 s', () => ({ maxBatchingWindow: Duration.seconds(301) }), 'K6', 'maxBatchingWindow', '301 s', 'from 0 to 300 s'],
  ['parallelization factor 0', () => ({ parallelizationFactor: 0 }), 'K6', 'parallelizationFactor', '0', 'from 1 to 10'],
  ['parallelization factor 11', () => ({ parallelizationFactor: 11 }), 'K6', 'parallelizationFactor', '11', 'from 1 to 10'],
  ['tumbling window above 900 s', () => ({ tumblingWindow: Duration.seconds(901) }), 'K6', 'tumblingWindow', '901 s', 'from 0 to 900 s'],
  ['retries above 10,000', () => ({ retryAttempts: 10_001 }), 'K3', 'retryAttempts', '10,001', 'from 0 to 10,000'],
  ['infinite retries not asked for', () => ({ retryAttempts: -1 }), 'K3', 'retryAttempts', '-1 (infinite)', '-1 only with allowInfiniteRetries'],
  ['record age below 60 s', () => ({ maxRecordAge: Duration.seconds(30) }), 'K3', 'maxRecordAge', '30 s', 'from 60 to 604,800 s'],
  ['record age above 7 days', () => ({ maxRecordAge: Duration.days(8) }), 'K3', 'maxRecordAge', '691,200 s', 'from 60 to 604,800 s'],
  ['fractional record age', () => ({ maxRecordAge: Duration.millis(90_500) }), 'K3', 'maxRecordAge', '90.5 s', 'a whole number'],
  ['both a stream and a table', s => ({ stream: new kinesis.Stream(s, 'S'), table: tableWith(s) }), 'K1', 'stream / table', 'both given', 'one source'],
  ['a table without a stream', s => ({ table: tableWithout(s) }), 'K1', 'table', 'a table without a stream', 'a table with its DynamoDB stream on'],
  ['AT_TIMESTAMP on a DynamoDB stream', s => ({ table: tableWith(s), startingPosition: lambda.StartingPosition.AT_TIMESTAMP, startingPositionTimestamp: 1 }), 'K6',
    'startingPosition', 'AT_TIMESTAMP for a DynamoDB stream', 'TRIM_HORIZON or LATEST'],
  ['AT_TIMESTAMP without a timestamp', () => ({ startingPosition: lambda.StartingPosition.AT_TIMESTAMP }), 'K6', 'startingPositionTimestamp', 'missing with startingPosition AT_TIMESTAMP',
    'a Unix time in seconds'],
  ['a timestamp without AT_TIMESTAMP', () => ({ startingPositionTimestamp: 1_700_000_000 }), 'K6', 'startingPositionTimestamp', 'set without startingPosition AT_TIMESTAMP', 'only with AT_TIMESTAMP'],
  ['function limits reach the core', () => ({ functionProps: { code: inlineCode(), memorySize: 64 } }), 'F3', 'memorySize', '64 MB', 'from 128 to 10,240 MB'],
];

describe('StreamWorker bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new StreamWorker(stack, 'W', { functionProps: { code: inlineCode() }, ...props(stack) }));
    expectViolation(message, rule, 'TestStack/W', prop, value, allowed);
  });

  test('grantWrite on a table\'s stream points to the table\'s own grant', () => {
    const stack = testStack();
    const w = new StreamWorker(stack, 'W', { functionProps: { code: inlineCode() }, table: tableWith(stack) });
    expect(errorOf(() => w.grantWrite(w.function))).toContain('Fix: grant write access on the table instead');
  });
});
