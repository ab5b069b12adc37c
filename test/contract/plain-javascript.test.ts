/**
 * BP-F20: from plain JavaScript, a wrong-typed value fails with the library's message, never a TypeError or a
 * silent drop. Generated from the types jsii recorded (assets/prop-types.json): every parameter of every public
 * constructor and method, every prop of their structs and of the library's structs inside them, gets each wrong
 * kind of value (a string for a number, a number for a Duration, a plain object for a class or a construct …),
 * and every required prop is left out once.
 */
import * as fs from 'fs';
import * as path from 'path';
import { CfnParameter, Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  ApiAuthorization, EdgeFunction, EventWorker, PublicFunctionUrl, QueueWorker, S3Pipeline, ScheduledJob, ServerlessApi, ServerlessFunction,
  ServerlessDashboard, ServerlessPatternsChecks,
  ServerlessRestApi, StreamWorker, TopicWorker, VpcFunction,
} from '../../src';
import { errorOf, inlineCode, testStack } from '../helpers';

interface TypeRef { p?: string; t?: string; a?: TypeRef; m?: TypeRef; u?: TypeRef[] }
interface PropType { type: TypeRef; optional: boolean }
interface Schema {
  types: { [fqn: string]: { kind: string; props?: { [name: string]: PropType } } };
  members: { [member: string]: Array<PropType & { name: string; variadic: boolean }> };
}
const schema: Schema = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'assets', 'prop-types.json'), 'utf8'));
const kindOf = (t: TypeRef) => (t.t ? schema.types[t.t]?.kind ?? 'interface' : undefined);

/** How a call is made validly: the arguments, and how to call with them (in a fresh stack each time). */
interface Fixture { args: (stack: Stack) => unknown[]; call: (stack: Stack, args: unknown[]) => unknown }
const fn = (s: Stack) => new ServerlessFunction(s, 'Fn', { code: inlineCode() });
const functionProps = () => ({ code: inlineCode() });
const ctor = (C: new (scope: Construct, id: string, props: any) => unknown, props: (s: Stack) => object | undefined): Fixture =>
  ({ args: s => [s, 'X', props(s)], call: (_s, a) => new C(a[0] as Construct, a[1] as string, a[2]) });
const method = <T>(make: (s: Stack) => T, name: keyof T & string, args: (s: Stack, o: T) => unknown[]): Fixture => {
  const made = new WeakMap<Stack, T>();
  const of = (s: Stack) => { if (!made.has(s)) made.set(s, make(s)); return made.get(s)!; };
  return { args: s => args(s, of(s)), call: (s, a) => (of(s) as any)[name](...a) };
};
const edge = (s: Stack) => new EdgeFunction(s, 'Edge', { eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, code: inlineCode() });
const queueWorker = (s: Stack) => new QueueWorker(s, 'Q', { functionProps: functionProps() });
const streamWorker = (s: Stack) => new StreamWorker(s, 'S', { functionProps: functionProps() });
const api = (s: Stack) => new ServerlessApi(s, 'Api');
const restApi = (s: Stack) => new ServerlessRestApi(s, 'Rest');
const topicWorker = (s: Stack) => new TopicWorker(s, 'T', { functionProps: functionProps() });
const noScope = (call: (a: unknown[]) => unknown, args: (s: Stack) => unknown[]): Fixture => ({ args, call: (_s, a) => call(a) });

