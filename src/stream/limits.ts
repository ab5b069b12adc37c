import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import type { StreamWorkerProps } from './stream-worker';
import { checkDurationRange, checkRange, fail, isKnown } from '../private/validation';

/**
 * The documented limits of Kinesis and DynamoDB Streams event source mappings (AWS Lambda
 * `CreateEventSourceMapping`): batch size 1–10,000 for both; batching window 0–300 s; parallelization factor
 * 1–10; retries -1 (infinite) or 0–10,000; maximum record age -1 (infinite) or 60–604,800 s; tumbling window
 * 0–900 s (BP-K3, K6).
 */
export const STREAM_LIMITS = {
  batchSizeMax: 10_000,
  batchingWindowMaxSeconds: 300,
  parallelizationFactorMax: 10,
  retryAttemptsMax: 10_000,
  maxRecordAgeMinSeconds: 60,
  maxRecordAgeMaxSeconds: 604_800,
  tumblingWindowMaxSeconds: 900,
};

/** What the stream checks look at: the mapping settings of StreamWorkerProps. */
export type StreamOptionsInput = Pick<StreamWorkerProps, 'startingPosition' | 'startingPositionTimestamp' | 'batchSize' | 'maxBatchingWindow'
| 'parallelizationFactor' | 'retryAttempts' | 'maxRecordAge' | 'allowInfiniteRetries' | 'tumblingWindow'>;

/** Validates a StreamWorker's mapping settings for its source (BP-K3, K6). */
export function checkStreamOptions(scope: IConstruct, o: StreamOptionsInput, kind: 'kinesis' | 'dynamodb'): void {
  checkRange(scope, o.batchSize, { prop: 'batchSize', min: 1, max: STREAM_LIMITS.batchSizeMax, rule: 'K6' });
  checkDurationRange(scope, o.maxBatchingWindow, { prop: 'maxBatchingWindow', min: 0, max: STREAM_LIMITS.batchingWindowMaxSeconds, rule: 'K6', integer: true });
  checkRange(scope, o.parallelizationFactor, { prop: 'parallelizationFactor', min: 1, max: STREAM_LIMITS.parallelizationFactorMax, rule: 'K6' });
  checkDurationRange(scope, o.tumblingWindow, { prop: 'tumblingWindow', min: 0, max: STREAM_LIMITS.tumblingWindowMaxSeconds, rule: 'K6', integer: true });
  const infinite = 'retry until the record expires: one failing record then blocks its shard for up to the stream\'s retention';
  if (isKnown(o.retryAttempts) && o.retryAttempts === -1) {
    if (!o.allowInfiniteRetries) {
      fail(scope, {
        rule: 'K3',
        prop: 'retryAttempts',
        value: '-1 (infinite)',
        allowed: `0 to ${STREAM_LIMITS.retryAttemptsMax.toLocaleString('en-US')}; -1 only with allowInfiniteRetries: true`,
        fix: `give a finite number (the default is 3), or set allowInfiniteRetries: true to ${infinite}.`,
      });
    }
  } else {
    checkRange(scope, o.retryAttempts, { prop: 'retryAttempts', min: 0, max: STREAM_LIMITS.retryAttemptsMax, rule: 'K3' });
  }
  checkDurationRange(scope, o.maxRecordAge, {
    prop: 'maxRecordAge',
    min: STREAM_LIMITS.maxRecordAgeMinSeconds,
    max: STREAM_LIMITS.maxRecordAgeMaxSeconds,
    rule: 'K3',
    integer: true,
    advice: 'omit it with allowInfiniteRetries: true for no limit',
  });
  if (o.startingPosition === lambda.StartingPosition.AT_TIMESTAMP) {
    if (kind !== 'kinesis') {
      fail(scope, {
        rule: 'K6',
        prop: 'startingPosition',
        value: 'AT_TIMESTAMP for a DynamoDB stream',
        allowed: 'TRIM_HORIZON or LATEST for DynamoDB streams',
        fix: 'use TRIM_HORIZON (the default) or LATEST.',
      });
    }
    if (o.startingPositionTimestamp === undefined) {
      fail(scope, {
        rule: 'K6',
        prop: 'startingPositionTimestamp',
        value: 'missing with startingPosition AT_TIMESTAMP',
        allowed: 'a Unix time in seconds',
        fix: 'give startingPositionTimestamp, or use TRIM_HORIZON.',
      });
    }
  } else if (o.startingPositionTimestamp !== undefined) {
    fail(scope, {
      rule: 'K6',
      prop: 'startingPositionTimestamp',
      value: 'set without startingPosition AT_TIMESTAMP',
      allowed: 'a timestamp only with AT_TIMESTAMP',
      fix: 'set startingPosition: StartingPosition.AT_TIMESTAMP, or remove startingPositionTimestamp.',
    });
  }
}
