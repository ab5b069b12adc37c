import { Annotations, Duration, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkBatching, defaultMaxConcurrency, SQS_BATCHING } from './batching';
import { QueueEventSubscriptionOptions, QueueSubscriptionOptions, subscribeQueueTo, subscribeQueueToEvents } from './fan-out';
import { checkExistingQueueVisibility, checkGivenVisibility, requiredVisibilityTimeout } from './visibility';
import { functionRow, IMonitoredConstruct, queueBacklog } from '../dashboard/widgets';
import { AlarmSpec } from '../function/alarms';
import { checkFunctionSource, functionFrom } from '../function/function-source';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { acknowledge } from '../private/nag';
import { definedOnly } from '../private/props';
import { createFailureQueue, createSecureQueue, DEAD_LETTER_RETENTION } from '../private/queues';
import { checkArguments } from '../private/runtime-types';
import { checkDurationRange, checkRange, fail } from '../private/validation';

/** SQS's largest visibility timeout: 12 hours. */
const SQS_MAX_VISIBILITY_SECONDS = 43_200;

/** Defaults of QueueWorker (BP-Q1, Q4, Q5, Q8, F4). */
export const QUEUE_WORKER_DEFAULTS = {
  /** 30 s: queue work may take longer than a request, and Q2 multiplies it by six. */
  timeout: Duration.seconds(30),
  maxReceiveCount: 5,
  oldestMessageAgeThreshold: Duration.minutes(15),
};

/**
 * How a QueueWorker's queues and event source behave; shared by every construct built on a
 * QueueWorker (S3Pipeline).
 */
export interface QueueWorkerOptions {
  /**
   * Create FIFO queues (the dead-letter queue is FIFO too). Handlers of FIFO batches must stop at
   * the first failure and report it and every later message (BP-Q7).
   * @default false
   */
  readonly fifo?: boolean;
  /**
   * Content-based deduplication for a created FIFO queue.
   * @default false
   */
  readonly contentBasedDeduplication?: boolean;
  /**
   * A KMS key to encrypt the created queue and dead-letter queue with (BP-Q6).
   * @default - SQS-managed server-side encryption (SSE-SQS)
   */
  readonly encryptionKey?: kms.IKey;
  /**
   * The visibility timeout of the created queue; smaller than 6 × the function timeout + the
   * maximum batching window fails synth (BP-Q2).
   * @default - exactly 6 × the function timeout + the maximum batching window
   */
  readonly visibilityTimeout?: Duration;
  /**
   * How long the created queue keeps a message (60 s – 14 days).
   * @default Duration.days(4) (the SQS default)
   */
  readonly retentionPeriod?: Duration;
  /**
   * Receives before a message moves to the dead-letter queue (BP-Q1). Below 5 adds a warning.
   * @default 5
   */
  readonly maxReceiveCount?: number;
  /**
   * Messages per batch (BP-Q4). Above 10 needs a batching window; FIFO allows at most 10.
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long to gather a batch, 0–300 s; not allowed on FIFO (BP-Q4).
   * @default - none
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * The most function instances the queue may drive at once, 2–1,000; never above the function's
   * reserved concurrency (BP-Q5, F10).
   * @default 10, or the function's reserved concurrency when that is lower
   */
  readonly maxConcurrency?: number;
  /**
   * Alarm when the oldest message in the queue is older than this (BP-Q8).
   * @default Duration.minutes(15)
   */
  readonly oldestMessageAgeThreshold?: Duration;
}

/**
 * Properties of a QueueWorker.
 */
