/**
 * Generators of props for every construct: valid values, the limits and one past them, fractions, tokens
 * (CfnParameter, Lazy), imported resources and combinations. Each case is a plain JSON "spec" (what fast-check
 * prints as the reproducer) and a builder that turns it into props, the prop paths it set, and the facts that
 * must hold in the template when it synthesizes.
 */
import { CfnParameter, Duration, Fn, Lazy, Size, Stack, TimeZone } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as events from 'aws-cdk-lib/aws-events';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as fc from 'fast-check';
import { has } from './oracle';
import {
  ApiAuthorization, EdgeFunction, EventWorker, LambdaAuthorizerType, PublicFunctionUrl, S3Pipeline, ScheduledJob, ServerlessApi,
  ServerlessFunction, ServerlessFunctionProps,
  ServerlessRestApi, QueueWorker,
  StreamWorker, TopicWorker, VpcFunction,
} from '../../src';

type Fact = (template: any) => string | undefined;
/** A built case: what to construct, the prop paths set, and the facts of the template. */
export interface Built { readonly build: (stack: Stack) => void; readonly set: string[]; readonly facts: Fact[] }

const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 2 });
const pick = <T>(...values: T[]) => fc.constantFrom(...values);

// ---------------------------------------------------------------------------------------------
// ServerlessFunction
// ---------------------------------------------------------------------------------------------
export interface FnSpec {
  memorySize?: number | 'param';
  timeout?: { s: number } | { ms: number } | 'param';
  environment?: { [key: string]: string };
  descriptionLength?: number;
  reserved?: number;
  retryAttempts?: number;
  maxEventAgeS?: number;
  invokedAsynchronously?: boolean;
  ephemeral?: { mib: number } | { kib: number };
  pc?: { min: number; max?: number; target?: number };
  alarmPeriodS?: number;
  durationPercent?: number;
  aliasName?: string;
  tracing?: 'Active' | 'PassThrough' | 'Disabled';
  runtime?: string;
}


/** Mostly valid (8 in 9), sometimes at or past a limit. */
const vi = <T>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<T>) => fc.oneof({ weight: 8, arbitrary: valid }, { weight: 1, arbitrary: invalid });

/** The function props every pattern shares, smaller for patterns (they add their own). */
export function fnSpec(full: boolean): fc.Arbitrary<FnSpec> {
  const core = {
    memorySize: opt(vi<number | 'param'>(fc.oneof(pick<number | 'param'>(128, 1024, 10_240, 'param'), fc.integer({ min: 128, max: 10_240 })), pick(0, 127, 10_241, 512.5))),
    timeout: opt(vi<FnSpec['timeout']>(fc.oneof(fc.integer({ min: 1, max: 29 }).map(s => ({ s })), pick('param' as const)),
      pick<FnSpec['timeout']>({ s: 0 }, { s: 901 }, { ms: 1500 }, { ms: 500 }))),
    environment: opt(fc.dictionary(vi(pick('TABLE_NAME', 'TOKEN_BUCKET', 'SESSION_TOKEN_TTL_SECONDS', 'CONFIG', 'LATE'), pick('A', 'my-key', 'AWS_REGION', 'DB_PASSWORD')),
      vi(pick('orders', '3600', 'https://example.com/x', '{{resolve:ssm:/app/x}}', '<lazy>'), pick('hunter2', '{{resolve:secretsmanager:prod/db}}', 'x'.repeat(4100))), { maxKeys: 3 })),
    runtime: opt(vi(pick('nodejs24.x', 'nodejs22.x'), pick('nodejs20.x', 'python3.12'))),
  };
  if (!full) return fc.record(core, { requiredKeys: [] });
  return fc.record({
    ...core,
    descriptionLength: opt(vi(pick(0, 10, 256), pick(257))),
    reserved: opt(vi(fc.integer({ min: 0, max: 20 }), pick(-1))),
    retryAttempts: opt(vi(fc.integer({ min: 0, max: 2 }), pick(-1, 3))),
    maxEventAgeS: opt(vi(fc.oneof(pick(60, 21_600), fc.integer({ min: 60, max: 21_600 })), pick(59, 21_601))),
    invokedAsynchronously: opt(fc.boolean()),
    ephemeral: opt(vi(fc.oneof(fc.integer({ min: 512, max: 10_240 }).map(mib => ({ mib })), pick({ kib: 524_288 })),
      pick({ kib: 524_800 }, { mib: 511 }, { mib: 10_241 }))),
    pc: opt(vi(fc.integer({ min: 1, max: 5 }).chain(min => fc.record({ min: pick(min), max: opt(fc.integer({ min, max: 12 })), target: opt(pick(0.1, 0.7, 0.9)) }, { requiredKeys: ['min'] })),
      fc.record({ min: fc.integer({ min: 0, max: 8 }), max: opt(fc.integer({ min: 0, max: 12 })), target: opt(pick(0.05, 0.95)) }, { requiredKeys: ['min'] }))),
    alarmPeriodS: opt(vi(pick(60, 300, 3600, 604_800), pick(10, 30, 90, 691_200))),
    durationPercent: opt(vi(pick(1, 80, 100), pick(0, 101))),
    aliasName: opt(vi(pick('live', 'prod-1', 'v_2'), pick('$LATEST', '123', 'a'.repeat(129)))),
    tracing: opt(vi(pick('Active' as const), pick('PassThrough' as const, 'Disabled' as const))),
  }, { requiredKeys: [] });
}

const RUNTIMES: { [name: string]: lambda.Runtime } = {
  'nodejs20.x': lambda.Runtime.NODEJS_20_X, 'nodejs22.x': lambda.Runtime.NODEJS_22_X, 'nodejs24.x': lambda.Runtime.NODEJS_24_X, 'python3.12': lambda.Runtime.PYTHON_3_12,
};

/** A number parameter of the stack, shared by every function that asks for it. */
function parameter(stack: Stack, id: string, value: number): number {
  const existing = stack.node.tryFindChild(id) as CfnParameter | undefined;
  return (existing ?? new CfnParameter(stack, id, { type: 'Number', default: value })).valueAsNumber;
}

