import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { createFailureQueue } from '../private/queues';

/** The asynchronous-invocation settings as `lambda.FunctionOptions` names them. */
export interface AsyncInvocationInput {
  readonly onFailure?: lambda.IDestination;
  readonly onSuccess?: lambda.IDestination;
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
}

/** The retry count the library writes down when the user gives none (the service default, made explicit). */
export const DEFAULT_ASYNC_RETRY_ATTEMPTS = 2;

/** True when the props describe an asynchronously invoked function. */
export function isAsync(input: AsyncInvocationInput, explicit: boolean | undefined): boolean {
  if (explicit !== undefined) return explicit;
  return [input.onFailure, input.onSuccess, input.retryAttempts, input.maxEventAge].some(v => v !== undefined);
}

/**
 * Configures asynchronous invocation on the alias qualifier, never on `$LATEST` (BP-F11), with an
 * on-failure destination: the user's, or an encrypted SQS queue kept 14 days. Returns that queue
 * when the library created it.
 */
export function configureAsyncInvocation(scope: Construct, alias: lambda.Alias, input: AsyncInvocationInput): sqs.Queue | undefined {
  let failureQueue: sqs.Queue | undefined;
  let onFailure = input.onFailure;
  if (!onFailure) {
    failureQueue = createFailureQueue(scope, 'AsyncFailureQueue', 'the on-failure destination of the function\'s asynchronous invocations (BP-F11)');
    onFailure = new destinations.SqsDestination(failureQueue);
  }
  alias.configureAsyncInvoke({
    onFailure,
    onSuccess: input.onSuccess,
    retryAttempts: input.retryAttempts ?? DEFAULT_ASYNC_RETRY_ATTEMPTS,
    maxEventAge: input.maxEventAge,
  });
  return failureQueue;
}
