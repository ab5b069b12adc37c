import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { createAccessLogBucket, createPipelineBucket, isSameBucket } from './buckets';
import { checkKeyFilters, checkRecursion, keyPattern } from './key-filters';
import { grantObjectAccess } from './object-access';
import { functionRow, IMonitoredConstruct, queueBacklog } from '../dashboard/widgets';
import { FunctionAlarmsOptions } from '../function/alarms';
import { ServerlessFunctionProps } from '../function/serverless-function';
import { fitText, TEXT_LIMITS } from '../private/naming';
import { definedOnly } from '../private/props';
import { checkArguments } from '../private/runtime-types';
import { checkDurationRange, checkRange, fail, isKnown } from '../private/validation';
import { QUEUE_WORKER_DEFAULTS, QueueWorker, QueueWorkerOptions } from '../queue/queue-worker';
import { ScheduledJob } from '../schedule/scheduled-job';

/** Reconciliation of objects that were never processed (BP-P6). */
export interface ReconciliationOptions {
  /**
   * When to reconcile.
   * @default ScheduleExpression.rate(Duration.hours(1))
   */
  readonly schedule?: scheduler.ScheduleExpression;
  /**
   * Objects younger than this may still be in the worker's retry window and are left alone. Shorter than the
   * retry window (`maxReceiveCount` × the queue's visibility timeout) fails synth: in-flight objects would be
   * enqueued twice.
   * @default - the worker's retry window plus its `oldestMessageAgeThreshold` (time an event may wait in the queue)
   */
  readonly minimumAge?: Duration;
  /**
   * At most this many objects are re-enqueued per run.
   * @default 10000
   */
  readonly maxEnqueue?: number;
  /**
   * Re-enqueue one object at most this many times in all (counted in an object tag,
   * `cdk-serverless-patterns:reconcile-attempts`); then give up on it: it is counted in the
   * `ObjectsGivenUp` metric, which has an alarm, and never sent again (1–100).
   * @default 3
   */
  readonly maxAttempts?: number;
  /**
   * The reconciliation job's alarms.
   * @default - the worker's `functionProps.alarms` (same actions)
   */
  readonly alarms?: FunctionAlarmsOptions;
}

/** Properties of an S3Pipeline. */
export interface S3PipelineProps {
  /**
   * The worker function. It receives `INPUT_BUCKET`, `INPUT_PREFIX`, `OUTPUT_BUCKET` and
   * `OUTPUT_PREFIX` in its environment, and must write the result of `<inputPrefix><name>` to
   * `<outputPrefix><name>` in the output bucket (that is what reconciliation looks for).
   */
  readonly functionProps: ServerlessFunctionProps;
  /**
   * How the worker's queue and event source behave (every Q rule holds, BP-P2).
   * @default - QueueWorker's defaults
   */
  readonly worker?: QueueWorkerOptions;
  /**
   * The input bucket. An `s3.Bucket` of this app gets EventBridge notifications switched on; an
   * imported bucket must have them on already.
   * @default - a bucket is created (encrypted, Block Public Access, TLS only, versioned, access logs)
   */
  readonly inputBucket?: s3.IBucket;
  /**
   * The output bucket; may be the input bucket, with disjoint prefixes (BP-P4).
   * @default - a second bucket is created
   */
  readonly outputBucket?: s3.IBucket;
  /**
   * Only objects under this prefix are processed (BP-P3).
   * @default - every object
   */
  readonly inputPrefix?: string;
  /**
   * Only objects with this suffix are processed (BP-P3).
   * @default - any suffix
   */
  readonly inputSuffix?: string;
  /**
   * Where the worker writes (and may write) in the output bucket. Required when input and output are
   * the same bucket (BP-P4).
   * @default '' (anywhere) with two buckets
   */
  readonly outputPrefix?: string;
  /**
   * Reconcile periodically: re-enqueue input objects that have no output (BP-P6).
   * @default - no reconciliation
   */
  readonly reconciliation?: ReconciliationOptions;
}

/** The variables S3Pipeline gives its worker; the worker's own environment may not use these names. */
export const PIPELINE_ENVIRONMENT = {
  inputBucket: 'INPUT_BUCKET',
  inputPrefix: 'INPUT_PREFIX',
  outputBucket: 'OUTPUT_BUCKET',
  outputPrefix: 'OUTPUT_PREFIX',
};
/** S3 bucket names are 3–63 characters. */
const BUCKET_NAME_MAX = 63;

/** Where the library's bundled reconciliation handler is (built by `bundle:handlers`). */
const RECONCILE_ASSET = path.join(__dirname, '..', '..', 'assets', 'reconcile');

