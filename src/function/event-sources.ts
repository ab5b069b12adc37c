import { Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import { IConstruct } from 'constructs';
import { fail } from '../private/validation';
import { checkExistingQueueVisibility, requiredVisibilityTimeout } from '../queue/visibility';

/** What an event source added with `ServerlessFunction.addEventSource` needs of the function (BP-F19). */
export interface EventSourceTarget {
  readonly timeout: Duration;
  readonly role: iam.IRole;
  readonly invokedAsynchronously: boolean;
}

/**
 * The library's rules for an event source added with plain aws-cdk-lib (BP-F19): nothing is silently weaker than the
 * construct that owns that trigger. An SQS source must report partial batch failures and fit the queue's visibility
 * timeout (Q2, Q3); a stream source must bisect, retry finitely, age out records and keep failures (K2–K5). What is
 * missing fails with the fix, or the construct to use. A managed Kafka source gets the cluster action Lambda's poller
 * calls, scoped to the cluster (aws-cdk-lib's managed policy for it becomes inline statements on the role).
 */
export function applyEventSourceRules(
  scope: IConstruct, fn: EventSourceTarget, source: lambda.IEventSource, mapping: lambda.EventSourceMapping | undefined,
): void {
  // SNS and S3 invoke asynchronously: their events need the async config and an on-failure destination (BP-F11).
  const asynchronous = [sources.SnsEventSource, sources.S3EventSource, sources.S3EventSourceV2].some(c => source instanceof c);
  if (asynchronous && !fn.invokedAsynchronously) {
    const sns = source instanceof sources.SnsEventSource;
    refuse(scope, 'F11', 'addEventSource', `an ${sns ? 'SNS' : 'S3'} source on a function not configured for asynchronous invocation`,
      'asynchronous sources only on a function with its async config on the alias and an on-failure destination',
      `create the function with invokedAsynchronously: true (or an onFailure), or use ${sns ? 'TopicWorker (with a redrive queue)' : 'S3Pipeline (through a queue)'}.`);
  }
  if (!mapping) return;
  const cfn = mapping.node.defaultChild as lambda.CfnEventSourceMapping;
  const reports = () => ((cfn.functionResponseTypes ?? []) as string[]).includes('ReportBatchItemFailures');
  if (source instanceof sources.SqsEventSource) {
    if (!reports()) {
      refuse(scope, 'Q3', 'reportBatchItemFailures', 'not true', 'partial batch responses on (one failed message otherwise returns the whole batch to the queue)',
        'pass new SqsEventSource(queue, { reportBatchItemFailures: true, maxConcurrency: 10 }) and return { batchItemFailures }, or use QueueWorker, which does both.');
    }
    const window = cfn.maximumBatchingWindowInSeconds;
    checkExistingQueueVisibility(scope, source.queue,
      typeof window === 'number' || window === undefined ? requiredVisibilityTimeout(fn.timeout, window ? Duration.seconds(window) : undefined) : undefined);
    return;
  }
  if ([sources.KinesisEventSource, sources.KinesisConsumerEventSource, sources.DynamoEventSource].some(c => source instanceof c)) {
    const missing = [
      cfn.bisectBatchOnFunctionError === true ? '' : 'bisectBatchOnError: true (K2)',
      isFinite(cfn.maximumRetryAttempts) ? '' : 'retryAttempts (K3)',
      isFinite(cfn.maximumRecordAgeInSeconds) ? '' : 'maxRecordAge (K3)',
      (cfn.destinationConfig as lambda.CfnEventSourceMapping.DestinationConfigProperty | undefined)?.onFailure ? '' : 'onFailure: new SqsDlq(queue) (K4)',
      reports() ? '' : 'reportBatchItemFailures: true (K5)',
    ].filter(Boolean);
    if (missing.length > 0) {
      refuse(scope, 'K3', 'addEventSource(stream source)', `without ${missing.join(', ')}`,
        'a stream source that bisects failing batches, retries finitely, ages records out, keeps failures and reports partial failures',
        `set ${missing.join(', ')} on the event source, or use StreamWorker, which does all of them.`);
    }
    return;
  }
  if (source instanceof sources.ManagedKafkaEventSource && cfn.eventSourceArn !== undefined) {
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['kafka:DescribeClusterV2'], resources: [cfn.eventSourceArn] }));
  }
}

/** A retry count or record age that is set and not -1 (infinite); a token counts as set. */
function isFinite(value: number | undefined): boolean {
  return value !== undefined && (Token.isUnresolved(value) || value !== -1);
}

function refuse(scope: IConstruct, rule: string, prop: string, value: string, allowed: string, fix: string): never {
  return fail(scope, { rule, prop, value, allowed, fix });
}