const FIXTURES: { [member: string]: Fixture } = {
  'ServerlessFunction': ctor(ServerlessFunction, functionProps),
  'QueueWorker': ctor(QueueWorker, () => ({ functionProps: functionProps() })),
  'StreamWorker': ctor(StreamWorker, () => ({ functionProps: functionProps() })),
  'TopicWorker': ctor(TopicWorker, () => ({ functionProps: functionProps() })),
  'EventWorker': ctor(EventWorker, () => ({ functionProps: functionProps(), eventPattern: { source: ['app.orders'] } })),
  'ScheduledJob': ctor(ScheduledJob, () => ({ functionProps: functionProps(), schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)) })),
  'S3Pipeline': ctor(S3Pipeline, () => ({ functionProps: functionProps() })),
  'ServerlessApi': ctor(ServerlessApi, () => ({})),
  'ServerlessRestApi': ctor(ServerlessRestApi, () => ({})),
  'EdgeFunction': ctor(EdgeFunction, () => ({ eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, code: inlineCode() })),
  'EdgeFunction.metricErrors': method(edge, 'metricErrors', () => [{}]),
  'EdgeFunction.metricThrottles': method(edge, 'metricThrottles', () => [{}]),
  'EdgeFunction.metricDuration': method(edge, 'metricDuration', () => [{}]),
  'ServerlessDashboard': ctor(ServerlessDashboard, () => ({ dashboardName: 'ops' })),
  'ServerlessDashboard.addConstructs': method(s => new ServerlessDashboard(s, 'Ops', { constructs: [] }), 'addConstructs', s => [new ServerlessFunction(s, 'Shown', { code: inlineCode() })]),
  'PublicFunctionUrl': ctor(PublicFunctionUrl, s => ({ function: new ServerlessFunction(s, 'Behind', { code: inlineCode() }) })),
  'VpcFunction': ctor(VpcFunction, s => ({ functionProps: functionProps(), vpc: new ec2.Vpc(s, 'Vpc', { natGateways: 0, maxAzs: 2 }) })),
  'ServerlessFunction.addAlarm': method(fn, 'addAlarm', (_s, f) => ['A', { metric: f.metricErrors(), threshold: 1, description: 'errors' }]),
  'ServerlessFunction.addEnvironment': method(fn, 'addEnvironment', () => ['KEY', 'value']),
  'ServerlessFunction.addEventSource': method(fn, 'addEventSource', () => [{ bind: () => undefined }]),
  'ServerlessFunction.addFunctionUrl': method(fn, 'addFunctionUrl', () => [{}]),
  'ServerlessFunction.addProvisionedConcurrencySchedule': method(
    s => new ServerlessFunction(s, 'Fn', { code: inlineCode(), provisionedConcurrency: { minCapacity: 1, maxCapacity: 4 } }),
    'addProvisionedConcurrencySchedule', () => [{ name: 'day', schedule: appscaling.Schedule.cron({ hour: '8', minute: '0' }), minCapacity: 2 }]),
  'ServerlessFunction.grantInvoke': method(fn, 'grantInvoke', s => [new iam.Role(s, 'R', { assumedBy: new iam.AccountRootPrincipal() })]),
  'ServerlessFunction.metric': method(fn, 'metric', () => ['Errors', {}]),
  'ServerlessFunction.metricDuration': method(fn, 'metricDuration', () => [{}]),
  'ServerlessFunction.metricErrors': method(fn, 'metricErrors', () => [{}]),
  'ServerlessFunction.metricInvocations': method(fn, 'metricInvocations', () => [{}]),
  'ServerlessFunction.metricThrottles': method(fn, 'metricThrottles', () => [{}]),
  'QueueWorker.grantSendMessages': method(queueWorker, 'grantSendMessages', s => [new iam.Role(s, 'R', { assumedBy: new iam.AccountRootPrincipal() })]),
  'QueueWorker.metricApproximateAgeOfOldestMessage': method(queueWorker, 'metricApproximateAgeOfOldestMessage', () => [{}]),
  'QueueWorker.metricDeadLetterQueueDepth': method(queueWorker, 'metricDeadLetterQueueDepth', () => [{}]),
  'QueueWorker.subscribeTo': method(queueWorker, 'subscribeTo', s => [new sns.Topic(s, 'Topic'), {}]),
  'QueueWorker.subscribeToEvents': method(queueWorker, 'subscribeToEvents', () => [{ source: ['app.orders'] }, {}]),
  'StreamWorker.grantWrite': method(streamWorker, 'grantWrite', s => [new iam.Role(s, 'R', { assumedBy: new iam.AccountRootPrincipal() })]),
  'StreamWorker.metricIteratorAge': method(streamWorker, 'metricIteratorAge', () => [{}]),
  'TopicWorker.grantPublish': method(topicWorker, 'grantPublish', s => [new iam.Role(s, 'R', { assumedBy: new iam.AccountRootPrincipal() })]),
  'ServerlessApi.addRoute': method(api, 'addRoute', () => ['GET /items', functionProps()]),
  'ServerlessApi.functionFor': method(s => { const a = api(s); a.addRoute('GET /items', functionProps()); return a; }, 'functionFor', () => ['GET /items']),
  'ServerlessRestApi.addRoute': method(restApi, 'addRoute', () => ['GET /items', functionProps()]),
  'ServerlessRestApi.functionFor': method(s => { const a = restApi(s); a.addRoute('GET /items', functionProps()); return a; }, 'functionFor', () => ['GET /items']),
  'ApiAuthorization.jwt': noScope(a => ApiAuthorization.jwt(a[0] as any), () => [{ issuer: 'https://issuer.example.com', audiences: ['api'] }]),
  'ApiAuthorization.cognito': noScope(a => ApiAuthorization.cognito(a[0] as any), s => [{ userPools: [new cognito.UserPool(s, 'Pool')] }]),
  'ApiAuthorization.lambdaAuthorizer': noScope(a => ApiAuthorization.lambdaAuthorizer(a[0] as any), () => [{ functionProps: functionProps() }]),
  'ApiAuthorization.none': noScope(a => ApiAuthorization.none(a[0] as any), () => ['health check for the load balancer']),
  'ServerlessPatternsChecks.validateScope': noScope(a => new ServerlessPatternsChecks().validateScope(a[0] as any), s => [s]),
  'ServerlessPatternsChecks.validate': noScope(a => new ServerlessPatternsChecks().validate(a[0] as any),
    s => [{ templatePaths: [], appConstruct: s }]),
};