/**
 * Objects created in an input bucket are processed by a QueueWorker and the results written to an
 * output bucket (BP-P1–P6): secure buckets, delivery through EventBridge to an SQS queue with a
 * dead-letter queue, prefix and suffix filters, a recursion guard for a shared bucket, least privilege,
 * and optional reconciliation of objects that were never processed.
 *
 * @example
 * new S3Pipeline(stack, 'Thumbnails', {
 *   functionProps: { entry: 'src/thumbnail.ts' },
 *   inputSuffix: '.jpg',
 *   reconciliation: {},
 * });
 */
export class S3Pipeline extends Construct implements IMonitoredConstruct {
  /** Where objects arrive. */
  public readonly inputBucket: s3.IBucket;
  /** Where results go. */
  public readonly outputBucket: s3.IBucket;
  /** The server access log bucket, when the construct created buckets. */
  public readonly accessLogBucket?: s3.IBucket;
  /** The worker: its queue, dead-letter queue and function. */
  public readonly worker: QueueWorker;
  /** The EventBridge rule that delivers object-created events to the worker's queue. */
  public readonly rule: events.Rule;
  /** The reconciliation job, when enabled. */
  public readonly reconciliation?: ScheduledJob;

  constructor(scope: Construct, id: string, props: S3PipelineProps) {
    super(scope, id);
    checkArguments(this, 'S3Pipeline', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    const sameBucket = isSameBucket(props.inputBucket, props.outputBucket);
    const layout = { sameBucket, inputPrefix: props.inputPrefix, inputSuffix: props.inputSuffix, outputPrefix: props.outputPrefix };
    checkKeyFilters(this, layout);
    checkRecursion(this, layout);
    checkPipelineProps(this, props);

    // ---- buckets (BP-P1) ---------------------------------------------------------------------
    const logs = !props.inputBucket || !props.outputBucket ? createAccessLogBucket(this) : undefined;
    this.accessLogBucket = logs;
    this.inputBucket = props.inputBucket ?? createPipelineBucket(this, 'InputBucket', logs!, true);
    this.outputBucket = props.outputBucket ?? createPipelineBucket(this, 'OutputBucket', logs!, false);
    if (props.inputBucket) enableEventBridge(this, props.inputBucket);

    // ---- the worker (BP-P2, F7) --------------------------------------------------------------
    const outputPrefix = props.outputPrefix ?? '';
    this.worker = new QueueWorker(this, 'Worker', { ...definedOnly(props.worker), functionProps: props.functionProps });
    // The worker's locations (BP-P4); a bucket name is at most 63 characters, counted in the 4 KB (BP-F12).
    this.worker.function
      ._addBoundedEnvironment(PIPELINE_ENVIRONMENT.inputBucket, this.inputBucket.bucketName, BUCKET_NAME_MAX)
      .addEnvironment(PIPELINE_ENVIRONMENT.inputPrefix, props.inputPrefix ?? '')
      ._addBoundedEnvironment(PIPELINE_ENVIRONMENT.outputBucket, this.outputBucket.bucketName, BUCKET_NAME_MAX)
      .addEnvironment(PIPELINE_ENVIRONMENT.outputPrefix, outputPrefix);
    // Least privilege: read the input, write the output, nothing broader (BP-P4).
    grantObjectAccess(this.worker.function.role, [
      { bucket: this.inputBucket, prefix: props.inputPrefix ?? '', mode: 'read' },
      { bucket: this.outputBucket, prefix: outputPrefix, mode: 'write' },
    ]);

    // ---- delivery: S3 → EventBridge → SQS (BP-P2, P3) -----------------------------------------
    this.rule = new events.Rule(this, 'ObjectCreatedRule', {
      description: fitText(`Objects created in the input bucket of ${this.node.path}`, TEXT_LIMITS.eventsDescription),
      eventPattern: {
        source: ['aws.s3'],
        detailType: ['Object Created'],
        detail: {
          bucket: { name: [this.inputBucket.bucketName] },
          ...(keyPattern(props.inputPrefix, props.inputSuffix) ? { object: { key: keyPattern(props.inputPrefix, props.inputSuffix) } } : {}),
        },
      },
      targets: [new targets.SqsQueue(this.worker.queue, {
        // An event EventBridge cannot deliver lands with the messages that failed processing.
        deadLetterQueue: this.worker.deadLetterQueue,
        retryAttempts: 185,
        maxEventAge: Duration.hours(24),
      })],
    });

    // ---- reconciliation (BP-P6) --------------------------------------------------------------
    if (props.reconciliation) this.reconciliation = this.createReconciliation(props, outputPrefix);
  }

  private createReconciliation(props: S3PipelineProps, outputPrefix: string): ScheduledJob {
    if (!fs.existsSync(path.join(RECONCILE_ASSET, 'index.js'))) {
      throw new Error(`[P6] ${this.node.path}: the bundled reconciliation handler is missing at ${RECONCILE_ASSET}. ` +
        'In this repository, run `npx projen compile` (its pre-compile step bundles the handlers).');
    }
    const o = props.reconciliation!;
    const minimumAge = reconciliationMinimumAge(this, o.minimumAge, this.worker, props.worker?.oldestMessageAgeThreshold);
    const job = new ScheduledJob(this, 'Reconciliation', {
      schedule: o.schedule ?? scheduler.ScheduleExpression.rate(Duration.hours(1)),
      description: fitText(`Re-enqueue unprocessed objects of ${this.node.path}`, TEXT_LIMITS.eventsDescription),
      functionProps: {
        code: lambda.Code.fromAsset(RECONCILE_ASSET),
        handler: 'index.handler',
        timeout: Duration.minutes(15),
        memorySize: 512,
        alarms: o.alarms ?? props.functionProps.alarms,
        environment: {
          INPUT_BUCKET: this.inputBucket.bucketName,
          INPUT_PREFIX: props.inputPrefix ?? '',
          INPUT_SUFFIX: props.inputSuffix ?? '',
          OUTPUT_BUCKET: this.outputBucket.bucketName,
          OUTPUT_PREFIX: outputPrefix,
          QUEUE_URL: this.worker.queue.queueUrl,
          MINIMUM_AGE_SECONDS: String(minimumAge.toSeconds()),
          MAX_ENQUEUE: String(o.maxEnqueue ?? RECONCILIATION_DEFAULTS.maxEnqueue),
          MAX_ATTEMPTS: String(o.maxAttempts ?? RECONCILIATION_DEFAULTS.maxAttempts),
        },
      },
    });
    grantObjectAccess(job.function.role, [
      { bucket: this.inputBucket, prefix: props.inputPrefix ?? '', mode: 'list' },
      { bucket: this.outputBucket, prefix: outputPrefix, mode: 'list' },
      // The attempt count of each re-enqueued object (BP-P6).
      { bucket: this.inputBucket, prefix: props.inputPrefix ?? '', mode: 'tag' },
    ]);
    this.worker.queue.grantSendMessages(job.function);
    // Giving up is visible: the handler publishes ObjectsGivenUp (embedded metric format), alarmed here.
    job.function.addAlarm('ObjectsGivenUpAlarm', {
      metric: new cloudwatch.Metric({
        namespace: RECONCILIATION_METRICS.namespace,
        metricName: 'ObjectsGivenUp',
        dimensionsMap: { FunctionName: job.function.function.functionName },
        statistic: 'Maximum',
        period: Duration.minutes(5),
      }),
      threshold: 1,
      description: `[P6] ${this.node.path}: reconciliation gave up on objects that were re-enqueued ${o.maxAttempts ?? RECONCILIATION_DEFAULTS.maxAttempts} times and still have no output. ` +
        'The run\'s log lists them (givenUpKeys); fix the cause, then delete their reconcile-attempts tag to retry.',
    });
    return job;
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    const worker = this.worker;
    return functionRow(this, 'S3Pipeline', worker.function, {
      alarms: [...worker.alarms, ...(this.reconciliation?.alarms ?? [])], backlog: queueBacklog(worker.queue, worker.deadLetterQueue),
    });
  }
}

/** Defaults of the reconciliation (BP-P6). */
export const RECONCILIATION_DEFAULTS = { maxEnqueue: 10_000, maxAttempts: 3 };
/** Where the reconciliation handler publishes its metrics (it must match handlers/reconcile). */
const RECONCILIATION_METRICS = { namespace: 'CdkServerlessPatterns/S3Pipeline' };

/**
 * The age below which an object may still be in flight (BP-P6): the worker's retry window (a message may be
 * received `maxReceiveCount` times, each for a visibility timeout) plus the time an event may wait in the
 * queue before its first receive (`oldestMessageAgeThreshold`, alarmed). A shorter `minimumAge` is refused.
 */
function reconciliationMinimumAge(scope: Construct, given: Duration | undefined, worker: QueueWorker, queueWait: Duration | undefined): Duration {
  const window = worker.retryWindow;
  if (!window) {
    if (given) return given;
    return fail(scope, {
      rule: 'P6',
      prop: 'reconciliation.minimumAge',
      value: 'unset while the worker\'s retry window is a token (maxReceiveCount × visibility timeout)',
      allowed: 'a minimum age at least as long as the retry window',
      fix: 'give reconciliation.minimumAge, longer than maxReceiveCount × the queue\'s visibility timeout.',
    });
  }
  if (given === undefined) return window.plus(queueWait ?? QUEUE_WORKER_DEFAULTS.oldestMessageAgeThreshold);
  if (isKnown(given) && given.toSeconds() < window.toSeconds()) {
    fail(scope, {
      rule: 'P6',
      prop: 'reconciliation.minimumAge',
      value: `${given.toSeconds()} s`,
      allowed: `at least ${window.toSeconds()} s, the worker's retry window (maxReceiveCount × visibility timeout): younger objects may still be in flight`,
      fix: 'remove minimumAge (it is derived), or raise it.',
    });
  }
  return given;
}

/**
 * A bucket the user brings must send its events to EventBridge (BP-P2). A bucket of this app gets it the way
 * the construct's own buckets do: in `AWS::S3::Bucket` itself, no custom resource. Only when the bucket
 * already has aws-cdk-lib's notifications custom resource (the user added event notifications), which owns
 * the whole notification configuration, is the switch made through it; notifications added after this
 * construct fail synth, since that custom resource would turn EventBridge off again.
 */
function enableEventBridge(scope: Construct, bucket: s3.IBucket): void {
  if (bucket instanceof s3.Bucket) {
    if (bucket.node.tryFindChild('Notifications')) {
      bucket.enableEventBridgeNotification();
      return;
    }
    const cfn = bucket.node.defaultChild as s3.CfnBucket;
    const existing = cfn.notificationConfiguration as s3.CfnBucket.NotificationConfigurationProperty | undefined;
    cfn.notificationConfiguration = { ...existing, eventBridgeConfiguration: { eventBridgeEnabled: true } };
    scope.node.addValidation({
      validate: () => bucket.node.tryFindChild('Notifications')
        ? [`[P2] ${scope.node.path}: inputBucket got event notifications (addEventNotification) after S3Pipeline switched EventBridge on in the bucket; ` +
          'aws-cdk-lib\'s notifications custom resource would then own the configuration and turn EventBridge off. Fix: add the notifications before creating the S3Pipeline.']
        : [],
    });
  } else {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:bucketEventBridge',
      '[P2] The imported input bucket must have Amazon EventBridge notifications switched on (S3 console: Properties > Event notifications > Amazon EventBridge), or no object reaches the pipeline.');
  }
}

