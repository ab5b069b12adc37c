import { Annotations, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlarmSpec, checkAlarmOptions, createAlarm, DEFAULT_ALARM_PERIOD, durationAlarmSpec, FunctionAlarmsOptions } from './alarms';
import { configureAsyncInvocation, isAsync } from './async-invocation';
import { checkCode, createLambdaFunction, FunctionCodeOptions } from './code';
import { checkDeployment, createDeploymentGroup, GradualDeploymentOptions } from './deployment';
import { applyEventSourceRules } from './event-sources';
import { IdempotencyOptions, IdempotencyStore } from './idempotency';
import { checkEnvironment, checkFunctionLimits, lateSecretErrors } from './limits';
import { packageSizeErrors } from './package-size';
import { BasePolicy, createFunctionRole, enableTracing, grantBasePermissions, principalFor } from './permissions';
import {
  addProvisionedConcurrencyScaling, addSchedule, checkProvisionedConcurrency, checkSchedule,
  ProvisionedConcurrencyOptions, ProvisionedConcurrencySchedule,
} from './provisioned-concurrency';
import { newestNodeRuntime } from './runtime';
import { checkRuntime } from './runtime-lifecycle';
import { snapStartFor } from './snap-start';
import { functionRow, IMonitoredConstruct } from '../dashboard/widgets';
import { acknowledge, nagResource } from '../private/nag';
import { roleDescription } from '../private/naming';
import { checkArguments } from '../private/runtime-types';
import { refuseStructsInCollectionsFrom } from '../private/struct-keys';
import { selectSubnetsOrFail } from '../private/subnets';
import { checkDurationRange, checkRange, fail, isKnown, secondsOf } from '../private/validation';

/** Lambda's own maximum age of an asynchronous event when none is set: 6 hours. */
const ASYNC_DEFAULT_MAX_EVENT_AGE = Duration.hours(6);

/** Defaults of a plain ServerlessFunction; each pattern documents its own (BP-F3, F4, F6). */
export const FUNCTION_DEFAULTS = {
  /** 1,024 MB: a balanced start for Node.js; tune with AWS Lambda Power Tuning. */
  memorySize: 1024,
  /** 10 s: a directly invoked function should answer quickly. */
  timeout: Duration.seconds(10),
  /** One month of logs. */
  logRetention: logs.RetentionDays.ONE_MONTH,
  aliasName: 'live',
};

/**
 * Properties of a ServerlessFunction: everything `lambda.FunctionOptions` has, the code
 * (`code` + `handler`, or a TypeScript/JavaScript `entry` bundled locally with esbuild), and
 * the additions of this library.
 *
 * Everything about asynchronous invocation that `lambda.FunctionOptions` offers
 * (`onFailure`, `onSuccess`, `retryAttempts`, `maxEventAge`) is applied to the alias,
 * never to `$LATEST` (BP-F11). `logRetention` sets the retention of the log group the
 * construct owns (no LogRetention custom resource is created).
 */
export interface ServerlessFunctionProps extends lambda.FunctionOptions, FunctionCodeOptions {
  /**
   * The alias every trigger, integration, schedule and destination targets (BP-F8).
   * @default 'live'
   */
  readonly aliasName?: string;
  /**
   * Provisioned concurrency on the alias (BP-F9).
   * @default - none (on-demand concurrency only)
   */
  readonly provisionedConcurrency?: ProvisionedConcurrencyOptions;
  /**
   * SnapStart on the published version of a Java function (BP-F18: free for Java, the snapshot is restored instead of
   * initializing the JVM). `false` turns the default off, for code that must not be snapshotted (unique IDs or
   * connections created during init). Other runtimes take `snapStart` (charged for Python and .NET).
   * @default true - for Java runtimes that support it, unless provisioned concurrency, EFS or more than 512 MB of
   * ephemeral storage is configured
   */
  readonly javaSnapStart?: boolean;
  /**
   * Alarms on errors, throttles and p99 duration, plus asynchronous-delivery alarms for
   * asynchronously invoked functions (BP-F15).
   * @default - enabled, no actions
   */
  readonly alarms?: FunctionAlarmsOptions;
  /**
   * Gradual deployment of each new version with CodeDeploy (BP-F16), rolled back by the new version's own
   * errors and p99 duration (measured with the `ExecutedVersion` dimension), never by backlog alarms.
   * @default - none: each deployment moves the alias at once
   */
  readonly deployment?: GradualDeploymentOptions;
  /**
   * Whether the function is invoked asynchronously (by S3, SNS, EventBridge, Scheduler, `InvocationType: Event`).
   * Such a function gets its asynchronous-invocation config on the alias, an on-failure destination
   * (an encrypted SQS queue unless `onFailure` is given), and delivery alarms (BP-F11).
   * @default - true when any of `onFailure`, `onSuccess`, `retryAttempts`, `maxEventAge` is given
   */
  readonly invokedAsynchronously?: boolean;
  /**
   * An idempotency store for Powertools' idempotency utility (BP-I1–I4): a DynamoDB table (created or given),
   * item access for the function, and `IDEMPOTENCY_TABLE_NAME` / `IDEMPOTENCY_EXPIRES_AFTER_SECONDS` in its
   * environment; the window covers the function's retry window.
   * @default - none
   */
  readonly idempotency?: IdempotencyOptions;
}

