import { Duration } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkDurationRange, checkRange, fail, isKnown, secondsOf } from '../private/validation';

/** SQS event source limits and this library's defaults (BP-Q4, Q5). */
export const SQS_BATCHING = {
  defaultBatchSize: 10,
  maxBatchSizeStandard: 10_000,
  maxBatchSizeFifo: 10,
  maxBatchSizeWithoutWindow: 10,
  maxBatchingWindowSeconds: 300,
  minMaxConcurrency: 2,
  maxMaxConcurrency: 1_000,
  defaultMaxConcurrency: 10,
};

/** What the batching checks look at. */
export interface BatchingInput {
  readonly fifo: boolean;
  readonly batchSize?: number;
  readonly maxBatchingWindow?: Duration;
  readonly maxConcurrency?: number;
  readonly reservedConcurrentExecutions?: number;
  /** Where the reserved concurrency was set, for messages. @default 'functionProps.reservedConcurrentExecutions' */
  readonly reservedProp?: string;
}

/** Validates batch size, batching window and maximum concurrency (BP-Q4, Q5, Q7, F10). */
export function checkBatching(scope: IConstruct, b: BatchingInput): void {
  const maxBatch = b.fifo ? SQS_BATCHING.maxBatchSizeFifo : SQS_BATCHING.maxBatchSizeStandard;
  checkRange(scope, b.batchSize, {
    prop: 'batchSize',
    min: 1,
    max: maxBatch,
    rule: b.fifo ? 'Q7' : 'Q4',
    advice: b.fifo ? 'FIFO event sources take at most 10 messages per batch' : undefined,
  });
  checkDurationRange(scope, b.maxBatchingWindow, { prop: 'maxBatchingWindow', min: 0, max: SQS_BATCHING.maxBatchingWindowSeconds, rule: 'Q4', integer: true });
  // Any window, even 0 s: aws-cdk-lib refuses a batching window on a FIFO event source outright.
  if (b.fifo && b.maxBatchingWindow !== undefined) {
    fail(scope, {
      rule: 'Q7',
      prop: 'maxBatchingWindow',
      value: `${isKnown(b.maxBatchingWindow) ? `${secondsOf(b.maxBatchingWindow)} s` : 'a token'} on a FIFO queue`,
      allowed: 'no batching window on FIFO queues',
      fix: 'remove maxBatchingWindow, or use a standard queue.',
    });
  }
  if (!b.fifo && isKnown(b.batchSize) && b.batchSize > SQS_BATCHING.maxBatchSizeWithoutWindow) {
    const window = b.maxBatchingWindow;
    if (!isKnown(window) || window.toSeconds() < 1) {
      fail(scope, {
        rule: 'Q4',
        prop: 'batchSize',
        value: `${b.batchSize} with maxBatchingWindow ${window && isKnown(window) ? `${window.toSeconds()} s` : 'unset'}`,
        allowed: `a batch size above ${SQS_BATCHING.maxBatchSizeWithoutWindow} only with a batching window of at least 1 s`,
        fix: 'set maxBatchingWindow (e.g. Duration.seconds(5)), or lower batchSize to 10.',
      });
    }
  }
  checkRange(scope, b.maxConcurrency, {
    prop: 'maxConcurrency',
    min: SQS_BATCHING.minMaxConcurrency,
    max: SQS_BATCHING.maxMaxConcurrency,
    rule: 'Q5',
    advice: 'maximum concurrency caps how many function instances the queue may drive at once',
  });
  if (isKnown(b.maxConcurrency) && isKnown(b.reservedConcurrentExecutions) && b.maxConcurrency > b.reservedConcurrentExecutions) {
    fail(scope, {
      rule: 'F10',
      prop: 'maxConcurrency',
      value: `${b.maxConcurrency} with ${b.reservedProp ?? 'functionProps.reservedConcurrentExecutions'} ${b.reservedConcurrentExecutions}`,
      allowed: 'maximum concurrency no higher than the function\'s reserved concurrency (otherwise the event source is throttled)',
      fix: `lower maxConcurrency to ${b.reservedConcurrentExecutions} or less, or raise reservedConcurrentExecutions.`,
    });
  }
}

/**
 * The maximum concurrency used when none is given (BP-Q5): 10, but never above the function's
 * reserved concurrency; none when reserved concurrency is below the event source's minimum of 2.
 */
export function defaultMaxConcurrency(reserved: number | undefined): number | undefined {
  if (!isKnown(reserved)) return SQS_BATCHING.defaultMaxConcurrency;
  if (reserved < SQS_BATCHING.minMaxConcurrency) return undefined;
  return Math.min(SQS_BATCHING.defaultMaxConcurrency, reserved);
}