export interface QueueWorkerProps extends QueueWorkerOptions {
  /**
   * The consumer function the worker creates; its timeout defaults to 30 s here. Give exactly one of `functionProps`
   * and `function`.
   * @default - none: `function` must be given
   */
  readonly functionProps?: ServerlessFunctionProps;
  /**
   * An existing consumer (e.g. a VpcFunction's `.function`), used as it is: the visibility timeout (Q2), maximum
   * concurrency (Q5, F10) and idempotency window (I3) are derived from it (BP-R9). Of another stack, its mapping and
   * permissions are created in the worker's stack.
   * @default - none: `functionProps` must be given
   */
  readonly function?: ServerlessFunction;
  /**
   * An existing queue to consume. Its dead-letter queue and visibility timeout are checked when
   * they can be known at synth time (a queue defined in this app).
   * @default - a queue (and its dead-letter queue) is created
   */
  readonly queue?: sqs.IQueue;
}

/**
 * An SQS queue consumed by a ServerlessFunction the way AWS documents it (BP-Q1–Q9): a dead-letter
 * queue that only this queue may redrive into, a visibility timeout derived from the function
 * timeout, partial batch responses, bounded concurrency, encryption and TLS, and alarms on the
 * dead-letter queue and the age of the oldest message.
 *
 * @example
 * const worker = new QueueWorker(stack, 'Orders', {
 *   functionProps: { entry: 'src/process-order.ts' },
 * });
 * worker.grantSendMessages(producerRole);
 */
export class QueueWorker extends Construct implements IMonitoredConstruct {
  /** The queue the function consumes. */
  public readonly queue: sqs.IQueue;
  /** Where messages go after `maxReceiveCount` failed receives (undefined only for an imported queue whose DLQ cannot be known). */
  public readonly deadLetterQueue?: sqs.IQueue;
  /** The consumer. */
  public readonly function: ServerlessFunction;
  /** The event source mapping's source, attached to the function's alias (BP-Q9). */
  public readonly eventSource: sources.SqsEventSource;
  /** The visibility timeout the queue needs (6 × function timeout + batching window). */
  public readonly requiredVisibilityTimeout?: Duration;
  /** The function's alarms and the queue alarms (BP-F15, Q8). */
  public readonly alarms: cloudwatch.IAlarm[];
  /**
   * How long a message may stay in flight before it reaches the dead-letter queue: `maxReceiveCount` × the
   * queue's visibility timeout (which includes the batching window). Undefined when either is unknown at
   * synth time (a token, or an imported queue).
   */
  public readonly retryWindow?: Duration;