/**
 * One AWS Lambda function done the way AWS documents it: arm64, explicit memory and timeout,
 * active tracing, JSON logs into a log group it owns, recursive-loop termination, a
 * least-privilege role, a published version behind an alias that everything targets, alarms,
 * and optional provisioned concurrency and gradual deployment (BP-F1–F17).
 *
 * @example
 * new ServerlessFunction(stack, 'Fn', {
 *   code: lambda.Code.fromInline('exports.handler = async () => ({ ok: true });'),
 * });
 */
export class ServerlessFunction extends Construct implements iam.IGrantable, IMonitoredConstruct {
  /** The Lambda function. Wire triggers to `alias`, not to this. */
  public readonly function: lambda.Function;
  /** The published version the alias points to. */
  public readonly version: lambda.IVersion;
  /** The alias every integration of this library targets (BP-F8). */
  public readonly alias: lambda.Alias;
  /** The log group the function writes to. */
  public readonly logGroup: logs.ILogGroup;
  /** The function's execution role. */
  public readonly role: iam.IRole;
  /** The principal to grant permissions to. */
  public readonly grantPrincipal: iam.IPrincipal;
  /** The effective timeout (what was given, or the default). */
  public readonly timeout: Duration;
  /** The effective memory size in MB. */
  public readonly memorySize: number;
  /** The alarms created (empty when disabled). */
  public readonly alarms: cloudwatch.IAlarm[];
  /** Whether the function is configured for asynchronous invocation. */
  public readonly invokedAsynchronously: boolean;
  /**
   * How long Lambda keeps retrying an asynchronous event (the `maxEventAge` given, or Lambda's 6 hours); undefined
   * when the function is not invoked asynchronously (BP-F11, I3).
   */
  public readonly asyncMaxEventAge?: Duration;
  /**
   * The encrypted queue that receives events whose asynchronous invocation failed.
   * Only when the function is invoked asynchronously and no `onFailure` was given.
   */
  public readonly asyncFailureQueue?: sqs.IQueue;
  /** The CodeDeploy deployment group, when `deployment` is given. */
  public readonly deploymentGroup?: codedeploy.ILambdaDeploymentGroup;
  /** Auto scaling of provisioned concurrency, when `provisionedConcurrency.maxCapacity` is given. */
  public readonly provisionedConcurrencyScaling?: lambda.IScalableFunctionAttribute;
  /** The idempotency table, when `idempotency` is given (BP-I1). */
  public readonly idempotencyTable?: dynamodb.ITable;

  private readonly idempotencyStore?: IdempotencyStore;

  private readonly environment: { [key: string]: string };
  private readonly basePolicy: BasePolicy;
  /** The known maximum length of token values the library itself adds (BP-F12). */
  private readonly environmentBounds: { [key: string]: number } = {};
  private readonly alarmOptions: FunctionAlarmsOptions;
  private readonly provisionedConcurrencyOptions?: ProvisionedConcurrencyOptions;
  /** The reserved concurrency given (BP-F10); undefined when none was. */
  public readonly reservedConcurrentExecutions?: number;
  private readonly scheduleNames = new Set<string>();