/** Turns a function spec into props (in `stack`), the prop paths set (under `prefix`), and template facts. */
export function fnProps(stack: Stack, spec: FnSpec, prefix = ''): { props: ServerlessFunctionProps; set: string[]; facts: Fact[] } {
  const set: string[] = [];
  const facts: Fact[] = [];
  const p: { -readonly [K in keyof ServerlessFunctionProps]?: ServerlessFunctionProps[K] } = {
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  };
  const mark = (name: string) => set.push(`${prefix}${name}`);
  mark('code');
  if (spec.memorySize !== undefined) {
    mark('memorySize');
    p.memorySize = spec.memorySize === 'param' ? parameter(stack, 'Memory', 512) : spec.memorySize;
    facts.push(has('AWS::Lambda::Function', 'MemorySize', spec.memorySize === 'param' ? { Ref: 'Memory' } : spec.memorySize));
  }
  if (spec.timeout !== undefined) {
    mark('timeout');
    const t = spec.timeout;
    p.timeout = t === 'param' ? Duration.seconds(parameter(stack, 'Timeout', 20))
      : 's' in t ? Duration.seconds(t.s) : Duration.millis(t.ms);
    if (t === 'param') facts.push(has('AWS::Lambda::Function', 'Timeout', { Ref: 'Timeout' }));
    else facts.push(has('AWS::Lambda::Function', 'Timeout', 's' in t ? t.s : t.ms / 1000));
  }
  if (spec.environment !== undefined) {
    mark('environment');
    p.environment = {};
    for (const [k, v] of Object.entries(spec.environment)) {
      set.push(`${prefix}environment.${k}`);
      p.environment[k] = v === '<lazy>' ? Lazy.string({ produce: () => 'late-value' }) : v;
      facts.push(has('AWS::Lambda::Function', `Environment.Variables.${k}`, v === '<lazy>' ? 'late-value' : v));
    }
  }
  if (spec.runtime !== undefined) {
    mark('runtime');
    p.runtime = RUNTIMES[spec.runtime];
    facts.push(has('AWS::Lambda::Function', 'Runtime', spec.runtime));
  }
  if (spec.descriptionLength !== undefined) {
    mark('description');
    p.description = 'd'.repeat(spec.descriptionLength);
    if (spec.descriptionLength > 0) facts.push(has('AWS::Lambda::Function', 'Description', p.description));
  }
  if (spec.reserved !== undefined) {
    mark('reservedConcurrentExecutions');
    p.reservedConcurrentExecutions = spec.reserved;
    facts.push(has('AWS::Lambda::Function', 'ReservedConcurrentExecutions', spec.reserved));
  }
  if (spec.retryAttempts !== undefined) {
    mark('retryAttempts');
    p.retryAttempts = spec.retryAttempts;
    facts.push(has('AWS::Lambda::EventInvokeConfig', 'MaximumRetryAttempts', spec.retryAttempts));
  }
  if (spec.maxEventAgeS !== undefined) {
    mark('maxEventAge');
    p.maxEventAge = Duration.seconds(spec.maxEventAgeS);
    facts.push(has('AWS::Lambda::EventInvokeConfig', 'MaximumEventAgeInSeconds', spec.maxEventAgeS));
  }
  if (spec.invokedAsynchronously !== undefined) {
    mark('invokedAsynchronously');
    p.invokedAsynchronously = spec.invokedAsynchronously;
  }
  if (spec.ephemeral !== undefined) {
    mark('ephemeralStorageSize');
    p.ephemeralStorageSize = 'mib' in spec.ephemeral ? Size.mebibytes(spec.ephemeral.mib) : Size.kibibytes(spec.ephemeral.kib);
    const mib = 'mib' in spec.ephemeral ? spec.ephemeral.mib : spec.ephemeral.kib / 1024;
    facts.push(has('AWS::Lambda::Function', 'EphemeralStorage.Size', mib));
  }
  if (spec.pc !== undefined) {
    mark('provisionedConcurrency');
    p.provisionedConcurrency = { minCapacity: spec.pc.min, maxCapacity: spec.pc.max, utilizationTarget: spec.pc.target };
    facts.push(has('AWS::Lambda::Alias', 'ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions', spec.pc.min));
  }
  if (spec.alarmPeriodS !== undefined || spec.durationPercent !== undefined) {
    mark('alarms');
    p.alarms = {
      period: spec.alarmPeriodS === undefined ? undefined : Duration.seconds(spec.alarmPeriodS),
      durationThresholdPercent: spec.durationPercent,
    };
    if (spec.alarmPeriodS !== undefined) facts.push(has('AWS::CloudWatch::Alarm', 'Period', spec.alarmPeriodS));
  }
  if (spec.aliasName !== undefined) {
    mark('aliasName');
    p.aliasName = spec.aliasName;
    facts.push(has('AWS::Lambda::Alias', 'Name', spec.aliasName));
  }
  if (spec.tracing !== undefined) {
    mark('tracing');
    p.tracing = { Active: lambda.Tracing.ACTIVE, PassThrough: lambda.Tracing.PASS_THROUGH, Disabled: lambda.Tracing.DISABLED }[spec.tracing];
    if (spec.tracing !== 'Disabled') facts.push(has('AWS::Lambda::Function', 'TracingConfig.Mode', spec.tracing));
  }
  return { props: p, set, facts };
}

/**
 * A case whose construct takes one `functionProps`: the function's props are built in the stack (with their
 * facts), then `make` builds the construct.
 */
function withFunction(fn: FnSpec, set: string[], facts: Fact[], make: (s: Stack, built: ReturnType<typeof fnProps>) => void): Built {
  let fnFacts: Fact[] = [];
  return {
    set,
    get facts() { return [...facts, ...fnFacts]; },
    build: s => {
      const built = fnProps(s, fn, 'functionProps.');
      fnFacts = built.facts;
      make(s, built);
    },
  };
}

export const serverlessFunction: fc.Arbitrary<FnSpec> = fnSpec(true);
export function buildFunction(spec: FnSpec): Built {
  let built: ReturnType<typeof fnProps> | undefined;
  return {
    build: s => { built = fnProps(s, spec); new ServerlessFunction(s, 'Fn', built.props); },
    get set() { return built?.set ?? setOf(spec, ''); },
    get facts() { return built?.facts ?? []; },
  };
}

/** The prop paths a function spec sets, when the build failed before `fnProps` finished. */
function setOf(spec: FnSpec, prefix: string): string[] {
  return [...Object.keys(spec), 'code'].map(k => `${prefix}${({
    descriptionLength: 'description',
    reserved: 'reservedConcurrentExecutions',
    maxEventAgeS: 'maxEventAge',
    ephemeral: 'ephemeralStorageSize',
    pc: 'provisionedConcurrency',
    alarmPeriodS: 'alarms',
    durationPercent: 'alarms',
  } as Record<string, string>)[k] ?? k}`);
}

// ---------------------------------------------------------------------------------------------
// QueueWorker
// ---------------------------------------------------------------------------------------------
export interface QueueSpec {
  fn: FnSpec;
  batchSize?: number;
  windowS?: number;
  maxConcurrency?: number;
  maxReceiveCount?: number;
  fifo?: boolean;
  contentBasedDeduplication?: boolean;
  visibilityS?: number;
  retentionS?: number;
  oldestAgeS?: number;
}
export const queueWorker: fc.Arbitrary<QueueSpec> = fc.record({
  fn: fnSpec(false),
  batchSize: opt(vi(fc.oneof(pick(1, 10), fc.integer({ min: 1, max: 10 })), pick(0, 11, 10_000, 10_001))),
  windowS: opt(vi(pick(1, 5, 300), pick(0, 301, 1.5))),
  maxConcurrency: opt(vi(pick(2, 10, 1000), pick(1, 1001))),
  maxReceiveCount: opt(vi(pick(5, 10, 1000), pick(0, 1, 3, 1001))),
  fifo: opt(vi(pick(false), pick(true))),
  contentBasedDeduplication: opt(vi(pick(false), pick(true))),
  visibilityS: opt(vi(pick(720, 43_200), pick(30, 43_201, 200.5))),
  retentionS: opt(vi(pick(60, 345_600, 1_209_600), pick(59, 1_209_601))),
  oldestAgeS: opt(vi(pick(60, 900), pick(59, 1_209_601))),
}, { requiredKeys: ['fn'] });