  private eventSubscriptions = 0;
  private readonly alarmScope: Construct;
  private readonly ownAlarms: cloudwatch.IAlarm[] = [];

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    checkArguments(this, 'QueueWorker', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    const fifo = props.fifo ?? props.queue?.fifo ?? false;
    checkFunctionSource(this, props, { rule: 'Q2', trigger: 'SQS' });
    const reserved = props.function?.reservedConcurrentExecutions ?? props.functionProps?.reservedConcurrentExecutions;

    // ---- validation (BP-X4) ------------------------------------------------------------------
    checkBatching(this, {
      fifo,
      batchSize: props.batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      maxConcurrency: props.maxConcurrency,
      reservedConcurrentExecutions: reserved,
      reservedProp: props.function ? `the reserved concurrency of ${props.function.node.path}` : undefined,
    });
    checkRange(this, props.maxReceiveCount, { prop: 'maxReceiveCount', min: 1, max: 1_000, rule: 'Q1' });
    checkDurationRange(this, props.retentionPeriod, { prop: 'retentionPeriod', min: 60, max: DEAD_LETTER_RETENTION.toSeconds(), rule: 'Q1', integer: true });
    checkDurationRange(this, props.oldestMessageAgeThreshold, { prop: 'oldestMessageAgeThreshold', min: 60, max: DEAD_LETTER_RETENTION.toSeconds(), rule: 'Q8', integer: true });
    checkDurationRange(this, props.visibilityTimeout, { prop: 'visibilityTimeout', min: 0, max: SQS_MAX_VISIBILITY_SECONDS, rule: 'Q2', integer: true });
    if (props.contentBasedDeduplication && !fifo) {
      fail(this, {
        rule: 'Q7',
        prop: 'contentBasedDeduplication',
        value: 'true on a standard queue',
        allowed: 'content-based deduplication only on FIFO queues (standard queues do not deduplicate)',
        fix: 'set fifo: true, or remove contentBasedDeduplication.',
      });
    }
    if (props.queue) checkExistingQueueProps(this, props, fifo);
    if (props.maxReceiveCount !== undefined && props.maxReceiveCount < QUEUE_WORKER_DEFAULTS.maxReceiveCount) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:lowMaxReceiveCount',
        `[Q1] maxReceiveCount is ${props.maxReceiveCount}: a message that fails only because its batch was throttled or retried may reach the dead-letter queue. AWS recommends at least 5.`);
    }

    // ---- the consumer (BP-F*) ----------------------------------------------------------------
    this.function = functionFrom(this, props, { rule: 'Q2', trigger: 'SQS', defaults: { timeout: QUEUE_WORKER_DEFAULTS.timeout } });
    // An existing function keeps the alarms of the worker's resources in the worker's scope (BP-R9).
    this.alarmScope = props.function ? this : this.function;
    this.requiredVisibilityTimeout = requiredVisibilityTimeout(this.function.timeout, props.maxBatchingWindow);

    // ---- the queues (BP-Q1, Q2, Q6, Q7) ------------------------------------------------------
    if (props.queue) {
      checkExistingQueueVisibility(this, props.queue, this.requiredVisibilityTimeout);
      this.queue = props.queue;
      this.deadLetterQueue = props.queue instanceof sqs.Queue ? props.queue.deadLetterQueue?.queue : undefined;
    } else {
      checkGivenVisibility(this, props.visibilityTimeout, this.requiredVisibilityTimeout);
      const created = this.createQueues(props, fifo);
      this.queue = created.queue;
      this.deadLetterQueue = created.deadLetterQueue;
    }
    this.retryWindow = retryWindowOf(this.queue);
    // A message is redelivered until it reaches the DLQ: the idempotency window must cover that (BP-I3).
    this.function._requireIdempotencyWindow(this.retryWindow, 'the queue: maxReceiveCount × visibility timeout');
    if (this.function.idempotencyTable && !this.retryWindow) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:idempotencyWindowUnchecked',
        '[I3] The queue\'s retry window (maxReceiveCount × visibility timeout) is unknown at synth time: make sure idempotency.expiresAfter covers it.');
    }

    // ---- the event source on the alias (BP-Q3, Q4, Q5, Q9) -----------------------------------
    this.eventSource = new sources.SqsEventSource(this.queue, {
      batchSize: props.batchSize ?? SQS_BATCHING.defaultBatchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      maxConcurrency: props.maxConcurrency ?? defaultMaxConcurrency(reserved),
      reportBatchItemFailures: true,
    });
    const mapping = this.function._addEventSourceMappingIn(this, this.eventSource);
    acknowledge(mapping,
      'SQS event source mappings do not support on-failure destinations; failed messages go to the queue\'s own dead-letter queue after maxReceiveCount receives (BP-Q1).',
      'Serverless-LambdaEventSourceMappingDestination');

    // ---- alarms (BP-Q8) ----------------------------------------------------------------------
    if (this.deadLetterQueue) {
      this.addAlarm('DeadLetterQueueAlarm', {
        metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
        threshold: 1,
        description: `[Q8] ${this.node.path}: messages reached the dead-letter queue. Inspect them, fix the cause, then redrive them to the source queue.`,
      });
    }
    const age = props.oldestMessageAgeThreshold ?? QUEUE_WORKER_DEFAULTS.oldestMessageAgeThreshold;
    this.addAlarm('OldestMessageAgeAlarm', {
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: age.toSeconds(),
      description: `[Q8] ${this.node.path}: the oldest message has waited ${age.toHumanString()} or more. The consumer is failing or too slow (check maxConcurrency and errors).`,
    });
    this.alarms = props.function ? this.ownAlarms : this.function.alarms;
  }

  /** An alarm on the worker's resources, with the function's actions (BP-Q8). */
  private addAlarm(id: string, spec: AlarmSpec): void {
    const alarm = this.function._addAlarmIn(this.alarmScope, id, spec);
    if (alarm) this.ownAlarms.push(alarm);
  }

  /**
   * Fan-out through the queue (BP-N6): subscribes the queue to an SNS topic (of any stack, or imported), with raw message
   * delivery on by default, an optional filter policy, the subscription's own redrive queue, a queue policy that admits
   * SNS for this topic only, and the key policy statement SNS needs when the queue has a customer managed key of this app.
   * Its alarms (failed deliveries, the redrive queue's depth) join `alarms`. A queue between the topic and the function
   * buffers bursts and batches messages under `maxConcurrency`; a TopicWorker invokes the function once per message.
   */
  public subscribeTo(topic: sns.ITopic, options: QueueSubscriptionOptions = {}): sns.Subscription {
    checkArguments(this, 'QueueWorker.subscribeTo', [topic, options]); // BP-F20
    const { subscription, alarms } = subscribeQueueTo({ scope: this, queue: this.queue, function: this.function }, topic, options);
    // A created function's alarms list is `alarms`, which has them already; an existing function's is not.
    if (this.alarms === this.ownAlarms) this.ownAlarms.push(...alarms);
    return subscription;
  }

  /**
   * Sends the events an EventBridge rule matches to the queue (BP-E1–E3, E6): the rule (on the default bus or
   * `options.eventBus`) has an explicit retry policy and a dead-letter queue on its target, the queue admits EventBridge
   * for this rule, and alarms watch failed deliveries. Each call adds one rule (`EventSubscription1`, `2`, … in call order).
   */
  public subscribeToEvents(eventPattern: events.EventPattern, options: QueueEventSubscriptionOptions = {}): events.Rule {
    checkArguments(this, 'QueueWorker.subscribeToEvents', [eventPattern, options]); // BP-F20
    this.eventSubscriptions += 1;
    const worker = { scope: this, queue: this.queue, function: this.function };
    const { rule, alarms } = subscribeQueueToEvents(worker, this.eventSubscriptions, eventPattern, options);
    if (this.alarms === this.ownAlarms) this.ownAlarms.push(...alarms);
    return rule;
  }

  /** Lets `grantee` send messages to the queue (and use its KMS key). */
  public grantSendMessages(grantee: iam.IGrantable): iam.Grant {
    checkArguments(this, 'QueueWorker.grantSendMessages', [grantee]); // BP-F20
    return this.queue.grantSendMessages(grantee);
  }

  /** Age of the oldest message in the queue (maximum). */
  public metricApproximateAgeOfOldestMessage(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArguments(this, 'QueueWorker.metricApproximateAgeOfOldestMessage', [props]); // BP-F20
    return this.queue.metricApproximateAgeOfOldestMessage({ statistic: 'Maximum', ...definedOnly(props) });
  }

  /** Messages waiting in the dead-letter queue (maximum). */
  public metricDeadLetterQueueDepth(props?: cloudwatch.MetricOptions): cloudwatch.Metric | undefined {
    checkArguments(this, 'QueueWorker.metricDeadLetterQueueDepth', [props]); // BP-F20
    return this.deadLetterQueue?.metricApproximateNumberOfMessagesVisible({ statistic: 'Maximum', ...definedOnly(props) });
  }

  private createQueues(props: QueueWorkerProps, fifo: boolean): { queue: sqs.Queue; deadLetterQueue: sqs.Queue } {
    // The DLQ's RedriveAllowPolicy names its one source queue (BP-Q1). The source's RedrivePolicy names
    // the DLQ, so a Ref both ways would be a cycle: the source gets a deterministic name (from its
    // construct path, stable across deployments) and the DLQ names it by ARN.
    const suffix = fifo ? '.fifo' : '';
    const queueName = Names.uniqueResourceName(this, { maxLength: 80 - suffix.length, separator: '-' }) + suffix;
    const sourceArn = Stack.of(this).formatArn({ service: 'sqs', resource: queueName });
    const deadLetterQueue = createFailureQueue(this, 'DeadLetterQueue', 'the dead-letter queue of the worker\'s queue (BP-Q1)', {
      fifo,
      encryptionKey: props.encryptionKey,
      redriveAllowPolicy: {
        redrivePermission: sqs.RedrivePermission.BY_QUEUE,
        sourceQueues: [sqs.Queue.fromQueueArn(this, 'SourceQueueRef', sourceArn)],
      },
    });
    const queue = createSecureQueue(this, 'Queue', {
      fifo,
      contentBasedDeduplication: props.contentBasedDeduplication,
      encryptionKey: props.encryptionKey,
      retentionPeriod: props.retentionPeriod,
      visibilityTimeout: props.visibilityTimeout ?? this.requiredVisibilityTimeout,
      deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: props.maxReceiveCount ?? QUEUE_WORKER_DEFAULTS.maxReceiveCount },
      queueName,
    });
    return { queue, deadLetterQueue };
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return functionRow(this, 'QueueWorker', this.function, { alarms: this.alarms, backlog: queueBacklog(this.queue, this.deadLetterQueue) });
  }
}