  constructor(scope: Construct, id: string, props: ServerlessFunctionProps) {
    super(scope, id);
    checkArguments(this, 'ServerlessFunction', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    const {
      code, handler, runtime, entry, bundling, aliasName, provisionedConcurrency, alarms, deployment,
      invokedAsynchronously, idempotency, onFailure, onSuccess, retryAttempts, maxEventAge,
      logRetention, logRetentionRole, logRetentionRetryOptions, logGroup, tracing, role,
      ...functionOptions
    } = props;

    // ---- validation first (BP-X4) --------------------------------------------------------
    checkCode(this, code, entry);
    checkAliasName(this, aliasName);
    checkFunctionLimits(this, props);
    refuseStructsInCollectionsFrom(this, 'provisionedConcurrency.schedules', (provisionedConcurrency?.schedules ?? []).length > 0,
      'fn.add_provisioned_concurrency_schedule(name=..., schedule=..., min_capacity=..., time_zone=...)');
    checkProvisionedConcurrency(this, provisionedConcurrency, props.reservedConcurrentExecutions);
    this.provisionedConcurrencyOptions = provisionedConcurrency;
    this.reservedConcurrentExecutions = props.reservedConcurrentExecutions;
    for (const s of provisionedConcurrency?.schedules ?? []) this.scheduleNames.add(s.name);
    checkAlarmOptions(this, alarms);
    checkDeployment(this, deployment, alarms?.enabled ?? true);
    checkLogging(this, props);
    checkAsyncOptions(this, props);
    checkNetworkOptions(this, props);
    checkDurableConfig(this, props.durableConfig);
    checkRuntime(this, runtime ?? newestNodeRuntime());
    if (code instanceof lambda.InlineCode && runtime && !runtime.supportsInlineCode) {
      fail(this, {
        rule: 'X4',
        prop: 'code',
        value: `inline code with runtime ${runtime.name}`,
        allowed: 'inline code only with a runtime that supports it (Node.js and some Python runtimes)',
        fix: 'use Code.fromAsset(directory), or a Node.js runtime.',
      });
    }
    if (tracing !== undefined && tracing !== lambda.Tracing.ACTIVE) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:tracingNotActive',
        `[F5] tracing is ${tracing}: requests through this function will not show in AWS X-Ray service maps and traces. Kept as given.`);
    }
    if (props.recursiveLoop === lambda.RecursiveLoop.ALLOW) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:recursiveLoopAllowed',
        '[F7] recursiveLoop is ALLOW: Lambda will not stop a loop through SQS, SNS or S3. Make sure the loop is intended and bounded.');
    }
    if (props.deadLetterQueue || props.deadLetterQueueEnabled || props.deadLetterTopic) {
      Annotations.of(this).addWarningV2('cdk-serverless-patterns:legacyDeadLetterQueue',
        '[F11] A function dead-letter queue receives only the event; an onFailure destination also receives the error and the response. Prefer onFailure.');
    }

    this.timeout = props.timeout ?? FUNCTION_DEFAULTS.timeout;
    this.memorySize = props.memorySize ?? FUNCTION_DEFAULTS.memorySize;
    this.environment = { ...(props.environment ?? {}) };
    this.alarmOptions = alarms ?? {};

    // ---- log group and role (BP-F6, F14, V7) --------------------------------------------
    this.logGroup = logGroup
      ? asLogGroup(this, logGroup)
      : new logs.LogGroup(this, 'LogGroup', { retention: logRetention ?? FUNCTION_DEFAULTS.logRetention });
    const tracingMode = tracing ?? lambda.Tracing.ACTIVE;
    const base = { logGroup: this.logGroup, tracing: tracingMode, inVpc: props.vpc !== undefined };
    if (role) {
      this.role = role;
      this.basePolicy = grantBasePermissions(this, role, base);
    } else {
      const created = createFunctionRole(this, roleDescription(`Execution role of ${this.node.path}`), base);
      this.role = created.role;
      this.basePolicy = created.base;
    }
    this.grantPrincipal = this.role;

    // ---- the function (BP-F1–F7, F18) ---------------------------------------------------
    const effectiveRuntime = runtime ?? newestNodeRuntime();
    const options: lambda.FunctionOptions = {
      ...functionOptions,
      role: this.role,
      logGroup: this.logGroup,
      architecture: props.architecture ?? lambda.Architecture.ARM_64,
      memorySize: this.memorySize,
      timeout: this.timeout,
      environment: this.environment,
      loggingFormat: props.loggingFormat ?? lambda.LoggingFormat.JSON,
      applicationLogLevelV2: props.applicationLogLevelV2 ?? lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: props.systemLogLevelV2 ?? lambda.SystemLogLevel.INFO,
      recursiveLoop: props.recursiveLoop ?? lambda.RecursiveLoop.TERMINATE,
      snapStart: snapStartFor(this, {
        snapStart: props.snapStart,
        javaSnapStart: props.javaSnapStart,
        runtime: effectiveRuntime,
        provisionedConcurrency: provisionedConcurrency !== undefined,
        filesystem: props.filesystem,
        ephemeralStorageSize: props.ephemeralStorageSize,
      }),
    };
    this.function = createLambdaFunction(this, 'Function', options, { code, entry, handler, bundling }, effectiveRuntime);
    enableTracing(this.function, tracingMode);
    if (props.durableConfig) grantDurableExecution(this, this.function, this.role);

    // ---- version and alias (BP-F8, F9) --------------------------------------------------
    this.version = this.function.currentVersion;
    this.alias = new lambda.Alias(this, 'Alias', {
      aliasName: aliasName ?? FUNCTION_DEFAULTS.aliasName,
      version: this.version,
      provisionedConcurrentExecutions: provisionedConcurrency?.minCapacity,
    });
    this.provisionedConcurrencyScaling = addProvisionedConcurrencyScaling(this.alias, provisionedConcurrency);

    // ---- asynchronous invocation (BP-F11) -----------------------------------------------
    const asyncInput = { onFailure, onSuccess, retryAttempts, maxEventAge };
    this.invokedAsynchronously = isAsync(asyncInput, invokedAsynchronously);
    if (this.invokedAsynchronously) {
      this.asyncFailureQueue = configureAsyncInvocation(this, this.alias, asyncInput);
      this.asyncMaxEventAge = maxEventAge ?? ASYNC_DEFAULT_MAX_EVENT_AGE;
    }
    acknowledge(this.function.node.defaultChild!, this.invokedAsynchronously
      ? 'Failed asynchronous invocations go to the on-failure destination on the alias, which receives the event, the error and the response; AWS recommends destinations over a function dead-letter queue (BP-F11).'
      : 'The function is not invoked asynchronously: a synchronous caller receives the error, and a queue consumer (QueueWorker) keeps failed messages in the queue\'s own dead-letter queue (BP-F11, Q1).',
    'Serverless-LambdaDLQ');

    // ---- idempotency (BP-I1–I4) ---------------------------------------------------------------
    if (idempotency) {
      this.idempotencyStore = new IdempotencyStore(this, this, idempotency);
      this.idempotencyTable = this.idempotencyStore.table;
      // An asynchronous event may be retried for as long as its maximum age (Lambda's default: 6 hours).
      if (this.asyncMaxEventAge) this._requireIdempotencyWindow(this.asyncMaxEventAge, 'asynchronous invocation: maxEventAge');
    }

    // ---- alarms (BP-F15) and gradual deployment (BP-F16) --------------------------------
    this.alarms = (alarms?.enabled ?? true) ? this.createDefaultAlarms() : [];
    if (deployment) {
      this.deploymentGroup = createDeploymentGroup(this, deployment, {
        function: this.function,
        alias: this.alias,
        version: this.version,
        timeout: this.timeout,
        alarms: this.alarmOptions,
        createAlarm: (alarmId, spec) => {
          const alarm = createAlarm(this, alarmId, spec, this.alarmOptions);
          this.alarms.push(alarm);
          return alarm;
        },
      });
    }

    // ---- facts known late -----------------------------------------------------------------
    this.node.addValidation({ validate: () => this.validateFunctionUrls() });
    // BP-F13 for token values (a Lazy, a reference): resolved only now, never during construction.
    this.node.addValidation({ validate: () => lateSecretErrors(this, this.environment) });
    // BP-F12: code + layers within 250 MB unzipped, once `entry` is bundled and every layer added.
    this.node.addValidation({ validate: () => packageSizeErrors(this, this.function, props.layers) });
  }

  /**
   * Adds a scheduled change of the alias's provisioned concurrency, e.g. more capacity during business hours,
   * checked like `provisionedConcurrency.schedules` (BP-F9, F10). Needs `provisionedConcurrency.maxCapacity`.
   *
   * From Python this is how schedules are given (`fn.add_provisioned_concurrency_schedule(name=..., schedule=...,
   * min_capacity=...)`): a schedule inside a list would reach the library without the keys jsii does not know.
   */
  public addProvisionedConcurrencySchedule(schedule: ProvisionedConcurrencySchedule): void {
    checkArguments(this, 'ServerlessFunction.addProvisionedConcurrencySchedule', [schedule]); // BP-F20
    const pc = this.provisionedConcurrencyOptions;
    if (!pc || !this.provisionedConcurrencyScaling) {
      fail(this, {
        rule: 'F9',
        prop: 'addProvisionedConcurrencySchedule',
        value: `schedule '${schedule.name}' on a function without provisionedConcurrency.maxCapacity`,
        allowed: 'schedules only on a function whose provisioned concurrency auto-scales',
        fix: 'give the function provisionedConcurrency with minCapacity and maxCapacity.',
      });
    }
    checkSchedule(this, pc, schedule, this.scheduleNames, this.reservedConcurrentExecutions);
    addSchedule(this.provisionedConcurrencyScaling, schedule);
  }

  /** Adds an environment variable, with the same checks as the props (BP-F12, F13). */
  public addEnvironment(key: string, value: string): ServerlessFunction {
    checkArguments(this, 'ServerlessFunction.addEnvironment', [key, value]); // BP-F20
    checkEnvironment(this, { ...this.environment, [key]: value }, this.environmentBounds);
    this.environment[key] = value;
    this.function.addEnvironment(key, value);
    return this;
  }

  /**
   * Adds a variable whose value is a token of known maximum length (a bucket name: 63), so the 4 KB limit
   * counts it (BP-F12). For the library's patterns.
   * @internal
   */
  public _addBoundedEnvironment(key: string, value: string, maxBytes: number): ServerlessFunction {
    if (Token.isUnresolved(value)) this.environmentBounds[key] = maxBytes;
    return this.addEnvironment(key, value);
  }

  /** Lets `grantee` invoke the alias (not `$LATEST`, BP-F8). */
  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    checkArguments(this, 'ServerlessFunction.grantInvoke', [grantee]); // BP-F20
    return this.alias.grantInvoke(grantee);
  }

  /**
   * Adds an event source to the alias (BP-F8), with the library's rules (BP-F19): an SQS source must report partial
   * batch failures and fit the queue's visibility timeout (else use QueueWorker), a stream source must bisect, retry
   * finitely, age records out and keep failures (else use StreamWorker); the permissions any source needs reach the
   * role as inline statements, never an AWS managed policy (a managed Kafka source's included).
   */
  public addEventSource(source: lambda.IEventSource): void {
    checkArguments(this, 'ServerlessFunction.addEventSource', [source]); // BP-F20
    const before = new Set(this.alias.node.children);
    this.alias.addEventSource(source);
    const created = this.alias.node.children.find(c => !before.has(c) && c instanceof lambda.EventSourceMapping);
    const mapping = created as lambda.EventSourceMapping | undefined;
    applyEventSourceRules(this, this, source, mapping);
  }

  /** The idempotency window (BP-I3), when `idempotency` is given: the one given, or 1 hour or the longest retry window. */
  public get idempotencyWindow(): Duration | undefined {
    return this.idempotencyStore?.window;
  }

  /**
   * Registers a retry window of the function's trigger (a queue's, a stream's, a schedule's): the idempotency
   * window must cover it (BP-I3). Nothing happens without `idempotency`.
   * @internal
   */
  public _requireIdempotencyWindow(retryWindow: Duration | undefined, source: string): void {
    this.idempotencyStore?.requireWindow(retryWindow, source);
  }

  /**
   * Adds a statement that AWS requires on `Resource: "*"` to the role's base policy, where the wildcard is
   * acknowledged with its reason, instead of the DefaultPolicy where it would hide the user's own (BP-F14).
   * @internal
   */
  public _addBaseStatement(statement: iam.PolicyStatement): void {
    this.basePolicy.add(statement, statement.resources.includes('*'));
  }

  /**
   * Adds an event source to the alias and returns the mapping it created (BP-F8): what QueueWorker and
   * StreamWorker share.
   * @internal
   */
  public _addEventSourceMapping(source: lambda.IEventSource): lambda.EventSourceMapping {
    const before = new Set(this.alias.node.children);
    this.alias.addEventSource(source);
    const mapping = this.alias.node.children.find(c => !before.has(c) && c instanceof lambda.EventSourceMapping);
    if (!mapping) throw new Error(`${this.node.path}: the event source created no event source mapping on the alias`);
    return mapping as lambda.EventSourceMapping;
  }

  /**
   * Like `_addEventSourceMapping`, for a pattern in `scope` that uses this function as an existing one (BP-R9). In the
   * function's own stack it is the same; from another stack the mapping, and the permissions the source grants, are
   * created in `scope` (a policy of that stack attached to this function's role), so the function's stack (a network
   * stack, say) never depends on the pattern's stack (design: the dependent side holds the rule).
   * @internal
   */
  public _addEventSourceMappingIn(scope: Construct, source: lambda.IEventSource): lambda.EventSourceMapping {
    if (Stack.of(scope) === Stack.of(this)) return this._addEventSourceMapping(source);
    const role = this.role;
    let policy: iam.Policy | undefined;
    let mapping: lambda.EventSourceMapping | undefined;
    const principal = principalFor(role, statement => {
      policy ??= new iam.Policy(scope, 'EventSourcePolicy', { roles: [role] });
      policy.addStatements(statement);
      return { statementAdded: true, policyDependable: policy };
    });
    const alias = this.alias;
    // The alias as aws-cdk-lib's event sources and mappings use their target: its name, the mapping factory, and the
    // principal their grants go to (the source's reads, an on-failure queue's sends) — here, the policy in `scope`.
    const target = {
      node: scope.node,
      role,
      grantPrincipal: principal,
      functionArn: alias.functionArn,
      functionName: alias.functionName,
      addEventSourceMapping: (id: string, options: lambda.EventSourceMappingOptions) => {
        mapping = new lambda.EventSourceMapping(scope, id, { ...options, target });
        return mapping;
      },
    } as unknown as lambda.IFunction;
    source.bind(target);
    if (!mapping) throw new Error(`${this.node.path}: the event source created no event source mapping`);
    if (policy) mapping.node.addDependency(policy);
    return mapping;
  }

  /**
   * Adds a function URL on the alias, always with `AWS_IAM` auth (BP-F17).
   * `FunctionUrlAuthType.NONE` is refused; put an API in front for public endpoints.
   */
  public addFunctionUrl(options: lambda.FunctionUrlOptions = {}): lambda.FunctionUrl {
    checkArguments(this, 'ServerlessFunction.addFunctionUrl', [options]); // BP-F20
    if (options.authType === lambda.FunctionUrlAuthType.NONE) {
      fail(this, {
        rule: 'F17',
        prop: 'addFunctionUrl(options).authType',
        value: 'NONE',
        allowed: 'AWS_IAM only',
        fix: 'omit authType (AWS_IAM is used) and sign requests with SigV4, or front the function with ServerlessApi.',
      });
    }
    return this.alias.addFunctionUrl({ ...options, authType: lambda.FunctionUrlAuthType.AWS_IAM });
  }

  /** Any metric of this function (namespace AWS/Lambda, dimension FunctionName). */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArguments(this, 'ServerlessFunction.metric', [metricName, props]); // BP-F20
    return this.function.metric(metricName, props);
  }

  /** Errors (sum). */
  public metricErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArguments(this, 'ServerlessFunction.metricErrors', [props]); // BP-F20
    return this.function.metricErrors(props);
  }

  /** Throttles (sum). */
  public metricThrottles(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArguments(this, 'ServerlessFunction.metricThrottles', [props]); // BP-F20
    return this.function.metricThrottles(props);
  }

  /** Duration (average unless `statistic` is given). */
  public metricDuration(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArguments(this, 'ServerlessFunction.metricDuration', [props]); // BP-F20
    return this.function.metricDuration(props);
  }

  /** Invocations (sum). */
  public metricInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    checkArguments(this, 'ServerlessFunction.metricInvocations', [props]); // BP-F20
    return this.function.metricInvocations(props);
  }

  /**
   * Creates one more alarm with the same actions as the function's own alarms, and records it in
   * `alarms`. Patterns use this for the alarms of the resources around the function.
   */
  public addAlarm(id: string, spec: AlarmSpec): cloudwatch.Alarm | undefined {
    checkArguments(this, 'ServerlessFunction.addAlarm', [id, spec]); // BP-F20
    return this._addAlarmIn(this, id, spec);
  }

  /**
   * Like `addAlarm`, with the alarm created in `scope`: a pattern that uses an existing function (perhaps of another
   * stack) keeps the alarms on its own resources in its own scope, so the function's stack never depends on it.
   * @internal
   */
  public _addAlarmIn(scope: Construct, id: string, spec: AlarmSpec): cloudwatch.Alarm | undefined {
    if (!(this.alarmOptions.enabled ?? true)) return undefined;
    const alarm = createAlarm(scope, id, spec, this.alarmOptions);
    this.alarms.push(alarm);
    return alarm;
  }

  private createDefaultAlarms(): cloudwatch.IAlarm[] {
    const o = this.alarmOptions;
    const period = o.period ?? DEFAULT_ALARM_PERIOD;
    const name = this.node.path;
    const made: cloudwatch.IAlarm[] = [];
    const add = (id: string, spec: AlarmSpec) => made.push(createAlarm(this, id, spec, o));

    add('ErrorsAlarm', {
      metric: this.function.metricErrors({ period }),
      threshold: o.errorsThreshold ?? 1,
      description: `[F15] ${name}: the function reported errors. Check its log group for the failing requests.`,
    });
    add('ThrottlesAlarm', {
      metric: this.function.metricThrottles({ period }),
      threshold: o.throttlesThreshold ?? 1,
      description: `[F15] ${name}: invocations were throttled. Check reserved concurrency and the account's concurrency quota.`,
    });
    const duration = durationAlarmSpec(this, this.function.metricDuration({ period, statistic: 'p99' }), this.timeout, o, `[F15] ${name}`);
    if (duration) add('DurationAlarm', duration);
    if (this.invokedAsynchronously) {
      add('AsyncEventsDroppedAlarm', {
        metric: this.function.metric('AsyncEventsDropped', { period, statistic: 'Sum' }),
        threshold: 1,
        description: `[F15] ${name}: asynchronous events were dropped without reaching a destination.`,
      });
      add('DestinationDeliveryFailuresAlarm', {
        metric: this.function.metric('DestinationDeliveryFailures', { period, statistic: 'Sum' }),
        threshold: 1,
        description: `[F15] ${name}: Lambda could not deliver a result to a destination.`,
      });
      if (this.asyncFailureQueue) {
        add('AsyncFailureQueueAlarm', {
          metric: this.asyncFailureQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
          threshold: 1,
          description: `[F11] ${name}: failed asynchronous invocations are waiting in the on-failure queue.`,
        });
      }
    }
    return made;
  }

  private validateFunctionUrls(): string[] {
    const errors: string[] = [];
    for (const c of this.node.findAll()) {
      if (c instanceof lambda.CfnUrl && c.authType === lambda.FunctionUrlAuthType.NONE) {
        errors.push(`[F17] ${c.node.path}: a function URL has authType NONE; allowed: AWS_IAM only. ` +
          'Fix: use ServerlessFunction.addFunctionUrl() (AWS_IAM), or front the function with ServerlessApi.');
      }
    }
    return errors;
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return functionRow(this, 'ServerlessFunction', this);
  }
}