function checkPipelineProps(scope: Construct, props: S3PipelineProps): void {
  const taken = Object.values(PIPELINE_ENVIRONMENT).filter(k => props.functionProps.environment?.[k] !== undefined);
  if (taken.length > 0) {
    fail(scope, {
      rule: 'P4',
      prop: taken.map(k => `functionProps.environment.${k}`).join(', '),
      value: 'set',
      allowed: `none of ${Object.values(PIPELINE_ENVIRONMENT).join(', ')}: S3Pipeline sets them to the buckets and prefixes it wires`,
      fix: 'remove them (the worker reads the pipeline\'s values under these names), or give your own under other names.',
    });
  }
  if (props.worker?.fifo) {
    fail(scope, {
      rule: 'P2',
      prop: 'worker.fifo',
      value: 'true',
      allowed: 'a standard queue (S3 events carry no message group, and need no order)',
      fix: 'remove worker.fifo.',
    });
  }
  if (props.functionProps.recursiveLoop === lambda.RecursiveLoop.ALLOW) {
    fail(scope, {
      rule: 'P4',
      prop: 'functionProps.recursiveLoop',
      value: 'ALLOW',
      allowed: 'TERMINATE (the default): Lambda stops S3 → SQS → Lambda loops after 16 rounds',
      fix: 'remove recursiveLoop.',
    });
  }
  const o = props.reconciliation;
  if (o) {
    checkDurationRange(scope, o.minimumAge, { prop: 'reconciliation.minimumAge', min: 60, max: 7 * 24 * 3600, rule: 'P6', integer: true });
    checkRange(scope, o.maxAttempts, { prop: 'reconciliation.maxAttempts', min: 1, max: 100, rule: 'P6' });
    if (o.maxEnqueue !== undefined && (!Number.isInteger(o.maxEnqueue) || o.maxEnqueue < 1)) {
      fail(scope, { rule: 'P6', prop: 'reconciliation.maxEnqueue', value: String(o.maxEnqueue), allowed: 'a whole number of at least 1', fix: 'remove it (10,000) or raise it.' });
    }
  }
}
