import { Annotations, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkStreamOptions } from './limits';
import { functionRow, IMonitoredConstruct, ROW_PERIOD } from '../dashboard/widgets';
import { AlarmSpec } from '../function/alarms';
import { checkFunctionSource, functionFrom } from '../function/function-source';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { definedOnly } from '../private/props';
import { createFailureQueue } from '../private/queues';
import { checkArguments } from '../private/runtime-types';
import { checkDurationRange, fail, formatViolation } from '../private/validation';

/** Defaults of StreamWorker (BP-K2–K8, F4). */
export const STREAM_WORKER_DEFAULTS = {
  /** 60 s: a batch of stream records, well inside Lambda's 15 minutes. */
  timeout: Duration.seconds(60),
  batchSize: 100,
  /**
   * 3 retries: with bisection on, a failing batch is halved and retried, so a poison record is isolated
   * quickly; after the retries its (half-)batch goes to the on-failure destination instead of blocking the shard.
   */
  retryAttempts: 3,
  /** 1 hour: a record older than this is sent to the on-failure destination instead of being processed late. */
  maxRecordAge: Duration.hours(1),
  parallelizationFactor: 1,
  /** TRIM_HORIZON: start with the oldest record the stream still has, so nothing written before the mapping is lost. */
  startingPosition: lambda.StartingPosition.TRIM_HORIZON,
  iteratorAgeThreshold: Duration.minutes(5),
};

/** Properties of a StreamWorker. Give `stream` or `table`, or neither for a new Kinesis stream. */
export interface StreamWorkerProps {
  /**
   * The consumer function the worker creates; its timeout defaults to 60 s here. Give exactly one of `functionProps`
   * and `function`.
   * @default - none: `function` must be given
   */
  readonly functionProps?: ServerlessFunctionProps;
  /**
   * An existing consumer (e.g. a VpcFunction's `.function`), used as it is (BP-R9); the idempotency window (I3) is
   * checked against it. Of another stack, its mapping and permissions are created in the worker's stack.
   * @default - none: `functionProps` must be given
   */
  readonly function?: ServerlessFunction;
  /**
   * A Kinesis data stream to consume.
   * @default - an on-demand, encrypted stream is created (unless `table` is given)
   */
  readonly stream?: kinesis.IStream;
  /**
   * A DynamoDB table whose stream to consume; the table must have its stream on (`stream` on `dynamodb.Table`,
   * `dynamoStream` on `dynamodb.TableV2`).
   * @default - none
   */
  readonly table?: dynamodb.ITable;
  /**
   * Where to start reading a shard the first time. `AT_TIMESTAMP` is for Kinesis only (with `startingPositionTimestamp`).
   * @default StartingPosition.TRIM_HORIZON
   */
  readonly startingPosition?: lambda.StartingPosition;
  /**
   * With `AT_TIMESTAMP`: the time, in Unix seconds.
   * @default - none
   */
  readonly startingPositionTimestamp?: number;
  /**
   * Records per batch, 1–10,000 (BP-K6).
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * How long to gather a batch, 0–300 s (BP-K6).
   * @default - none
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Batches processed per shard at once, 1–10 (BP-K6).
   * @default 1
   */
  readonly parallelizationFactor?: number;
  /**
   * Retries of a failing batch, 0–10,000; -1 (infinite) only with `allowInfiniteRetries` (BP-K3).
   * @default 3, or -1 (infinite) with `allowInfiniteRetries`
   */
  readonly retryAttempts?: number;
  /**
   * Records older than this go to the on-failure destination instead of the function: 60 s – 7 days (BP-K3).
   * For no limit, omit it and set `allowInfiniteRetries`.
   * @default Duration.hours(1), or no limit with `allowInfiniteRetries`
   */
  readonly maxRecordAge?: Duration;
  /**
   * Retry a failing batch until its records expire (AWS's own default): `retryAttempts` -1 is then allowed, and
   * both `retryAttempts` and `maxRecordAge` default to infinite. One failing record then blocks its shard for up
   * to the stream's retention (24 hours to 365 days); a warning says so.
   * @default false
   */
  readonly allowInfiniteRetries?: boolean;
  /**
   * Split a failing batch in two and retry each half (BP-K2).
   * @default true
   */
  readonly bisectBatchOnError?: boolean;
  /**
   * A tumbling window for aggregations, 0–900 s (BP-K6).
   * @default - none
   */
  readonly tumblingWindow?: Duration;
  /**
   * Event filtering: `lambda.FilterCriteria.filter({...})` patterns.
   * @default - every record
   */
  readonly filters?: Array<{ [key: string]: any }>;
  /**
   * Where records that still fail go: a queue of yours.
   * @default - an encrypted SQS queue that keeps them 14 days (BP-K4)
   */
  readonly onFailureQueue?: sqs.IQueue;
  /**
   * Alarm when the iterator age (how far behind the newest record the function is) reaches this (BP-K8).
   * @default Duration.minutes(5)
   */
  readonly iteratorAgeThreshold?: Duration;
}