/** Asynchronous-invocation settings on a function that says it is not invoked asynchronously would be dropped (BP-F11). */
function checkAsyncOptions(scope: Construct, props: ServerlessFunctionProps): void {
  if (props.invokedAsynchronously !== false) return;
  const given = (['onFailure', 'onSuccess', 'retryAttempts', 'maxEventAge'] as const).filter(k => props[k] !== undefined);
  if (given.length === 0) return;
  fail(scope, {
    rule: 'F11',
    prop: given.join(', '),
    value: 'set together with invokedAsynchronously: false',
    allowed: 'asynchronous-invocation settings only on a function invoked asynchronously',
    fix: `remove ${given.join(' and ')}, or remove invokedAsynchronously: false.`,
  });
}

/** Network settings need a VPC, and a subnet selection must exist in it (BP-V1, X4). */
function checkNetworkOptions(scope: Construct, props: ServerlessFunctionProps): void {
  if (!props.vpc) {
    const given = (['allowAllOutbound', 'allowAllIpv6Outbound', 'securityGroups', 'vpcSubnets', 'ipv6AllowedForDualStack'] as const)
      .filter(k => props[k] !== undefined);
    if (given.length > 0) {
      fail(scope, {
        rule: 'V1',
        prop: given.join(', '),
        value: 'set without vpc',
        allowed: 'network settings only for a function in a VPC',
        fix: `remove ${given.join(' and ')}, or give vpc (VpcFunction places a function in private subnets of two AZs).`,
      });
    }
    return;
  }
  if (props.vpcSubnets) selectSubnetsOrFail(scope, props.vpc, props.vpcSubnets, 'vpcSubnets');
}