export function buildQueue(spec: QueueSpec): Built {
  const set: string[] = setOf(spec.fn, 'functionProps.');
  const facts: Fact[] = [];
  const names: Record<string, string> = { windowS: 'maxBatchingWindow', visibilityS: 'visibilityTimeout', retentionS: 'retentionPeriod', oldestAgeS: 'oldestMessageAgeThreshold' };
  for (const k of Object.keys(spec)) if (k !== 'fn') set.push(names[k] ?? k);
  if (spec.batchSize !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'BatchSize', spec.batchSize));
  if (spec.windowS !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'MaximumBatchingWindowInSeconds', spec.windowS));
  if (spec.maxConcurrency !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'ScalingConfig.MaximumConcurrency', spec.maxConcurrency));
  if (spec.visibilityS !== undefined) facts.push(has('AWS::SQS::Queue', 'VisibilityTimeout', spec.visibilityS));
  if (spec.maxReceiveCount !== undefined) facts.push(has('AWS::SQS::Queue', 'RedrivePolicy.maxReceiveCount', spec.maxReceiveCount));
  if (spec.contentBasedDeduplication) facts.push(has('AWS::SQS::Queue', 'ContentBasedDeduplication', true));
  return withFunction(spec.fn, set, facts, (s, fn) => {
    new QueueWorker(s, 'Worker', {
      functionProps: fn.props,
      batchSize: spec.batchSize,
      maxBatchingWindow: spec.windowS === undefined ? undefined : Duration.millis(spec.windowS * 1000),
      maxConcurrency: spec.maxConcurrency,
      maxReceiveCount: spec.maxReceiveCount,
      fifo: spec.fifo,
      contentBasedDeduplication: spec.contentBasedDeduplication,
      visibilityTimeout: spec.visibilityS === undefined ? undefined : Duration.millis(spec.visibilityS * 1000),
      retentionPeriod: spec.retentionS === undefined ? undefined : Duration.seconds(spec.retentionS),
      oldestMessageAgeThreshold: spec.oldestAgeS === undefined ? undefined : Duration.seconds(spec.oldestAgeS),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// ScheduledJob
// ---------------------------------------------------------------------------------------------
export interface JobSpec {
  fn: FnSpec;
  expression: string;
  timeZone?: string;
  retryAttempts?: number;
  maxEventAgeS?: number;
  flexibleMinutes?: number;
  descriptionLength?: number;
  start?: string;
  end?: string;
  allowConcurrentRuns?: boolean;
}
const cronField = (min: number, max: number) => fc.oneof({ weight: 12, arbitrary: fc.integer({ min, max }).map(String) },
  { weight: 1, arbitrary: fc.integer({ min: max + 1, max: max + 50 }).map(String) }, { weight: 4, arbitrary: pick('*', `${min}/5`, `${min}-${max}`) });
// Exactly one of day-of-month and day-of-week is ? (9 in 10); the rest is the fields' own ranges.
const days = vi(fc.oneof(fc.tuple(fc.oneof(cronField(1, 28), pick('*', 'L', '15W')), pick('?')), fc.tuple(pick('?'), vi(pick('MON-FRI', '6#3', '2L', '*'), cronField(1, 7)))),
  pick(['*', '*'] as [string, string], ['?', '?'] as [string, string]));
const cron = fc.tuple(cronField(0, 59), cronField(0, 23), days, vi(cronField(1, 12), pick('JAN', 'FOO')), vi(pick('*'), cronField(1970, 2199)))
  .map(([mi, h, [dom, dow], mo, y]) => `cron(${mi} ${h} ${dom} ${mo} ${dow} ${y})`);
export const scheduledJob: fc.Arbitrary<JobSpec> = fc.record({
  fn: fnSpec(false),
  expression: fc.oneof({ weight: 3, arbitrary: cron }, {
    weight: 2,
    arbitrary: vi(pick('rate(1 hour)', 'rate(5 minutes)', 'at(2027-02-28T09:00:00)'),
      pick('rate(1 hours)', 'rate(0 minutes)', 'at(2027-02-30T09:00:00)', 'every day')),
  }),
  timeZone: opt(vi(pick('Europe/Berlin', 'UTC', 'America/New_York'), pick('Mars/Olympus'))),
  retryAttempts: opt(vi(pick(0, 3, 185), pick(-1, 186))),
  maxEventAgeS: opt(vi(pick(60, 3600, 86_400), pick(59, 86_401))),
  flexibleMinutes: opt(vi(pick(1, 15, 1440), pick(0.5, 1441))),
  descriptionLength: opt(vi(pick(0, 100, 512), pick(513))),
  start: opt(vi(pick('2027-01-01T00:00:00Z'), pick('not a date'))),
  end: opt(vi(pick('2027-06-01T00:00:00Z'), pick('2026-01-01T00:00:00Z', '2027-13-45'))),
  allowConcurrentRuns: opt(fc.boolean()),
}, { requiredKeys: ['fn', 'expression'] });

export function buildJob(spec: JobSpec): Built {
  const set = [...setOf(spec.fn, 'functionProps.'), 'schedule'];
  const names: Record<string, string> = { maxEventAgeS: 'maxEventAge', flexibleMinutes: 'flexibleTimeWindow', descriptionLength: 'description' };
  for (const k of Object.keys(spec)) if (!['fn', 'expression'].includes(k)) set.push(names[k] ?? k);
  const facts: Fact[] = [];
  if (spec.retryAttempts !== undefined) facts.push(has('AWS::Scheduler::Schedule', 'Target.RetryPolicy.MaximumRetryAttempts', spec.retryAttempts));
  if (spec.maxEventAgeS !== undefined) facts.push(has('AWS::Scheduler::Schedule', 'Target.RetryPolicy.MaximumEventAgeInSeconds', spec.maxEventAgeS));
  if (spec.descriptionLength) facts.push(has('AWS::Scheduler::Schedule', 'Description', 'd'.repeat(spec.descriptionLength)));
  if (spec.timeZone) facts.push(has('AWS::Scheduler::Schedule', 'ScheduleExpressionTimezone', spec.timeZone));
  facts.push(has('AWS::Scheduler::Schedule', 'ScheduleExpression', spec.expression));
  return withFunction(spec.fn, set, facts, (s, fn) => {
    new ScheduledJob(s, 'Job', {
      functionProps: fn.props,
      schedule: scheduler.ScheduleExpression.expression(spec.expression),
      timeZone: spec.timeZone ? TimeZone.of(spec.timeZone) : undefined,
      retryAttempts: spec.retryAttempts,
      maxEventAge: spec.maxEventAgeS === undefined ? undefined : Duration.seconds(spec.maxEventAgeS),
      flexibleTimeWindow: spec.flexibleMinutes === undefined ? undefined : Duration.seconds(spec.flexibleMinutes * 60),
      description: spec.descriptionLength === undefined ? undefined : 'd'.repeat(spec.descriptionLength),
      start: spec.start === undefined ? undefined : new Date(spec.start),
      end: spec.end === undefined ? undefined : new Date(spec.end),
      allowConcurrentRuns: spec.allowConcurrentRuns,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// ServerlessApi
// ---------------------------------------------------------------------------------------------
export interface ApiSpec {
  routes: { [key: string]: FnSpec };
  rate?: number;
  burst?: number;
  corsMaxAgeS?: number;
  apiNameLength?: number;
  jwtSource?: string[];
  open?: string;
}
export const serverlessApi: fc.Arbitrary<ApiSpec> = fc.record({
  routes: fc.dictionary(vi(pick('GET /orders', 'POST /orders', 'GET /orders/{id}', 'ANY /{proxy+}'), pick('get /x', 'GET orders', 'FETCH /x')), fnSpec(false), { minKeys: 1, maxKeys: 2 }),
  rate: opt(vi(pick(1, 100, 1e6), pick(0, 1e6 + 1))),
  burst: opt(vi(pick(1, 200), pick(-1, 1e6 + 1))),
  corsMaxAgeS: opt(vi(pick(0, 3600, 86_400), pick(86_401, 1.5))),
  apiNameLength: opt(vi(pick(1, 128), pick(0, 129))),
  jwtSource: opt(vi(pick(['$request.header.Authorization'], ['$request.querystring.token']), pick(['Authorization'], ['$request.header.A', '$request.header.B']))),
  open: opt(vi(pick('health check polled by the load balancer'), pick('short'))),
}, { requiredKeys: ['routes'] });

export function buildApi(spec: ApiSpec): Built {
  const set = ['routes', ...Object.entries(spec.routes).flatMap(([k, f]) => setOf(f, `routes['${k}'].`).concat(setOf(f, '')))];
  const names: Record<string, string> = { rate: 'throttle.rateLimit', burst: 'throttle.burstLimit', corsMaxAgeS: 'cors.maxAge', apiNameLength: 'apiName', jwtSource: 'authorization', open: 'authorization' };
  for (const k of Object.keys(spec)) if (k !== 'routes') set.push(names[k]);
  const facts: Fact[] = [];
  if (spec.rate !== undefined) facts.push(has('AWS::ApiGatewayV2::Stage', 'DefaultRouteSettings.ThrottlingRateLimit', spec.rate));
  if (spec.burst !== undefined) facts.push(has('AWS::ApiGatewayV2::Stage', 'DefaultRouteSettings.ThrottlingBurstLimit', spec.burst));
  if (spec.corsMaxAgeS !== undefined) facts.push(has('AWS::ApiGatewayV2::Api', 'CorsConfiguration.MaxAge', spec.corsMaxAgeS));
  if (spec.apiNameLength) facts.push(has('AWS::ApiGatewayV2::Api', 'Name', 'n'.repeat(spec.apiNameLength)));
  for (const key of Object.keys(spec.routes)) facts.push(has('AWS::ApiGatewayV2::Route', 'RouteKey', key));
  let fnFacts: Fact[] = [];
  return {
    set,
    get facts() { return [...facts, ...fnFacts]; },
    build: s => {
      const routes: { [key: string]: ServerlessFunctionProps } = {};
      for (const [key, f] of Object.entries(spec.routes)) {
        const fn = fnProps(s, f, `routes['${key}'].`);
        routes[key] = fn.props;
        fnFacts = fnFacts.concat(fn.facts);
      }
      const authorization = spec.open ? ApiAuthorization.none(spec.open)
        : spec.jwtSource ? ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: ['app'], identitySource: spec.jwtSource }) : undefined;
      new ServerlessApi(s, 'Api', {
        routes,
        authorization,
        throttle: spec.rate !== undefined || spec.burst !== undefined ? { rateLimit: spec.rate, burstLimit: spec.burst } : undefined,
        cors: spec.corsMaxAgeS === undefined ? undefined : { allowOrigins: ['https://app.example.com'], maxAge: Duration.millis(spec.corsMaxAgeS * 1000) },
        apiName: spec.apiNameLength === undefined ? undefined : 'n'.repeat(spec.apiNameLength),
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// VpcFunction
// ---------------------------------------------------------------------------------------------
export interface VpcSpec {
  fn: FnSpec;
  vpc: 'created' | 'app' | 'imported' | 'imported-with-route-tables';
  gatewayEndpoints?: boolean;
  secretsEndpoint?: boolean;
  database?: { user: string; maxConnections?: number; maxIdle?: number; borrowS?: number; idleClientS?: number };
}
export const vpcFunction: fc.Arbitrary<VpcSpec> = fc.record({
  fn: fnSpec(false),
  vpc: pick('created' as const, 'app' as const, 'imported' as const, 'imported-with-route-tables' as const),
  gatewayEndpoints: opt(fc.boolean()),
  secretsEndpoint: opt(fc.boolean()),
  database: opt(fc.record({
    user: vi(pick('orders_app', '_x'), pick('', ' ', 'orders-app')),
    maxConnections: opt(vi(pick(1, 90, 100), pick(0, 101))),
    maxIdle: opt(vi(pick(0, 1, 50), pick(95, 101))),
    borrowS: opt(vi(pick(0, 30, 3600), pick(3601, 2.5))),
    idleClientS: opt(vi(pick(1, 1800, 28_800), pick(0, 28_801))),
  }, { requiredKeys: ['user'] })),
}, { requiredKeys: ['fn', 'vpc'] });

export function buildVpc(spec: VpcSpec): Built {
  const set = [...setOf(spec.fn, 'functionProps.'), 'vpc', 'vpcSubnets'];
  if (spec.gatewayEndpoints !== undefined) set.push('gatewayEndpoints');
  if (spec.secretsEndpoint !== undefined) set.push('interfaceEndpoints');
  const names: Record<string, string> = { user: 'user', maxConnections: 'maxConnectionsPercent', maxIdle: 'maxIdleConnectionsPercent', borrowS: 'borrowTimeout', idleClientS: 'idleClientTimeout' };
  if (spec.database) for (const k of Object.keys(spec.database)) set.push(`database.${names[k]}`);
  const facts: Fact[] = [];
  // A database is built only next to a VPC of the app (VpcFunction needs its instance's stack).
  const db = spec.vpc === 'app' ? spec.database : undefined;
  if (db?.maxConnections !== undefined) facts.push(has('AWS::RDS::DBProxyTargetGroup', 'ConnectionPoolConfigurationInfo.MaxConnectionsPercent', db.maxConnections));
  if (db?.idleClientS !== undefined) facts.push(has('AWS::RDS::DBProxy', 'IdleClientTimeout', db.idleClientS));
  if (db) facts.push(has('AWS::Lambda::Function', 'Environment.Variables.DB_USER', db.user));
  return withFunction(spec.fn, set, facts, (s, fn) => {
    const attrs = { vpcId: 'vpc-0a1b2c3d4e5f60718', availabilityZones: ['us-east-1a', 'us-east-1b'], isolatedSubnetIds: ['subnet-0a1b2c3d4e5f60718', 'subnet-0a1b2c3d4e5f60719'] };
    const vpc = spec.vpc === 'created' ? undefined
      : spec.vpc === 'app' ? new ec2.Vpc(s, 'Vpc', {
        availabilityZones: [0, 1].map(i => Fn.select(i, Fn.getAzs())), natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
      })
        : ec2.Vpc.fromVpcAttributes(s, 'Vpc', spec.vpc === 'imported' ? attrs : { ...attrs, isolatedSubnetRouteTableIds: ['rtb-0a1b2c3d4e5f60718', 'rtb-0a1b2c3d4e5f60719'] });
    const database = db && vpc instanceof ec2.Vpc ? (() => {
      const instance = new rds.DatabaseInstance(s, 'Db', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
        credentials: rds.Credentials.fromGeneratedSecret('postgres'),
        storageEncrypted: true,
        multiAz: true,
        deletionProtection: true,
        iamAuthentication: true,
        port: 5433,
      });
      return {
        proxyTarget: rds.ProxyTarget.fromInstance(instance),
        secret: instance.secret!,
        user: db.user,
        maxConnectionsPercent: db.maxConnections,
        maxIdleConnectionsPercent: db.maxIdle,
        borrowTimeout: db.borrowS === undefined ? undefined : Duration.millis(db.borrowS * 1000),
        idleClientTimeout: db.idleClientS === undefined ? undefined : Duration.seconds(db.idleClientS),
      };
    })() : undefined;
    new VpcFunction(s, 'Fn', {
      functionProps: fn.props,
      vpc,
      gatewayEndpoints: spec.gatewayEndpoints,
      interfaceEndpoints: spec.secretsEndpoint ? [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] : undefined,
      database,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// S3Pipeline
// ---------------------------------------------------------------------------------------------
export interface PipelineSpec {
  fn: FnSpec;
  buckets: 'created' | 'same-app' | 'imported-twice' | 'imported-two';
  inputPrefix?: string;
  outputPrefix?: string;
  inputSuffix?: string;
  reconciliation?: { minimumAgeS?: number; maxAttempts?: number };
  workerEnv?: boolean;
}
export const s3Pipeline: fc.Arbitrary<PipelineSpec> = fc.record({
  fn: fnSpec(false),
  buckets: pick('created' as const, 'same-app' as const, 'imported-twice' as const, 'imported-two' as const),
  inputPrefix: opt(vi(pick('in/', 'uploads/'), pick('', 'data/', 'my files/', '/abs'))),
  outputPrefix: opt(vi(pick('out/', 'results/'), pick('', 'data/out/', 'in/'))),
  inputSuffix: opt(vi(pick('.jpg'), pick('100%.txt'))),
  reconciliation: opt(fc.record({
    minimumAgeS: opt(vi(pick(1800, 3600), pick(59, 600, 7 * 86_400 + 1))),
    maxAttempts: opt(vi(pick(1, 3, 100), pick(0, 101))),
  }, { requiredKeys: [] })),
  workerEnv: opt(vi(pick(false), pick(true))),
}, { requiredKeys: ['fn', 'buckets'] });

export function buildPipeline(spec: PipelineSpec): Built {
  const set = [...setOf(spec.fn, 'functionProps.'), 'inputBucket', 'outputBucket'];
  for (const k of ['inputPrefix', 'outputPrefix', 'inputSuffix'] as const) if (spec[k] !== undefined) set.push(k);
  if (spec.reconciliation) {
    set.push('reconciliation');
    if (spec.reconciliation.minimumAgeS !== undefined) set.push('reconciliation.minimumAge');
    if (spec.reconciliation.maxAttempts !== undefined) set.push('reconciliation.maxAttempts');
  }
  if (spec.workerEnv) set.push('functionProps.environment.INPUT_BUCKET');
  const facts: Fact[] = [];
  if (spec.outputPrefix !== undefined) facts.push(has('AWS::Lambda::Function', 'Environment.Variables.OUTPUT_PREFIX', spec.outputPrefix));
  if (spec.reconciliation?.maxAttempts !== undefined) facts.push(has('AWS::Lambda::Function', 'Environment.Variables.MAX_ATTEMPTS', String(spec.reconciliation.maxAttempts)));
  if (spec.reconciliation?.minimumAgeS !== undefined) facts.push(has('AWS::Lambda::Function', 'Environment.Variables.MINIMUM_AGE_SECONDS', String(spec.reconciliation.minimumAgeS)));
  let fnFacts: Fact[] = [];
  return {
    set,
    get facts() { return [...facts, ...fnFacts]; },
    build: s => {
      const fn = fnProps(s, spec.fn, 'functionProps.');
      fnFacts = fn.facts.filter(() => !spec.workerEnv);
      const props = spec.workerEnv ? { ...fn.props, environment: { ...fn.props.environment, INPUT_BUCKET: 'mine' } } : fn.props;
      let inputBucket: s3.IBucket | undefined;
      let outputBucket: s3.IBucket | undefined;
      if (spec.buckets === 'same-app') inputBucket = outputBucket = new s3.Bucket(s, 'Data', { enforceSSL: true, versioned: true, serverAccessLogsPrefix: 'logs/' });
      if (spec.buckets === 'imported-twice') [inputBucket, outputBucket] = [s3.Bucket.fromBucketName(s, 'A', 'media'), s3.Bucket.fromBucketArn(s, 'B', 'arn:aws:s3:::media')];
      if (spec.buckets === 'imported-two') [inputBucket, outputBucket] = [s3.Bucket.fromBucketName(s, 'A', 'media-in'), s3.Bucket.fromBucketName(s, 'B', 'media-out')];
      new S3Pipeline(s, 'Pipeline', {
        functionProps: props,
        inputBucket,
        outputBucket,
        inputPrefix: spec.inputPrefix,
        outputPrefix: spec.outputPrefix,
        inputSuffix: spec.inputSuffix,
        reconciliation: spec.reconciliation && {
          minimumAge: spec.reconciliation.minimumAgeS === undefined ? undefined : Duration.seconds(spec.reconciliation.minimumAgeS),
          maxAttempts: spec.reconciliation.maxAttempts,
        },
      });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// StreamWorker
// ---------------------------------------------------------------------------------------------
export interface StreamSpec {
  fn: FnSpec;
  source: 'new' | 'kinesis' | 'table' | 'table-without-stream';
  batchSize?: number;
  windowS?: number;
  parallelization?: number;
  retryAttempts?: number;
  maxRecordAgeS?: number;
  tumblingS?: number;
  infinite?: boolean;
  atTimestamp?: boolean;
}
export const streamWorker: fc.Arbitrary<StreamSpec> = fc.record({
  fn: fnSpec(false),
  source: vi(pick('new' as const, 'kinesis' as const, 'table' as const), pick('table-without-stream' as const)),
  batchSize: opt(vi(pick(1, 100, 10_000), pick(0, 10_001))),
  windowS: opt(vi(pick(0, 5, 300), pick(301, 2.5))),
  parallelization: opt(vi(pick(1, 4, 10), pick(0, 11))),
  retryAttempts: opt(vi(pick(0, 3, 10_000), pick(-1, 10_001))),
  maxRecordAgeS: opt(vi(pick(60, 3600, 604_800), pick(59, 604_801))),
  tumblingS: opt(vi(pick(0, 60, 900), pick(901))),
  infinite: opt(fc.boolean()),
  atTimestamp: opt(vi(pick(false), pick(true))),
}, { requiredKeys: ['fn', 'source'] });

export function buildStream(spec: StreamSpec): Built {
  const set = [...setOf(spec.fn, 'functionProps.'), spec.source.startsWith('table') ? 'table' : 'stream'];
  const names: Record<string, string> = {
    batchSize: 'batchSize',
    windowS: 'maxBatchingWindow',
    parallelization: 'parallelizationFactor',
    retryAttempts: 'retryAttempts',
    maxRecordAgeS: 'maxRecordAge',
    tumblingS: 'tumblingWindow',
    infinite: 'allowInfiniteRetries',
    atTimestamp: 'startingPosition',
  };
  for (const k of Object.keys(spec)) if (names[k]) set.push(names[k]);
  if (spec.atTimestamp) set.push('startingPositionTimestamp');
  const facts: Fact[] = [];
  if (spec.batchSize !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'BatchSize', spec.batchSize));
  if (spec.parallelization !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'ParallelizationFactor', spec.parallelization));
  if (spec.retryAttempts !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'MaximumRetryAttempts', spec.retryAttempts));
  if (spec.maxRecordAgeS !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'MaximumRecordAgeInSeconds', spec.maxRecordAgeS));
  if (spec.tumblingS !== undefined) facts.push(has('AWS::Lambda::EventSourceMapping', 'TumblingWindowInSeconds', spec.tumblingS));
  return withFunction(spec.fn, set, facts, (s, fn) => {
    const table = spec.source.startsWith('table') ? new dynamodb.Table(s, 'Table', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      stream: spec.source === 'table' ? dynamodb.StreamViewType.NEW_IMAGE : undefined,
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    }) : undefined;
    new StreamWorker(s, 'Worker', {
      functionProps: fn.props,
      stream: spec.source === 'kinesis' ? new kinesis.Stream(s, 'Stream', { streamMode: kinesis.StreamMode.ON_DEMAND, encryption: kinesis.StreamEncryption.MANAGED }) : undefined,
      table,
      batchSize: spec.batchSize,
      maxBatchingWindow: spec.windowS === undefined ? undefined : Duration.millis(spec.windowS * 1000),
      parallelizationFactor: spec.parallelization,
      retryAttempts: spec.retryAttempts,
      maxRecordAge: spec.maxRecordAgeS === undefined ? undefined : Duration.seconds(spec.maxRecordAgeS),
      tumblingWindow: spec.tumblingS === undefined ? undefined : Duration.seconds(spec.tumblingS),
      allowInfiniteRetries: spec.infinite,
      startingPosition: spec.atTimestamp ? lambda.StartingPosition.AT_TIMESTAMP : undefined,
      startingPositionTimestamp: spec.atTimestamp ? 1_800_000_000 : undefined,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// EventWorker (and QueueWorker.subscribeToEvents, which shares its rule options)
// ---------------------------------------------------------------------------------------------
export interface RuleSpec {
  pattern: 'source' | 'detail' | 'empty' | 'string';
  retryAttempts?: number | 'param';
  maxEventAgeS?: number;
  ruleName?: string;
  descriptionLength?: number;
  bus?: 'created' | 'imported' | 'other-account';
}
const ruleSpec = {
  pattern: vi(pick<RuleSpec['pattern']>('source', 'detail'), pick<RuleSpec['pattern']>('empty', 'string')),
  retryAttempts: opt(vi<number | 'param'>(pick<number | 'param'>(0, 10, 185, 'param'), pick(-1, 186, 2.5))),
  maxEventAgeS: opt(vi(pick(60, 3600, 86_400), pick(59, 86_401, 90.5))),
  ruleName: opt(vi(pick('orders.audit', 'a_b-c'), pick('has space', 'r'.repeat(65)))),
  descriptionLength: opt(vi(pick(0, 512), pick(513))),
  bus: opt(vi(pick<RuleSpec['bus']>('created', 'imported'), pick<RuleSpec['bus']>('other-account'))),
};
const PATTERNS: { [k in RuleSpec['pattern']]: any } = {
  source: { source: ['my.orders'] }, detail: { detail: { status: ['PAID'] } }, empty: {}, string: { source: 'my.orders' },
};
function ruleProps(s: Stack, spec: RuleSpec, prefix: string, set: string[], facts: Fact[], patternProp: string) {
  set.push(patternProp);
  const names: Record<string, string> = { maxEventAgeS: 'maxEventAge', descriptionLength: 'description', bus: 'eventBus' };
  for (const k of Object.keys(spec)) if (k !== 'pattern') set.push(`${prefix}${names[k] ?? k}`);
  if (typeof spec.retryAttempts === 'number') facts.push(has('AWS::Events::Rule', 'Targets.0.RetryPolicy.MaximumRetryAttempts', spec.retryAttempts));
  if (spec.maxEventAgeS !== undefined) facts.push(has('AWS::Events::Rule', 'Targets.0.RetryPolicy.MaximumEventAgeInSeconds', spec.maxEventAgeS));
  if (spec.ruleName) facts.push(has('AWS::Events::Rule', 'Name', spec.ruleName));
  return {
    eventPattern: PATTERNS[spec.pattern],
    retryAttempts: spec.retryAttempts === 'param' ? parameter(s, 'RuleAttempts', 5) : spec.retryAttempts,
    maxEventAge: spec.maxEventAgeS === undefined ? undefined : Duration.millis(spec.maxEventAgeS * 1000),
    ruleName: spec.ruleName,
    description: spec.descriptionLength === undefined ? undefined : 'd'.repeat(spec.descriptionLength),
    eventBus: spec.bus === undefined ? undefined : spec.bus === 'created' ? new events.EventBus(s, 'Bus')
      : events.EventBus.fromEventBusArn(s, 'ImportedBus', `arn:aws:events:us-east-1:${spec.bus === 'imported' ? '123456789012' : '999999999999'}:event-bus/orders`),
  };
}

export interface EventSpec extends RuleSpec { fn: FnSpec }
export const eventWorker: fc.Arbitrary<EventSpec> = fc.record({ fn: fnSpec(false), ...ruleSpec }, { requiredKeys: ['fn', 'pattern'] });
export function buildEvent(spec: EventSpec): Built {
  const { fn: fnSpecOf, ...rule } = spec;
  const set = setOf(fnSpecOf, 'functionProps.');
  const facts: Fact[] = [];
  return withFunction(fnSpecOf, set, facts, (s, fn) => {
    new EventWorker(s, 'Worker', { functionProps: fn.props, ...ruleProps(s, rule, '', set, facts, 'eventPattern') });
  });
}

// ---------------------------------------------------------------------------------------------
// TopicWorker (and QueueWorker.subscribeTo, which shares its subscription options)
// ---------------------------------------------------------------------------------------------
export interface SubscriptionSpec {
  filter?: { keys: number; values: number; body: boolean };
  bothFilters?: boolean;
  topic?: 'created' | 'imported' | 'fifo';
}
const subscriptionSpec = {
  filter: opt(fc.record({
    keys: vi(fc.integer({ min: 1, max: 5 }), pick(0, 6)), values: vi(fc.integer({ min: 1, max: 30 }), pick(151)), body: fc.boolean(),
  })),
  bothFilters: opt(vi(pick(false), pick(true))),
  topic: opt(vi(pick<SubscriptionSpec['topic']>('created', 'imported'), pick<SubscriptionSpec['topic']>('fifo'))),
};
function subscriptionProps(s: Stack, spec: SubscriptionSpec, prefix: string, set: string[], facts: Fact[]) {
  const make = (n: number) => sns.SubscriptionFilter.stringFilter({ allowlist: Array.from({ length: n }, (_, i) => `v${i}`) });
  const keys = Array.from({ length: spec.filter?.keys ?? 0 }, (_, i) => `k${i}`);
  const first = (i: number) => make(i === 0 ? spec.filter!.values : 1);
  const attrs = spec.filter && (!spec.filter.body || spec.bothFilters) ? Object.fromEntries(keys.map((k, i) => [k, first(i)])) : undefined;
  const body = spec.filter && (spec.filter.body || spec.bothFilters)
    ? Object.fromEntries(keys.map((k, i) => [k, sns.FilterOrPolicy.filter(first(i))])) : undefined;
  if (attrs) set.push(`${prefix}filterPolicy`);
  if (body) set.push(`${prefix}filterPolicyWithMessageBody`);
  if (spec.topic) set.push('topic', 'subscribeTo(topic)');
  if (attrs && !body && keys.length > 0) facts.push(has('AWS::SNS::Subscription', 'FilterPolicy.k0', make(spec.filter!.values).conditions));
  const topic = spec.topic === undefined ? undefined : spec.topic === 'imported' ? sns.Topic.fromTopicArn(s, 'ImportedTopic', 'arn:aws:sns:us-east-1:123456789012:orders')
    : new sns.Topic(s, 'Topic', { enforceSSL: true, masterKey: kms.Alias.fromAliasName(s, 'TopicKey', 'alias/aws/sns'), fifo: spec.topic === 'fifo' || undefined });
  return { filterPolicy: attrs, filterPolicyWithMessageBody: body, topic };
}

export interface TopicSpec extends SubscriptionSpec { fn: FnSpec }
export const topicWorker: fc.Arbitrary<TopicSpec> = fc.record({ fn: fnSpec(false), ...subscriptionSpec }, { requiredKeys: ['fn'] });
export function buildTopic(spec: TopicSpec): Built {
  const { fn: fnSpecOf, ...sub } = spec;
  const set = setOf(fnSpecOf, 'functionProps.');
  const facts: Fact[] = [];
  return withFunction(fnSpecOf, set, facts, (s, fn) => {
    new TopicWorker(s, 'Worker', { functionProps: fn.props, ...subscriptionProps(s, sub, '', set, facts) });
  });
}

// ---------------------------------------------------------------------------------------------
// QueueWorker.subscribeTo and subscribeToEvents
// ---------------------------------------------------------------------------------------------
export interface FanOutSpec {
  fifo?: boolean;
  topic?: SubscriptionSpec & { raw?: boolean };
  rule?: RuleSpec & { messageGroupId?: boolean };
}
export const fanOut: fc.Arbitrary<FanOutSpec> = fc.record({
  fifo: opt(vi(pick(false), pick(true))),
  topic: opt(fc.record({ ...subscriptionSpec, raw: opt(fc.boolean()) }, { requiredKeys: [] })),
  rule: opt(fc.record({ ...ruleSpec, messageGroupId: opt(fc.boolean()) }, { requiredKeys: ['pattern'] })),
}, { requiredKeys: [] });
export function buildFanOut(spec: FanOutSpec): Built {
  const set: string[] = spec.fifo ? ['fifo'] : [];
  const facts: Fact[] = [];
  return {
    set,
    facts,
    build: s => {
      const w = new QueueWorker(s, 'Worker', { functionProps: { code: lambda.Code.fromInline('exports.handler = async () => ({});') }, fifo: spec.fifo });
      if (spec.topic) {
        const { raw, ...sub } = spec.topic;
        const props = subscriptionProps(s, sub, 'subscribeTo(options).', set, facts);
        if (raw !== undefined) set.push('subscribeTo(options).rawMessageDelivery');
        if (!props.topic) set.push('subscribeTo(topic)');
        w.subscribeTo(props.topic ?? new sns.Topic(s, 'Topic', { enforceSSL: true, masterKey: kms.Alias.fromAliasName(s, 'TopicKey', 'alias/aws/sns'), fifo: spec.fifo || undefined }),
          { filterPolicy: props.filterPolicy, filterPolicyWithMessageBody: props.filterPolicyWithMessageBody, rawMessageDelivery: raw });
        facts.push(has('AWS::SNS::Subscription', 'RawMessageDelivery', raw ?? true));
      }
      if (spec.rule) {
        const { messageGroupId, ...rule } = spec.rule;
        const props = ruleProps(s, rule, 'subscribeToEvents(options).', set, facts, 'subscribeToEvents(eventPattern)');
        set.push('subscribeToEvents(options).messageGroupId');
        const { eventPattern, ...options } = props;
        w.subscribeToEvents(eventPattern, { ...options, messageGroupId: messageGroupId ? 'orders' : undefined });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// ServerlessRestApi
// ---------------------------------------------------------------------------------------------
export interface RestSpec {
  routes: { [key: string]: FnSpec };
  rate?: number;
  burst?: number;
  routeRate?: number;
  integrationTimeoutS?: number;
  auth?: 'lambda-token' | 'lambda-request' | 'cognito' | 'jwt';
  cacheTtlS?: number;
  identitySources?: string[];
  apiKey?: { plan: boolean; quota?: number };
  webAcl?: 'regional' | 'global';
  stageName?: string;
}
export const serverlessRestApi: fc.Arbitrary<RestSpec> = fc.record({
  routes: fc.dictionary(vi(pick('GET /orders', 'POST /orders', 'GET /orders/{id}', 'ANY /{proxy+}'), pick('get /x', 'FETCH /x')), fnSpec(false), { minKeys: 1, maxKeys: 2 }),
  rate: opt(vi(pick(1, 100, 1e6), pick(0, 1e6 + 1))),
  burst: opt(vi(pick(1, 200), pick(-1, 2.5))),
  routeRate: opt(vi(pick(1, 50), pick(0))),
  integrationTimeoutS: opt(vi(pick(29, 20, 5), pick(0.01, 30))),
  auth: opt(vi(pick<RestSpec['auth']>('lambda-token', 'lambda-request', 'cognito'), pick<RestSpec['auth']>('jwt'))),
  cacheTtlS: opt(vi(pick(0, 300, 3600), pick(3601, 1.5))),
  identitySources: opt(vi(pick(['method.request.header.Authorization']), pick(['Authorization'], ['$request.header.Authorization']))),
  apiKey: opt(fc.record({ plan: vi(pick(true), pick(false)), quota: opt(vi(pick(1, 10_000), pick(0))) }, { requiredKeys: ['plan'] })),
  webAcl: opt(vi(pick<RestSpec['webAcl']>('regional'), pick<RestSpec['webAcl']>('global'))),
  stageName: opt(vi(pick('prod', 'v1_beta'), pick('my stage'))),
}, { requiredKeys: ['routes'] });

export function buildRest(spec: RestSpec): Built {
  const set = ['routes', ...Object.entries(spec.routes).flatMap(([k, f]) => setOf(f, `routes['${k}'].`).concat(setOf(f, '')))];
  const names: Record<string, string> = {
    rate: 'throttle.rateLimit',
    burst: 'throttle.burstLimit',
    auth: 'authorization',
    cacheTtlS: 'authorization',
    identitySources: 'authorization',
    webAcl: 'webAclArn',
    stageName: 'stageName',
  };
  for (const k of Object.keys(spec)) if (names[k]) set.push(names[k]);
  const keys = Object.keys(spec.routes);
  if (spec.routeRate !== undefined || spec.integrationTimeoutS !== undefined || spec.apiKey) {
    for (const key of keys) set.push(`routes['${key}'].throttle`, `routes['${key}'].integrationTimeout`, `routes['${key}'].apiKeyRequired`, `routes['${key}'].timeout`);
  }
  if (spec.apiKey) set.push('usagePlan');
  const facts: Fact[] = [];
  if (spec.rate !== undefined) facts.push(has('AWS::ApiGateway::Stage', 'MethodSettings.0.ThrottlingRateLimit', spec.rate));
  if (spec.burst !== undefined) facts.push(has('AWS::ApiGateway::Stage', 'MethodSettings.0.ThrottlingBurstLimit', spec.burst));
  if (spec.cacheTtlS !== undefined && spec.auth?.startsWith('lambda')) facts.push(has('AWS::ApiGateway::Authorizer', 'AuthorizerResultTtlInSeconds', spec.cacheTtlS));
  if (spec.stageName) facts.push(has('AWS::ApiGateway::Stage', 'StageName', spec.stageName));
  if (spec.apiKey?.quota !== undefined) facts.push(has('AWS::ApiGateway::UsagePlan', 'Quota.Limit', spec.apiKey.quota));
  let fnFacts: Fact[] = [];
  return {
    set,
    get facts() { return [...facts, ...fnFacts]; },
    build: s => {
      const lambdaAuth = (authorizerType: LambdaAuthorizerType) => ApiAuthorization.lambdaAuthorizer({
        functionProps: { code: lambda.Code.fromInline('exports.handler = async () => ({});') },
        authorizerType,
        resultsCacheTtl: spec.cacheTtlS === undefined ? undefined : Duration.millis(spec.cacheTtlS * 1000),
        identitySources: spec.identitySources,
      });
      const authorization = spec.auth === 'lambda-token' ? lambdaAuth(LambdaAuthorizerType.TOKEN)
        : spec.auth === 'lambda-request' ? lambdaAuth(LambdaAuthorizerType.REQUEST)
          : spec.auth === 'cognito' ? ApiAuthorization.cognito({ userPools: [cognito.UserPool.fromUserPoolId(s, 'Pool', 'us-east-1_abc')] })
            : spec.auth === 'jwt' ? ApiAuthorization.jwt({ issuer: 'https://idp.example.com', audiences: ['app'] }) : undefined;
      const api = new ServerlessRestApi(s, 'Api', {
        authorization,
        throttle: spec.rate !== undefined || spec.burst !== undefined ? { rateLimit: spec.rate, burstLimit: spec.burst } : undefined,
        usagePlan: spec.apiKey?.plan
          ? { quota: spec.apiKey.quota === undefined ? undefined : { limit: spec.apiKey.quota, period: apigw.Period.DAY } } : undefined,
        webAclArn: spec.webAcl === undefined ? undefined : `arn:aws:wafv2:us-east-1:123456789012:${spec.webAcl}/webacl/api/1234`,
        stageName: spec.stageName,
      });
      for (const [key, f] of Object.entries(spec.routes)) {
        const fn = fnProps(s, f, `routes['${key}'].`);
        fnFacts = fnFacts.concat(fn.facts);
        api.addRoute(key, {
          ...fn.props,
          throttle: spec.routeRate === undefined ? undefined : { rateLimit: spec.routeRate, burstLimit: 10 },
          integrationTimeout: spec.integrationTimeoutS === undefined ? undefined : Duration.millis(spec.integrationTimeoutS * 1000),
          apiKeyRequired: spec.apiKey ? true : undefined,
        });
      }
    },
  };
}

// ---------------------------------------------------------------------------------------------
// EdgeFunction (in a us-east-1 stack: the oracle judges that one template) and PublicFunctionUrl
// ---------------------------------------------------------------------------------------------
export interface EdgeSpec {
  eventType: string;
  memorySize?: number | 'param';
  timeout?: { s: number } | { ms: number } | 'param';
  includeBody?: boolean;
  ephemeral?: { mib: number } | { kib: number };
  environment?: { [key: string]: string };
  architecture?: 'x86_64' | 'arm64';
  runtime?: string;
  descriptionLength?: number;
  alarmPeriodS?: number;
}
export const edgeFunction: fc.Arbitrary<EdgeSpec> = fc.record({
  eventType: vi(pick('viewer-request', 'viewer-response', 'origin-request', 'origin-response'), pick('viewer', 'origin_request')),
  memorySize: opt(vi<number | 'param'>(pick<number | 'param'>(128, 512, 10_240, 'param'), pick(127, 10_241, 128.5))),
  timeout: opt(vi<EdgeSpec['timeout']>(pick<EdgeSpec['timeout']>({ s: 1 }, { s: 5 }, { s: 30 }, 'param'), pick<EdgeSpec['timeout']>({ s: 31 }, { ms: 2500 }, { s: 0 }))),
  includeBody: opt(fc.boolean()),
  ephemeral: opt(vi<EdgeSpec['ephemeral']>(pick<EdgeSpec['ephemeral']>({ mib: 512 }), pick<EdgeSpec['ephemeral']>({ mib: 513 }, { kib: 524_800 }, { mib: 10_240 }))),
  environment: opt(vi(pick({}), pick({ STAGE: 'prod' }))),
  architecture: opt(vi(pick<EdgeSpec['architecture']>('x86_64'), pick<EdgeSpec['architecture']>('arm64'))),
  runtime: opt(vi(pick('nodejs22.x', 'python3.13'), pick('java21', 'ruby3.4'))),
  descriptionLength: opt(vi(pick(0, 256), pick(257))),
  alarmPeriodS: opt(vi(pick(60, 300), pick(30, 90))),
}, { requiredKeys: ['eventType'] });

export function buildEdge(spec: EdgeSpec): Built {
  const names: Record<string, string> = { ephemeral: 'ephemeralStorageSize', descriptionLength: 'description', alarmPeriodS: 'alarms.period' };
  const set = ['code', ...Object.keys(spec).map(k => names[k] ?? k)];
  const facts: Fact[] = [];
  if (typeof spec.memorySize === 'number') facts.push(has('AWS::Lambda::Function', 'MemorySize', spec.memorySize));
  if (spec.timeout && spec.timeout !== 'param' && 's' in spec.timeout) facts.push(has('AWS::Lambda::Function', 'Timeout', spec.timeout.s));
  if (spec.ephemeral && 'mib' in spec.ephemeral) facts.push(has('AWS::Lambda::Function', 'EphemeralStorage.Size', spec.ephemeral.mib));
  if (spec.runtime) facts.push(has('AWS::Lambda::Function', 'Runtime', spec.runtime));
  // What was set reaches the template or is refused: never dropped (an arm64 or an environment silently ignored fails here).
  facts.push(has('AWS::Lambda::Function', 'Architectures', [spec.architecture ?? 'x86_64']));
  for (const [k, v] of Object.entries(spec.environment ?? {})) facts.push(has('AWS::Lambda::Function', `Environment.Variables.${k}`, v));
  return {
    set,
    facts,
    build: s => {
      const runtime = spec.runtime === undefined ? undefined
        : lambda.Runtime.ALL.find(r => r.name === spec.runtime) ?? new lambda.Runtime(spec.runtime);
      const t = spec.timeout;
      new EdgeFunction(s, 'Edge', {
        eventType: spec.eventType as cloudfront.LambdaEdgeEventType,
        code: lambda.Code.fromInline(runtime?.family === lambda.RuntimeFamily.PYTHON ? 'def handler(e, c):\n  return e' : 'exports.handler = async (e) => e.Records[0].cf.request;'),
        handler: runtime && runtime.family !== lambda.RuntimeFamily.NODEJS && runtime.family !== lambda.RuntimeFamily.PYTHON ? 'a.B' : undefined,
        runtime,
        memorySize: spec.memorySize === 'param' ? parameter(s, 'Memory', 128) : spec.memorySize,
        timeout: t === undefined ? undefined : t === 'param' ? Duration.seconds(parameter(s, 'Timeout', 5)) : 's' in t ? Duration.seconds(t.s) : Duration.millis(t.ms),
        includeBody: spec.includeBody,
        ephemeralStorageSize: spec.ephemeral === undefined ? undefined : 'mib' in spec.ephemeral ? Size.mebibytes(spec.ephemeral.mib) : Size.kibibytes(spec.ephemeral.kib),
        environment: spec.environment,
        architecture: spec.architecture === 'arm64' ? lambda.Architecture.ARM_64 : spec.architecture === 'x86_64' ? lambda.Architecture.X86_64 : undefined,
        description: spec.descriptionLength === undefined ? undefined : 'd'.repeat(spec.descriptionLength),
        alarms: spec.alarmPeriodS === undefined ? undefined : { period: Duration.seconds(spec.alarmPeriodS) },
      });
    },
  };
}

export interface PublicUrlSpec {
  fnTimeoutS?: number;
  readTimeout?: { s: number } | { ms: number } | 'param';
  webAcl?: 'global' | 'regional' | 'param';
  domain?: 'both' | 'names-only' | 'certificate-only';
  geo?: boolean;
}
export const publicFunctionUrl: fc.Arbitrary<PublicUrlSpec> = fc.record({
  fnTimeoutS: opt(vi(pick(3, 10, 30), pick(31, 60))),
  readTimeout: opt(vi<PublicUrlSpec['readTimeout']>(pick<PublicUrlSpec['readTimeout']>({ s: 30 }, { s: 60 }, { s: 120 }), pick<PublicUrlSpec['readTimeout']>({ s: 0 }, { ms: 30_500 }, { s: 2 }, 'param'))),
  webAcl: opt(vi(pick<PublicUrlSpec['webAcl']>('global', 'param'), pick<PublicUrlSpec['webAcl']>('regional'))),
  domain: opt(vi(pick<PublicUrlSpec['domain']>('both'), pick<PublicUrlSpec['domain']>('names-only', 'certificate-only'))),
  geo: opt(fc.boolean()),
});
export function buildPublicUrl(spec: PublicUrlSpec): Built {
  const set = ['function'];
  if (spec.fnTimeoutS !== undefined) set.push('function.timeout');
  if (spec.readTimeout !== undefined) set.push('readTimeout', 'function.timeout');
  if (spec.webAcl !== undefined) set.push('webAclArn');
  if (spec.domain === 'both' || spec.domain === 'names-only') set.push('domainNames');
  if (spec.domain === 'both' || spec.domain === 'certificate-only') set.push('certificate');
  if (spec.geo) set.push('geoRestriction');
  const facts: Fact[] = [has('AWS::Lambda::Url', 'AuthType', 'AWS_IAM'), has('AWS::CloudFront::Distribution', 'DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'https-only')];
  if (spec.readTimeout && spec.readTimeout !== 'param' && 's' in spec.readTimeout) facts.push(has('AWS::CloudFront::Distribution', 'DistributionConfig.Origins.0.CustomOriginConfig.OriginReadTimeout', spec.readTimeout.s));
  if (spec.domain === 'both') facts.push(has('AWS::CloudFront::Distribution', 'DistributionConfig.ViewerCertificate.MinimumProtocolVersion', 'TLSv1.2_2021'));
  return {
    set,
    facts,
    build: s => {
      const fn = new ServerlessFunction(s, 'Api', {
        code: lambda.Code.fromInline('exports.handler = async () => ({});'),
        timeout: spec.fnTimeoutS === undefined ? undefined : Duration.seconds(spec.fnTimeoutS),
      });
      const r = spec.readTimeout;
      const acl = spec.webAcl === 'global' ? 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/api/0a1b2c3d'
        : spec.webAcl === 'regional' ? 'arn:aws:wafv2:us-east-1:123456789012:regional/webacl/api/0a1b2c3d'
          : spec.webAcl === 'param' ? new CfnParameter(s, 'Acl', { type: 'String' }).valueAsString : undefined;
      new PublicFunctionUrl(s, 'Public', {
        function: fn,
        readTimeout: r === undefined ? undefined : r === 'param' ? Duration.seconds(parameter(s, 'ReadTimeout', 30)) : 's' in r ? Duration.seconds(r.s) : Duration.millis(r.ms),
        webAclArn: acl,
        domainNames: spec.domain === 'both' || spec.domain === 'names-only' ? ['api.example.com'] : undefined,
        certificate: spec.domain === 'both' || spec.domain === 'certificate-only'
          ? acm.Certificate.fromCertificateArn(s, 'Cert', 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555') : undefined,
        geoRestriction: spec.geo ? cloudfront.GeoRestriction.denylist('KP') : undefined,
      });
    },
  };
}
