import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import { fail, isKnown } from '../private/validation';

/** The SQS default visibility timeout, in force when a queue does not set one. */
const SQS_DEFAULT_VISIBILITY_SECONDS = 30;

/**
 * The visibility timeout AWS documents for a queue consumed by Lambda (BP-Q2):
 * six times the function timeout plus the maximum batching window.
 * Undefined when the timeout is an unresolved token.
 */
export function requiredVisibilityTimeout(functionTimeout: Duration, maxBatchingWindow?: Duration): Duration | undefined {
  if (functionTimeout.isUnresolved() || (maxBatchingWindow && maxBatchingWindow.isUnresolved())) return undefined;
  return Duration.seconds(6 * functionTimeout.toSeconds() + (maxBatchingWindow?.toSeconds() ?? 0));
}

/**
 * For a queue the construct creates: a value the user gives must not be smaller than the derived
 * one (BP-Q2). The derived value always fits SQS's 12-hour maximum: 6 × 900 s + 300 s = 5,700 s.
 *
 * When the function timeout (or the batching window) is a token, CloudFormation has no arithmetic to
 * derive the visibility timeout from it: the user must give `visibilityTimeout`, or the queue would keep
 * SQS's 30-second default and messages would reappear while they are still being processed.
 */
export function checkGivenVisibility(scope: IConstruct, given: Duration | undefined, required: Duration | undefined): void {
  if (!required) {
    if (given === undefined) {
      fail(scope, {
        rule: 'Q2',
        prop: 'visibilityTimeout',
        value: 'unset while functionProps.timeout (or maxBatchingWindow) is a token unknown at synth time',
        allowed: 'a visibility timeout of at least 6 × the function timeout + the maximum batching window',
        fix: 'give visibilityTimeout (e.g. Duration.seconds(6 × the largest timeout your parameter allows + the window)), or give a known timeout and let QueueWorker derive it.',
      });
    }
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:visibilityUnchecked',
      '[Q2] The function timeout (or the batching window) is a token, so visibilityTimeout cannot be checked at synth time: it must be at least 6 × the function timeout + the maximum batching window.');
    return;
  }
  if (isKnown(given) && given.toSeconds() < required.toSeconds()) {
    fail(scope, {
      rule: 'Q2',
      prop: 'visibilityTimeout',
      value: `${given.toSeconds()} s`,
      allowed: `at least ${required.toSeconds()} s (6 × the function timeout + the maximum batching window)`,
      fix: 'remove visibilityTimeout (the construct derives it), or raise it.',
    });
  }
}

/**
 * For a queue the user brings: when its visibility timeout is known (a queue defined in this app)
 * and smaller than required, fail; when it cannot be known (an imported queue), say so (BP-Q2).
 */
export function checkExistingQueueVisibility(scope: IConstruct, queue: sqs.IQueue, required: Duration | undefined): void {
  if (!required) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:visibilityUnchecked',
      '[Q2] The function timeout (or the batching window) is a token, so the queue\'s visibility timeout cannot be checked at synth time: it must be at least 6 × the function timeout + the maximum batching window.');
    return;
  }
  const cfn = queue instanceof sqs.Queue ? queue.node.defaultChild as sqs.CfnQueue : undefined;
  if (!cfn) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:queueVisibilityUnknown',
      `[Q2] The visibility timeout of the imported queue cannot be checked at synth time; it must be at least ${required.toSeconds()} s (6 × the function timeout + the maximum batching window).`);
    return;
  }
  const value = cfn.visibilityTimeout;
  if (value !== undefined && Token.isUnresolved(value)) return;
  const seconds = value ?? SQS_DEFAULT_VISIBILITY_SECONDS;
  if (seconds < required.toSeconds()) {
    fail(scope, {
      rule: 'Q2',
      prop: 'queue',
      value: `a queue with a visibility timeout of ${seconds} s${value === undefined ? ' (the SQS default)' : ''}`,
      allowed: `a visibility timeout of at least ${required.toSeconds()} s (6 × the function timeout + the maximum batching window)`,
      fix: `create the queue with visibilityTimeout: Duration.seconds(${required.toSeconds()}), or let QueueWorker create it.`,
    });
  }
}