/** maxReceiveCount × visibility timeout of a queue defined in this app, when both are known (BP-Q1, Q2). */
function retryWindowOf(queue: sqs.IQueue): Duration | undefined {
  if (!(queue instanceof sqs.Queue) || !queue.deadLetterQueue) return undefined;
  const visibility = (queue.node.defaultChild as sqs.CfnQueue).visibilityTimeout ?? 30;
  const receives = queue.deadLetterQueue.maxReceiveCount;
  if (Token.isUnresolved(visibility) || Token.isUnresolved(receives)) return undefined;
  return Duration.seconds(visibility * receives);
}

/** Checks that only make sense for a queue the user brings (BP-Q1, Q7). */
function checkExistingQueueProps(scope: Construct, props: QueueWorkerProps, fifo: boolean): void {
  const queue = props.queue!;
  for (const prop of ['contentBasedDeduplication', 'encryptionKey', 'visibilityTimeout', 'retentionPeriod', 'maxReceiveCount'] as const) {
    if (props[prop] !== undefined) {
      fail(scope, {
        rule: 'X4',
        prop,
        value: 'set together with queue',
        allowed: `${prop} only for a queue the construct creates`,
        fix: `configure ${prop} on the queue you pass, or remove queue and let QueueWorker create it.`,
      });
    }
  }
  if (props.fifo !== undefined && props.fifo !== queue.fifo) {
    fail(scope, {
      rule: 'Q7',
      prop: 'fifo',
      value: `${props.fifo} with a ${queue.fifo ? 'FIFO' : 'standard'} queue`,
      allowed: 'fifo matching the queue you pass',
      fix: 'remove fifo (it follows the queue).',
    });
  }
  if (queue instanceof sqs.Queue) {
    const dlq = queue.deadLetterQueue?.queue;
    if (!dlq) {
      fail(scope, {
        rule: 'Q1',
        prop: 'queue',
        value: 'a queue without a dead-letter queue',
        allowed: 'a queue with a dead-letter queue (poison messages must leave the queue)',
        fix: 'create the queue with deadLetterQueue: { queue, maxReceiveCount: 5 }, or let QueueWorker create both.',
      });
    }
    if (dlq.fifo !== fifo) {
      fail(scope, {
        rule: 'Q7',
        prop: 'queue',
        value: `a ${fifo ? 'FIFO' : 'standard'} queue with a ${dlq.fifo ? 'FIFO' : 'standard'} dead-letter queue`,
        allowed: 'the dead-letter queue of a FIFO queue is FIFO, of a standard queue standard',
        fix: `create the dead-letter queue with fifo: ${fifo}.`,
      });
    }
  } else {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:queueDlqUnknown',
      '[Q1] The imported queue\'s dead-letter queue cannot be checked at synth time; make sure it has one, with maxReceiveCount of at least 5.');
  }
}