/**
 * A Kinesis data stream or a DynamoDB table's stream consumed the way AWS documents it (BP-K1–K8): the mapping on
 * the function's alias, bisect on error, finite retries and record age, partial batch responses, an encrypted
 * on-failure queue for records that still fail, and alarms on iterator age and the on-failure queue.
 *
 * @example
 * const orders = new StreamWorker(stack, 'OrderEvents', {
 *   functionProps: { entry: 'src/order-events.ts' },
 * });
 * orders.grantWrite(producerRole);
 */
export class StreamWorker extends Construct implements IMonitoredConstruct {
  /** The Kinesis stream, when the source is Kinesis (created or given). */
  public readonly stream?: kinesis.IStream;
  /** The DynamoDB table, when the source is a table's stream. */
  public readonly table?: dynamodb.ITable;
  /** The consumer. */
  public readonly function: ServerlessFunction;
  /** The event source mapping, on the function's alias (BP-K1). */
  public readonly eventSourceMapping: lambda.EventSourceMapping;
  /** Where records that still fail go (BP-K4). */
  public readonly onFailureQueue: sqs.IQueue;
  /** The function's alarms and the stream alarms (BP-F15, K8). */
  public readonly alarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: StreamWorkerProps) {
    super(scope, id);
    checkArguments(this, 'StreamWorker', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    // ---- validation (BP-X4) ------------------------------------------------------------------
    if (props.stream && props.table) {
      fail(this, {
        rule: 'K1', prop: 'stream / table', value: 'both given', allowed: 'one source', fix: 'give stream for Kinesis, or table for its DynamoDB stream.',
      });
    }
    checkFunctionSource(this, props, { rule: 'K1', trigger: 'the stream' });
    const kind = props.table ? 'dynamodb' : 'kinesis';
    if (props.table && !props.table.tableStreamArn) {
      fail(this, {
        rule: 'K1',
        prop: 'table',
        value: 'a table without a stream',
        allowed: 'a table with its DynamoDB stream on',
        fix: 'create the table with stream: StreamViewType.NEW_AND_OLD_IMAGES (dynamodb.Table) or dynamoStream (TableV2); an imported table needs tableStreamArn.',
      });
    }
    checkStreamOptions(this, props, kind);
    checkIteratorAge(this, props);
    if (props.table) this.node.addValidation({ validate: () => tableV2StreamErrors(this, props.table!) });

    // ---- the source (BP-K7) --------------------------------------------------------------------
    if (kind === 'kinesis') {
      this.stream = props.stream ?? new kinesis.Stream(this, 'Stream', {
        streamMode: kinesis.StreamMode.ON_DEMAND,
        encryption: kinesis.StreamEncryption.MANAGED,
      });
    } else {
      this.table = props.table;
    }

    // ---- the consumer (BP-F*) ------------------------------------------------------------------
    this.function = functionFrom(this, props, { rule: 'K1', trigger: 'the stream', defaults: { timeout: STREAM_WORKER_DEFAULTS.timeout } });

    // ---- on-failure destination (BP-K4) --------------------------------------------------------
    this.onFailureQueue = props.onFailureQueue
      ?? createFailureQueue(this, 'OnFailureQueue', 'the on-failure destination of the stream\'s event source mapping (BP-K4)');

    // ---- the event source mapping on the alias (BP-K1–K3, K5, K6) ------------------------------
    const common: sources.StreamEventSourceProps = {
      startingPosition: props.startingPosition ?? STREAM_WORKER_DEFAULTS.startingPosition,
      batchSize: props.batchSize ?? STREAM_WORKER_DEFAULTS.batchSize,
      maxBatchingWindow: props.maxBatchingWindow,
      parallelizationFactor: props.parallelizationFactor ?? STREAM_WORKER_DEFAULTS.parallelizationFactor,
      retryAttempts: props.retryAttempts ?? (props.allowInfiniteRetries ? -1 : STREAM_WORKER_DEFAULTS.retryAttempts),
      maxRecordAge: props.maxRecordAge ?? (props.allowInfiniteRetries ? undefined : STREAM_WORKER_DEFAULTS.maxRecordAge),
      bisectBatchOnError: props.bisectBatchOnError ?? true,
      reportBatchItemFailures: true,
      tumblingWindow: props.tumblingWindow,
      filters: props.filters,
      onFailure: new sources.SqsDlq(this.onFailureQueue),
    };
    this.eventSourceMapping = kind === 'kinesis'
      ? this.function._addEventSourceMappingIn(this,
        new sources.KinesisEventSource(this.stream!, { ...common, startingPositionTimestamp: props.startingPositionTimestamp }))
      : this.function._addEventSourceMappingIn(this, tableStreamSource(this.function, this.table!, common));
    // A record is retried until it is older than maxRecordAge: the idempotency window covers it (BP-I3).
    this.function._requireIdempotencyWindow(common.maxRecordAge, 'the stream: maxRecordAge');
    if (this.function.idempotencyTable && !common.maxRecordAge) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:idempotencyWindowUnbounded',
        '[I3] Records are retried until they expire (no maxRecordAge): an idempotency window shorter than the stream\'s retention may let a retry run twice.');
    }
    if (props.allowInfiniteRetries) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:infiniteRetries',
        '[K3] allowInfiniteRetries: a failing batch is retried until its records expire, and everything behind it in the shard waits.');
    }
    if (props.bisectBatchOnError === false) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:bisectOff',
        '[K2] bisectBatchOnError is false: one failing record makes its whole batch retry until retryAttempts or maxRecordAge runs out, holding up its shard.');
    }

    // ---- alarms (BP-K8) ------------------------------------------------------------------------
    const iteratorAge = props.iteratorAgeThreshold ?? STREAM_WORKER_DEFAULTS.iteratorAgeThreshold;
    // An existing function keeps the alarms of the worker's resources in the worker's scope (BP-R9).
    const alarmScope = props.function ? this : this.function;
    const own: cloudwatch.IAlarm[] = [];
    const addAlarm = (alarmId: string, spec: AlarmSpec) => {
      const alarm = this.function._addAlarmIn(alarmScope, alarmId, spec);
      if (alarm) own.push(alarm);
    };
    addAlarm('IteratorAgeAlarm', {
      metric: this.function.function.metric('IteratorAge', { period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: iteratorAge.toMilliseconds(),
      description: `[K8] ${this.node.path}: the function is ${iteratorAge.toHumanString()} or more behind the newest record. A failing batch blocks a shard, or the function is too slow (raise parallelizationFactor or batchSize).`,
    });
    addAlarm('OnFailureQueueAlarm', {
      metric: this.onFailureQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      description: `[K8] ${this.node.path}: records that still failed after the retries are in the on-failure queue (each message says which shard and sequence numbers). Fix the cause, then replay them.`,
    });
    this.alarms = props.function ? own : this.function.alarms;
  }

  /** Lets `grantee` put records into the Kinesis stream (and use its key). Fails for a table's stream. */
  public grantWrite(grantee: iam.IGrantable): iam.Grant {
    checkArguments(this, 'StreamWorker.grantWrite', [grantee]); // BP-F20
    if (!this.stream) {
      fail(this, {
        rule: 'K1',
        prop: 'grantWrite(grantee)',
        value: 'called on a DynamoDB table\'s stream',
        allowed: 'a Kinesis stream',
        fix: 'grant write access on the table instead (table.grantWriteData(grantee)).',
      });
    }
    return this.stream.grantWrite(grantee);
  }

  /** Iterator age of the mapping (maximum), in milliseconds. */
  public metricIteratorAge(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArguments(this, 'StreamWorker.metricIteratorAge', [props]); // BP-F20
    return this.function.function.metric('IteratorAge', { statistic: 'Maximum', ...definedOnly(props) });
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    const fn = this.function;
    return functionRow(this, 'StreamWorker', fn, {
      alarms: this.alarms,
      backlog: {
        title: 'Backlog',
        left: [fn.alias.metric('IteratorAge', { period: ROW_PERIOD, statistic: 'Maximum', label: 'iterator age (ms)' })],
        right: [this.onFailureQueue.metricApproximateNumberOfMessagesVisible({ period: ROW_PERIOD, statistic: 'Maximum', label: 'failed batches' })],
      },
    });
  }
}