const ALIAS_NAME = /^(?!\d+$)[a-zA-Z0-9_-]{1,128}$/;

function checkAliasName(scope: Construct, aliasName: string | undefined): void {
  if (aliasName === undefined || Token.isUnresolved(aliasName) || ALIAS_NAME.test(aliasName)) return;
  fail(scope, {
    rule: 'F8',
    prop: 'aliasName',
    value: `'${aliasName}'`,
    allowed: '1–128 letters, digits, - and _, not only digits, not $LATEST',
    fix: `use a name such as '${FUNCTION_DEFAULTS.aliasName}'.`,
  });
}

function checkLogging(scope: Construct, props: ServerlessFunctionProps): void {
  if (props.logRetention === logs.RetentionDays.INFINITE) {
    fail(scope, {
      rule: 'F6',
      prop: 'logRetention',
      value: 'INFINITE',
      allowed: 'a finite retention',
      fix: `choose a RetentionDays value (the default is ${FUNCTION_DEFAULTS.logRetention} days), and export logs you must keep to S3.`,
    });
  }
  if (props.logRetention !== undefined && props.logGroup !== undefined) {
    fail(scope, {
      rule: 'F6',
      prop: 'logRetention',
      value: `${props.logRetention} together with logGroup`,
      allowed: 'logRetention only when the construct creates the log group',
      fix: 'set the retention on the log group you pass, and remove logRetention.',
    });
  }
  if (props.logRetentionRole !== undefined || props.logRetentionRetryOptions !== undefined) {
    fail(scope, {
      rule: 'F6',
      prop: props.logRetentionRole !== undefined ? 'logRetentionRole' : 'logRetentionRetryOptions',
      value: 'set',
      allowed: 'nothing: the construct owns a log group and needs no LogRetention custom resource',
      fix: 'remove it; set logRetention (or pass logGroup) instead.',
    });
  }
}