/** Valid values for the library's nested structs that have required props, so one prop at a time can be wrong. */
const NESTED: { [prop: string]: (s: Stack) => object } = {
  provisionedConcurrency: () => ({ minCapacity: 1 }),
  deployment: () => ({ deploymentConfig: codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE }),
  durableConfig: () => ({ executionTimeout: Duration.minutes(5) }),
  cors: () => ({ allowOrigins: ['https://app.example.com'] }),
  database: s => ({
    proxyTarget: rds.ProxyTarget.fromInstance(new rds.DatabaseInstance(s, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      vpc: ec2.Vpc.fromLookup(s, 'V', { vpcId: 'vpc-1' }),
    })),
    secret: secretsmanager.Secret.fromSecretNameV2(s, 'Secret', 'db'),
    user: 'app',
  }),
};

/** Wrong-typed values for a type, each with how the library describes it. */
function wrongValues(t: TypeRef): Array<[unknown, string]> {
  if (t.p) {
    return ({
      string: [[42, 'the number 42']],
      number: [['512', "the string '512'"]],
      boolean: [['true', "the string 'true'"]],
      date: [['2026-01-01', "the string '2026-01-01'"]],
    } as { [p: string]: Array<[unknown, string]> })[t.p] ?? [];
  }
  if (t.u) {
    const members = t.u.map(x => x.p ?? kindOf(x) ?? (x.a ? 'array' : 'map'));
    if (members.every(k => k !== 'boolean' && k !== 'any' && k !== 'json')) return [[true, 'the boolean true']];
    return [];
  }
  if (t.a || t.m) return [['x', "the string 'x'"]];
  switch (kindOf(t)) {
    case 'class': return [[30, 'the number 30'], [{}, 'a plain object']];
    case 'enum': return [['NOT_A_MEMBER', "the string 'NOT_A_MEMBER'"]];
    case 'construct-interface': return [['x', "the string 'x'"], [{}, 'a plain object']];
    default: return [['x', "the string 'x'"]];
  }
}

interface Case { member: string; label: string; args: (s: Stack) => unknown[]; path: string; value: string }
const cases: Case[] = [];
const set = (obj: any, keys: string[], value: unknown, s: Stack): any => {
  const [k, ...rest] = keys;
  const copy = { ...(obj ?? {}) };
  if (rest.length === 0) {
    if (value === undefined) delete copy[k]; else copy[k] = value;
  } else {
    copy[k] = set(copy[k] ?? NESTED[k]?.(s), rest, value, s);
  }
  return copy;
};

for (const [member, params] of Object.entries(schema.members)) {
  const fixture = FIXTURES[member];
  if (!fixture) continue; // reported by the coverage test below
  const methodName = member.includes('.') ? member.split('.')[1] : undefined;
  params.forEach((p, i) => {
    if (p.name === 'scope' || p.name === 'id' || p.variadic) return;
    const name = methodName ? `${methodName}(${p.name})` : p.name;
    const withArg = (value: unknown) => (s: Stack) => { const a = [...fixture.args(s)]; a[i] = value; return a; };
    for (const [v, d] of wrongValues(p.type)) cases.push({ member, label: `${name} = ${d}`, args: withArg(v), path: name, value: d });
    if (!p.optional) cases.push({ member, label: `${name} missing`, args: withArg(undefined), path: name, value: 'missing' });
    const struct = p.type.t && schema.types[p.type.t]?.kind === 'struct' ? schema.types[p.type.t] : undefined;
    if (!struct) return;
    const walk = (props: { [n: string]: PropType }, keys: string[], depth: number) => {
      for (const [prop, pt] of Object.entries(props)) {
        const at = [...keys, prop];
        const label = methodName ? `${name}.${at.join('.')}` : at.join('.');
        const withProp = (value: unknown) => (s: Stack) => { const a = [...fixture.args(s)]; a[i] = set(a[i], at, value, s); return a; };
        for (const [v, d] of wrongValues(pt.type)) cases.push({ member, label: `${label} = ${d}`, args: withProp(v), path: label, value: d });
        const nested = pt.type.t && pt.type.t.startsWith('cdk-serverless-patterns.') ? schema.types[pt.type.t] : undefined;
        if (!pt.optional && keys.length === 0) cases.push({ member, label: `${label} missing`, args: withProp(undefined), path: label, value: 'missing' });
        if (nested?.kind === 'struct' && depth < 2) walk(nested.props!, at, depth + 1);
      }
    };
    walk(struct.props!, [], 0);
  });
}

