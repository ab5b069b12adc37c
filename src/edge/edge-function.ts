import { Duration, Names, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { edgeGrantPrincipal, edgeScope, EDGE_REGION, versionIn } from './edge-region';
import { checkEdgeLimits, EDGE_LIMITS, isViewerEvent } from './limits';
import { IMonitoredConstruct, rowWidgets } from '../dashboard/widgets';
import { AlarmSpec, checkAlarmOptions, createAlarm, DEFAULT_ALARM_PERIOD, durationAlarmSpec, FunctionAlarmsOptions } from '../function/alarms';
import { checkCode, createLambdaFunction, FunctionCodeOptions } from '../function/code';
import { checkFunctionLimits } from '../function/limits';
import { createFunctionRole } from '../function/permissions';
import { newestNodeRuntime } from '../function/runtime';
import { checkRuntime } from '../function/runtime-lifecycle';
import { FUNCTION_DEFAULTS } from '../function/serverless-function';
import { acknowledge } from '../private/nag';
import { roleDescription } from '../private/naming';
import { checkArguments } from '../private/runtime-types';
import { fail } from '../private/validation';

/** Defaults of an EdgeFunction by event type (BP-L5). */
export const EDGE_DEFAULTS = {
  viewer: { memorySize: EDGE_LIMITS.viewerMemoryMb, timeout: Duration.seconds(EDGE_LIMITS.viewerTimeoutSeconds) },
  origin: { memorySize: FUNCTION_DEFAULTS.memorySize, timeout: Duration.seconds(10) },
};

/**
 * Properties of an EdgeFunction: the CloudFront event it serves, its code (`code` + `handler`, or an `entry` bundled
 * with esbuild), and the `lambda.FunctionOptions` Lambda@Edge supports. What Lambda@Edge does not support is refused
 * with the fix (BP-L4): environment variables, VPC, layers, arm64, X-Ray, dead-letter queues, asynchronous-invocation
 * settings, runtime management other than Auto, more than 512 MB of ephemeral storage, container images.
 */
export interface EdgeFunctionProps extends lambda.FunctionOptions, FunctionCodeOptions {
  /** The CloudFront event the function serves; it decides the defaults and what `includeBody` may be (BP-L5). */
  readonly eventType: cloudfront.LambdaEdgeEventType;
  /**
   * Expose the request body to the function (viewer-request: up to 40 KB, origin-request: up to 1 MB, base64).
   * @default false
   */
  readonly includeBody?: boolean;
  /**
   * Alarms on the function's errors, throttles and p99 duration (BP-L8), in us-east-1 with the function. Their SNS
   * topic must be in us-east-1 too (CloudWatch alarm actions are regional).
   * @default - enabled, no actions
   */
  readonly alarms?: FunctionAlarmsOptions;
  /**
   * The ID of the us-east-1 stack the function goes to when the scope's stack is in another region (BP-L2).
   * @default `${stack ID}-edge`
   */
  readonly stackId?: string;
}

/**
 * A Lambda@Edge function (BP-L1–L5, L8): created in us-east-1 whatever region the stack is in (in a stack of its own
 * beside it, read back across regions with `Fn::GetStackOutput`, no custom resource), x86_64, no X-Ray, a role both
 * `lambda.amazonaws.com` and `edgelambda.amazonaws.com` may assume that writes only its own log group in any region,
 * JSON logs into a log group with a retention, and alarms. CloudFront references `currentVersion`, a numbered version,
 * never an alias or `$LATEST`; `edgeLambda` is what a distribution's behavior takes.
 *
 * @example
 * const auth = new EdgeFunction(stack, 'Auth', {
 *   eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST,
 *   code: lambda.Code.fromAsset('edge/auth'),
 * });
 * new cloudfront.Distribution(stack, 'Site', {
 *   defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(bucket), edgeLambdas: [auth.edgeLambda] },
 * });
 */
export class EdgeFunction extends Construct implements iam.IGrantable, IMonitoredConstruct {
  /** The Lambda function, in us-east-1. */
  public readonly function: lambda.Function;
  /** The numbered version CloudFront references (BP-L1), as this construct's stack sees it. */
  public readonly currentVersion: lambda.IVersion;
  /** The association a distribution's behavior takes: this version, its event type, `includeBody`. */
  public readonly edgeLambda: cloudfront.EdgeLambda;
  /** The event type the function serves. */
  public readonly eventType: cloudfront.LambdaEdgeEventType;
  /** The execution role (BP-L3). */
  public readonly role: iam.IRole;
  /** The principal to grant permissions to (the role, in us-east-1). */
  public readonly grantPrincipal: iam.IPrincipal;
  /** The log group the function writes to, in us-east-1; the same name in every region where it runs. */
  public readonly logGroup: logs.ILogGroup;
  /** The alarms created (empty when disabled), in us-east-1. */
  public readonly alarms: cloudwatch.IAlarm[];
  /** The effective timeout. */
  public readonly timeout: Duration;
  /** The effective memory size in MB. */
  public readonly memorySize: number;
  private readonly alarmPrefix?: string;

  constructor(scope: Construct, id: string, props: EdgeFunctionProps) {
    super(scope, id);
    checkArguments(this, 'EdgeFunction', [scope, id, props]); // BP-F20
    const {
      eventType, includeBody, code, entry, bundling, handler, runtime, alarms, stackId,
      logRetention, logGroup, role, tracing, architecture, ...functionOptions
    } = props;

    // ---- validation first (BP-X4) -----------------------------------------------------------
    checkCode(this, code, entry);
    checkEdgeLimits(this, props);
    checkFunctionLimits(this, { description: props.description, reservedConcurrentExecutions: props.reservedConcurrentExecutions });
    if (props.logRetentionRole || props.logRetentionRetryOptions) {
      fail(this, {
        rule: 'F6',
        prop: props.logRetentionRole ? 'logRetentionRole' : 'logRetentionRetryOptions',
        value: 'given',
        allowed: 'nothing: the construct owns its log group, no LogRetention custom resource is created',
        fix: 'remove it; logRetention sets the retention.',
      });
    }
    if (logRetention === logs.RetentionDays.INFINITE) {
      fail(this, { rule: 'F6', prop: 'logRetention', value: 'INFINITE', allowed: 'a finite retention', fix: 'choose a RetentionDays value (default: one month).' });
    }
    if (logGroup !== undefined) {
      // Lambda@Edge writes to a log group of one name in every region where it runs; a group of the app's own region
      // could not even be referenced from us-east-1.
      fail(this, {
        rule: 'L3',
        prop: 'logGroup',
        value: 'given',
        allowed: 'the log group the construct creates: /aws/lambda-edge/<name> in us-east-1, the same name in every region where CloudFront runs the function',
        fix: 'remove logGroup and set logRetention (its retention in us-east-1).',
      });
    }
    if (role !== undefined) {
      fail(this, {
        rule: 'L3',
        prop: 'role',
        value: 'given',
        allowed: 'the role the construct creates: trusted by lambda.amazonaws.com and edgelambda.amazonaws.com, writing only its own log group in any region',
        fix: 'remove role and grant what the function needs to fn.grantPrincipal (e.g. bucket.grantRead(fn)).',
      });
    }
    checkAlarmOptions(this, alarms);
    const effectiveRuntime = runtime ?? newestNodeRuntime();
    checkRuntime(this, effectiveRuntime);
    const placement = edgeScope(this, 'Function', stackId);
    checkAlarmTopic(this, alarms, placement.crossRegion);

    const defaults = isViewerEvent(eventType) ? EDGE_DEFAULTS.viewer : EDGE_DEFAULTS.origin;
    this.eventType = eventType;
    this.timeout = props.timeout ?? defaults.timeout;
    this.memorySize = props.memorySize ?? defaults.memorySize;

    // ---- in us-east-1 (BP-L2): log group, role, function, version ------------------------------
    const home = new Construct(placement.scope, placement.id);
    // One name in every region (a custom log group keeps its name; CloudFront "Edge function logs").
    const logGroupName = `/aws/lambda-edge/${Names.uniqueResourceName(home, { maxLength: 200, separator: '-' })}`;
    this.logGroup = new logs.LogGroup(home, 'LogGroup', { logGroupName, retention: logRetention ?? FUNCTION_DEFAULTS.logRetention });
    const created = createFunctionRole(home, roleDescription(`Execution role of the Lambda@Edge function ${this.node.path}`), {
      logGroup: this.logGroup,
      tracing: lambda.Tracing.DISABLED,
      inVpc: false,
      edgeLogGroupName: logGroupName,
    });
    this.role = created.role;
    this.grantPrincipal = placement.crossRegion ? edgeGrantPrincipal(this, this.role) : this.role;

    // From another region the function and its alarms are named, not referenced: a stack there (a dashboard's, the
    // user's alarms) can name them without reading from the edge stack, which already reads from it (BP-L2).
    const physical = placement.crossRegion ? Names.uniqueResourceName(home, { maxLength: 64, separator: '-' }) : undefined;
    this.alarmPrefix = physical;
    const options: lambda.FunctionOptions = {
      functionName: physical,
      ...functionOptions,
      role: this.role,
      logGroup: this.logGroup,
      architecture: lambda.Architecture.X86_64,
      // A version CloudFront has replicated cannot be deleted until the replicas are gone (hours after the distribution
      // moves on): kept, not deleted by the next deployment (BP-L1).
      currentVersionOptions: { removalPolicy: RemovalPolicy.RETAIN, ...props.currentVersionOptions },
      memorySize: this.memorySize,
      timeout: this.timeout,
      loggingFormat: props.loggingFormat ?? lambda.LoggingFormat.JSON,
      applicationLogLevelV2: props.applicationLogLevelV2 ?? lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: props.systemLogLevelV2 ?? lambda.SystemLogLevel.INFO,
    };
    this.function = createLambdaFunction(home, 'Function', options, { code, entry, handler, bundling }, effectiveRuntime);
    const cfn = this.function.node.defaultChild as lambda.CfnFunction;
    checkPackageKey(this, cfn);
    acknowledge(cfn, 'Lambda@Edge does not support X-Ray ("Restrictions on Lambda@Edge"); requests are followed by CloudFront\'s request ID in the logs (BP-L4).', 'Serverless-LambdaTracing');
    acknowledge(cfn, 'Lambda@Edge does not support dead-letter queues: CloudFront invokes the function synchronously and answers the viewer with the error (BP-L4).', 'Serverless-LambdaDLQ');
    const version = this.function.currentVersion;
    this.currentVersion = versionIn(this, version, placement.crossRegion);
    this.edgeLambda = { eventType, functionVersion: this.currentVersion, includeBody: includeBody ?? false };

    // ---- alarms (BP-L8), beside the metrics in us-east-1 ---------------------------------------
    this.alarms = (alarms?.enabled ?? true) ? this.createAlarms(home, alarms ?? {}) : [];
  }

  /** The function's errors in us-east-1 (BP-L8). */
  public metricErrors(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    checkArguments(this, 'EdgeFunction.metricErrors', [props]); // BP-F20
    return this.function.metricErrors({ region: EDGE_REGION, ...props });
  }

  /** The function's throttled invocations in us-east-1 (BP-L8). */
  public metricThrottles(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    checkArguments(this, 'EdgeFunction.metricThrottles', [props]); // BP-F20
    return this.function.metricThrottles({ region: EDGE_REGION, ...props });
  }

  /** The function's duration in us-east-1. */
  public metricDuration(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    checkArguments(this, 'EdgeFunction.metricDuration', [props]); // BP-F20
    return this.function.metricDuration({ region: EDGE_REGION, ...props });
  }

  private createAlarms(home: Construct, o: FunctionAlarmsOptions): cloudwatch.IAlarm[] {
    const period = o.period ?? DEFAULT_ALARM_PERIOD;
    const name = this.node.path;
    const specs: Array<[string, AlarmSpec]> = [
      ['ErrorsAlarm', {
        metric: this.function.metricErrors({ period }),
        threshold: o.errorsThreshold ?? 1,
        description: `[L8] ${name}: the Lambda@Edge function reported errors (CloudFront answered 502/503). Check its log group in the regions where it ran.`,
      }],
      ['ThrottlesAlarm', {
        metric: this.function.metricThrottles({ period }),
        threshold: o.throttlesThreshold ?? 1,
        description: `[L8] ${name}: invocations were throttled (CloudFront answered 503). Check the account's concurrency quota in the regions where it ran.`,
      }],
    ];
    const duration = durationAlarmSpec(this, this.function.metricDuration({ period, statistic: 'p99' }), this.timeout, o, `[L8] ${name}: every viewer waits for this function`);
    if (duration) specs.push(['DurationAlarm', duration]);
    return specs.map(([id, spec]) => createAlarm(home, id, { ...spec, alarmName: this.alarmPrefix && `${this.alarmPrefix}-${id}` }, o));
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return rowWidgets({
      construct: this,
      kind: 'EdgeFunction',
      alarms: this.alarms,
      functions: [{ label: this.node.id, fn: this.function, region: EDGE_REGION, timeout: this.timeout }],
    });
  }
}

/** An alarm's SNS action must be in the alarm's region: us-east-1 (BP-L8). */
function checkAlarmTopic(scope: Construct, alarms: FunctionAlarmsOptions | undefined, crossRegion: boolean): void {
  const topic = alarms?.topic;
  if (!topic || !crossRegion) return;
  const region = topic.env.region;
  if (Token.isUnresolved(region) || region === EDGE_REGION) return;
  fail(scope, {
    rule: 'L8',
    prop: 'alarms.topic',
    value: `a topic in ${region}`,
    allowed: 'a topic in us-east-1, where the function, its metrics and its alarms are (CloudWatch alarm actions are regional)',
    fix: 'give a us-east-1 topic (sns.Topic.fromTopicArn(this, \'Alerts\', \'arn:aws:sns:us-east-1:...\')), or subscribe a us-east-1 topic to yours.',
  });
}

/** A customer managed key for the .zip package is not supported (BP-L4). */
function checkPackageKey(scope: Construct, cfn: lambda.CfnFunction): void {
  // Read as aws-cdk-lib bound it, never resolved (a token is a token here too).
  if ((cfn.code as lambda.CfnFunction.CodeProperty | undefined)?.sourceKmsKeyArn === undefined) return;
  fail(scope, {
    rule: 'L4',
    prop: 'code',
    value: 'a .zip package encrypted with a customer managed key (sourceKMSKey)',
    allowed: 'not on Lambda@Edge ("Restrictions on Lambda@Edge")',
    fix: 'remove sourceKMSKey from the code; Lambda encrypts the package with its own key.',
  });
}