function asLogGroup(scope: Construct, ref: logs.ILogGroupRef): logs.ILogGroup {
  if ('grantWrite' in ref) return ref as logs.ILogGroup;
  return logs.LogGroup.fromLogGroupArn(scope, 'ImportedLogGroup', ref.logGroupRef.logGroupArn);
}

/**
 * A durable function checkpoints through the Lambda API with its execution role (BP-F19). aws-cdk-lib grants that only
 * to a role it creates (the AWS managed AWSLambdaBasicDurableExecutionRolePolicy, on `*`); the library's own role gets
 * the two actions on this function's durable executions (`<function ARN>:*`, the form the Lambda docs give:
 * "Security and permissions for Lambda durable functions"). In a policy of its own, so that the function does not
 * depend on it (the statement names the function's ARN).
 */
function grantDurableExecution(scope: Construct, fn: lambda.Function, role: iam.IRole): void {
  const policy = new iam.Policy(scope, 'DurableExecutionPolicy', {
    roles: [role],
    statements: [new iam.PolicyStatement({
      actions: ['lambda:CheckpointDurableExecution', 'lambda:GetDurableExecutionState'],
      resources: [`${fn.functionArn}:*`],
    })],
  });
  acknowledge(policy, 'Durable executions are sub-resources of a function version (<function ARN>:<version>/durable-execution/...): '
    + '<function ARN>:* is the least-privilege form the Lambda documentation gives, scoped to this function (BP-F14, F19).',
  `AwsSolutions-IAM5[Resource::${nagResource(scope, fn.functionArn, ':*')}]`);
}

/** Durable execution limits (the DurableConfig reference): execution timeout 1 s – 366 days, retention 1–90 whole days. */
function checkDurableConfig(scope: Construct, durable: lambda.DurableConfig | undefined): void {
  if (!durable) return;
  checkDurationRange(scope, durable.executionTimeout, { prop: 'durableConfig.executionTimeout', min: 1, max: 31_622_400, rule: 'F19', integer: true });
  if (isKnown(durable.retentionPeriod)) {
    const days = secondsOf(durable.retentionPeriod) / 86_400;
    checkRange(scope, days, { prop: 'durableConfig.retentionPeriod', min: 1, max: 90, unit: 'days', rule: 'F19', advice: 'use Duration.days(n)' });
  }
}