describe('BP-F20: plain JavaScript gets the library\'s message for every wrong-typed argument and prop', () => {
  test('every public constructor and method has a fixture (a new one must be added here)', () => {
    expect(Object.keys(schema.members).filter(m => !FIXTURES[m] && schema.members[m].length > 0)).toEqual([]);
    expect(cases.length).toBeGreaterThan(1500);
  });

  test.each(Object.keys(FIXTURES))('%s: the valid baseline is accepted', member => {
    const s = testStack();
    expect(() => FIXTURES[member].call(s, FIXTURES[member].args(s))).not.toThrow();
  });

  test.each(cases.map(c => [`${c.member}: ${c.label}`, c] as const))('%s', (_label, c) => {
    const s = testStack();
    const message = errorOf(() => FIXTURES[c.member].call(s, c.args(s)));
    expect(message).toMatch(/^\[F20\] /);
    expect(message).toContain(`: ${c.path} is ${c.value}; allowed: `);
    expect(message).toMatch(/\. Fix: .+/);
  });

  test('the messages users hit first say what to write (issue #26)', () => {
    const s = testStack();
    expect(errorOf(() => new ServerlessFunction(s, 'A', { code: inlineCode(), timeout: 30 as any }))).toBe(
      '[F20] TestStack/A: timeout is the number 30; allowed: a Duration. Fix: use Duration.seconds(30) (or Duration.minutes, Duration.millis) from aws-cdk-lib.');
    expect(errorOf(() => new ServerlessFunction(s, 'B', { code: inlineCode(), memorySize: '512' as any }))).toBe(
      "[F20] TestStack/B: memorySize is the string '512'; allowed: a number. Fix: write the number 512, without quotes.");
    expect(errorOf(() => new ScheduledJob(s, 'C', {
      functionProps: functionProps(), schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), timeZone: 'Europe/Berlin' as any,
    }))).toBe("[F20] TestStack/C: timeZone is the string 'Europe/Berlin'; allowed: a TimeZone. Fix: use TimeZone.of('Europe/Berlin') "
      + 'or a constant such as TimeZone.EUROPE_BERLIN, from aws-cdk-lib.');
    expect(errorOf(() => new QueueWorker(s, 'D', undefined as any))).toBe(
      '[F20] TestStack/D: props is missing; allowed: an object of QueueWorkerProps. Fix: give props.');
    expect(errorOf(() => new ServerlessFunction(s, 'E', { code: inlineCode(), runtime: 'nodejs22.x' as any }))).toBe(
      "[F20] TestStack/E: runtime is the string 'nodejs22.x'; allowed: a lambda.Runtime. Fix: use one of lambda.Runtime's members "
      + '(e.g. lambda.Runtime.NODEJS_22_X) or its factory methods.');
    expect(errorOf(() => new ServerlessFunction(s, 'F', { code: inlineCode(), vpc: { vpcId: 'vpc-1' } as any }))).toContain(
      'vpc is a plain object; allowed: a construct (ec2.IVpc), created or imported. Fix: pass the construct itself');
  });

  test('tokens and imported resources still pass', () => {
    const s = testStack();
    const memory = new CfnParameter(s, 'Memory', { type: 'Number', default: 1024 }).valueAsNumber;
    const queue = sqs.Queue.fromQueueArn(s, 'Q', 'arn:aws:sqs:us-east-1:123456789012:jobs');
    const stream = kinesis.Stream.fromStreamArn(s, 'K', 'arn:aws:kinesis:us-east-1:123456789012:stream/s');
    expect(() => new QueueWorker(s, 'W', { queue, functionProps: { code: inlineCode(), memorySize: memory, description: Lazy.string({ produce: () => 'jobs' }) } }))
      .not.toThrow();
    expect(() => new StreamWorker(s, 'S', { stream, functionProps: functionProps() })).not.toThrow();
    const topic = sns.Topic.fromTopicArn(s, 'T', 'arn:aws:sns:us-east-1:123456789012:alerts');
    expect(() => new ServerlessFunction(s, 'A', { code: inlineCode(), alarms: { topic, alarmActions: [new cloudwatchActions.SnsAction(topic)] } })).not.toThrow();
  });
});