/**
 * The DynamoDB stream's mapping, built like aws-cdk-lib's DynamoEventSource but with the read permissions
 * placed precisely: stream reads on the stream's ARN (the role's policy), and `ListStreams` — which has no
 * resource-level permissions — with the other acknowledged `*` statements of the role's base policy, so no
 * acknowledgement on the DefaultPolicy can hide a wildcard of the user's (BP-F14, K1).
 */
function tableStreamSource(fn: ServerlessFunction, table: dynamodb.ITable, o: sources.StreamEventSourceProps): lambda.IEventSource {
  return {
    bind: (target: lambda.IFunction) => {
      const mapping = target.addEventSourceMapping('DynamoDBEventSource', {
        eventSourceArn: table.tableStreamArn!,
        startingPosition: o.startingPosition,
        batchSize: o.batchSize,
        maxBatchingWindow: o.maxBatchingWindow,
        parallelizationFactor: o.parallelizationFactor,
        retryAttempts: o.retryAttempts,
        maxRecordAge: o.maxRecordAge,
        bisectBatchOnError: o.bisectBatchOnError,
        reportBatchItemFailures: o.reportBatchItemFailures,
        tumblingWindow: o.tumblingWindow,
        filters: o.filters,
        onFailure: o.onFailure,
      });
      target.grantPrincipal.addToPrincipalPolicy(new iam.PolicyStatement({
        actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
        resources: [table.tableStreamArn!],
      }));
      fn._addBaseStatement(new iam.PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
      table.encryptionKey?.grantDecrypt(target);
      return mapping;
    },
  };
}

/** The iterator-age alarm's threshold (BP-K8): a positive age; set while the alarms are off it would be ignored. */
function checkIteratorAge(scope: Construct, props: StreamWorkerProps): void {
  // Kinesis keeps records up to 365 days; an age of 0 alarms on every record that is not consumed instantly.
  checkDurationRange(scope, props.iteratorAgeThreshold, { prop: 'iteratorAgeThreshold', min: 1, max: 365 * 86_400, rule: 'K8' });
  const alarmsOff = props.function ? props.function.alarms.length === 0 : props.functionProps?.alarms?.enabled === false;
  if (props.iteratorAgeThreshold !== undefined && alarmsOff) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:iteratorAgeThresholdIgnored',
      '[K8] iteratorAgeThreshold is set, but the function\'s alarms are off (alarms.enabled: false): no iterator-age alarm is created. Remove the threshold, or turn the alarms on.');
  }
}

/**
 * A TableV2 always has a `tableStreamArn` token; its stream exists only with `dynamoStream`, which aws-cdk-lib renders
 * lazily. Known only at synthesis, so checked then, with the library's message (BP-K1, X4).
 */
function tableV2StreamErrors(scope: Construct, table: dynamodb.ITable): string[] {
  if (!(table instanceof dynamodb.TableV2)) return [];
  const cfn = table.node.defaultChild as dynamodb.CfnGlobalTable;
  if (Stack.of(table).resolve(cfn.streamSpecification) !== undefined) return [];
  return [formatViolation(scope, {
    rule: 'K1',
    prop: 'table',
    value: 'a TableV2 without a stream',
    allowed: 'a table with its DynamoDB stream on',
    fix: 'create the TableV2 with dynamoStream: StreamViewType.NEW_AND_OLD_IMAGES.',
  })];
}
