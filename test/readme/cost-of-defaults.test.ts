/**
 * The README's "Cost of the defaults" (issue #24): what each construct creates that bills while nothing happens, with
 * only its required props, and what each cost-bearing prop adds. Every row is built here and its resources counted in
 * the template, so the tables cannot drift from the constructs: a default that starts billing at idle (an alarm more,
 * a KMS key, an endpoint) fails this test until the README says so.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as library from '../../src';
import {
  EdgeFunction, EventWorker, PublicFunctionUrl, QueueWorker, S3Pipeline, ScheduledJob, ServerlessApi, ServerlessDashboard,
  ServerlessFunction, ServerlessRestApi, StreamWorker, TopicWorker, VpcFunction,
} from '../../src';
import { inlineCode, testStack } from '../helpers';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Cost of the defaults'), README.indexOf('## Troubleshooting'));

/** The rows of the table whose header starts with `header`, as cells. */
function rows(header: string): string[][] {
  const lines = SECTION.split('\n');
  const start = lines.findIndex(l => l.startsWith(`| ${header} |`));
  expect(start).toBeGreaterThanOrEqual(0);
  const body: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    body.push(line.slice(1, -1).split(' | ').map(c => c.trim()));
  }
  return body;
}

const fp = () => ({ code: inlineCode() });
const isolatedVpc = (s: Stack) => new ec2.Vpc(s, 'Vpc', {
  natGateways: 0, maxAzs: 2, subnetConfiguration: [{ name: 'isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
});

/** Each README row of the first table, built with only its required props. */
const DEFAULTS: { [row: string]: (s: Stack) => void } = {
  '`ServerlessFunction`': s => new ServerlessFunction(s, 'X', fp()),
  '`QueueWorker`': s => new QueueWorker(s, 'X', { functionProps: fp() }),
  '`StreamWorker`': s => new StreamWorker(s, 'X', { functionProps: fp() }),
  '`TopicWorker`': s => new TopicWorker(s, 'X', { functionProps: fp() }),
  '`EventWorker`': s => new EventWorker(s, 'X', { functionProps: fp(), eventPattern: { source: ['app.orders'] } }),
  '`ScheduledJob`': s => new ScheduledJob(s, 'X', { functionProps: fp(), schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)) }),
  '`S3Pipeline`': s => new S3Pipeline(s, 'X', { functionProps: fp() }),
  '`ServerlessApi` (one route)': s => new ServerlessApi(s, 'X').addRoute('GET /items', fp()),
  '`ServerlessRestApi` (one route)': s => new ServerlessRestApi(s, 'X').addRoute('GET /items', fp()),
  '`EdgeFunction`': s => new EdgeFunction(s, 'X', { eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, code: inlineCode() }),
  '`PublicFunctionUrl` (its function\'s included)': s => new PublicFunctionUrl(s, 'X', { function: new ServerlessFunction(s, 'Fn', fp()) }),
  '`VpcFunction` (no `vpc`: its own VPC)': s => new VpcFunction(s, 'X', { functionProps: fp() }),
};

/**
 * Each README row of the second table: the prop it names, set on top of the required ones (`build`), and the same
 * constructs without it (`without`): the README lists what the prop adds.
 */
const OPTIONS: { [row: string]: { build: (s: Stack) => void; without: (s: Stack) => void } } = {
  '`provisionedConcurrency: { minCapacity: 1 }` on any function': {
    build: s => new ServerlessFunction(s, 'X', { ...fp(), provisionedConcurrency: { minCapacity: 1 } }),
    without: DEFAULTS['`ServerlessFunction`'],
  },
  '`VpcFunction` `interfaceEndpoints: [SECRETS_MANAGER]` (its own VPC)': {
    build: s => new VpcFunction(s, 'X', { functionProps: fp(), interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] }),
    without: DEFAULTS['`VpcFunction` (no `vpc`: its own VPC)'],
  },
  '`VpcFunction` `database` (a proxy for an RDS instance)': {
    build: s => {
      const vpc = isolatedVpc(s);
      const db = new rds.DatabaseInstance(s, 'Db', {
        engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
        vpc,
        vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      });
      new VpcFunction(s, 'X', { functionProps: fp(), vpc, database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'app' } });
    },
    without: s => new VpcFunction(s, 'X', { functionProps: fp(), vpc: isolatedVpc(s) }),
  },
  '`VpcFunction` `internetAccess: true`': {
    build: s => new VpcFunction(s, 'X', { functionProps: fp(), internetAccess: true }),
    without: DEFAULTS['`VpcFunction` (no `vpc`: its own VPC)'],
  },
  '`idempotency: {}` on any function': {
    build: s => new ServerlessFunction(s, 'X', { ...fp(), idempotency: {} }),
    without: DEFAULTS['`ServerlessFunction`'],
  },
  '`new ServerlessDashboard(...)`': {
    build: s => { new ServerlessFunction(s, 'X', fp()); new ServerlessDashboard(s, 'Ops', { dashboardName: 'ops' }); },
    without: DEFAULTS['`ServerlessFunction`'],
  },
  '`encryptionKey` (QueueWorker, TopicWorker)': {
    build: s => {
      const key = kms.Key.fromKeyArn(s, 'Key', 'arn:aws:kms:us-east-1:123456789012:key/11111111-2222-3333-4444-555555555555');
      new QueueWorker(s, 'Q', { functionProps: fp(), encryptionKey: key });
      new TopicWorker(s, 'T', { functionProps: fp(), encryptionKey: key });
    },
    without: s => {
      new QueueWorker(s, 'Q', { functionProps: fp() });
      new TopicWorker(s, 'T', { functionProps: fp() });
    },
  },
};

type Resource = { Type: string; Properties?: any };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** What in a template bills while idle, other than alarms, as the README words it ('—' for nothing). */
function idleItems(resources: Resource[], byId: { [id: string]: Resource }): string[] {
  const of = (type: string, keep: (r: Resource) => boolean = () => true) => resources.filter(r => r.Type === type && keep(r));
  const items: string[] = [];
  const provisioned = of('AWS::Lambda::Alias')
    .reduce((n, a) => n + (a.Properties.ProvisionedConcurrencyConfig?.ProvisionedConcurrentExecutions ?? 0), 0);
  if (provisioned) items.push(`${plural(provisioned, 'provisioned environment')} (GB-seconds, all the time)`);
  const polled = of('AWS::Lambda::EventSourceMapping', m => byId[m.Properties.EventSourceArn?.['Fn::GetAtt']?.[0]]?.Type === 'AWS::SQS::Queue').length;
  if (polled) items.push(`Lambda's poller on ${plural(polled, 'queue')} (SQS requests)`);
  const streams = of('AWS::Kinesis::Stream', k => k.Properties.StreamModeDetails?.StreamMode === 'ON_DEMAND').length;
  if (streams) items.push(`${plural(streams, 'Kinesis on-demand stream')} (hourly)`);
  const endpointAzs = of('AWS::EC2::VPCEndpoint', e => e.Properties.VpcEndpointType === 'Interface').reduce((n, e) => n + e.Properties.SubnetIds.length, 0);
  if (endpointAzs) items.push(`${plural(endpointAzs, 'interface endpoint-AZ')} (hourly)`);
  const nats = of('AWS::EC2::NatGateway').length;
  if (nats) items.push(`${plural(nats, 'NAT gateway')} (hourly)`);
  if (of('AWS::EC2::FlowLog', f => f.Properties.LogDestinationType === 'cloud-watch-logs').length) items.push('VPC flow logs (per GB ingested)');
  const proxies = of('AWS::RDS::DBProxy').length;
  if (proxies) items.push(`${plural(proxies, 'RDS Proxy', 'RDS Proxies')} (per database vCPU, hourly)`);
  const pitr = of('AWS::DynamoDB::Table', t => t.Properties.PointInTimeRecoverySpecification?.PointInTimeRecoveryEnabled === true).length;
  if (pitr) items.push(`${plural(pitr, 'DynamoDB table')} with point-in-time recovery (per GB stored)`);
  const keys = of('AWS::KMS::Key').length;
  if (keys) items.push(`${plural(keys, 'KMS key')} (monthly)`);
  const dashboards = of('AWS::CloudWatch::Dashboard').length;
  if (dashboards) items.push(`${plural(dashboards, 'dashboard')} (monthly)`);
  const acls = of('AWS::WAFv2::WebACL').length;
  if (acls) items.push(`${plural(acls, 'web ACL')} (monthly)`);
  return items;
}

const cell = (items: string[]) => items.length ? items.join('; ') : '—';

interface Counted { alarms: number; alarmMetrics: number; highResolution: number; idle: string[] }

/** Builds `build` in a fresh stack and counts what bills at idle. */
function count(build: (s: Stack) => void): Counted {
  const s = testStack();
  build(s);
  const byId: { [id: string]: Resource } = Template.fromStack(s).toJSON().Resources;
  const resources = Object.values(byId);
  const alarms = resources.filter(r => r.Type === 'AWS::CloudWatch::Alarm');
  // An alarm metric per metric the alarm reads: its own MetricName, or each MetricStat of a metric-math alarm.
  const read = (a: Resource) => a.Properties.Metrics.filter((m: any) => m.MetricStat);
  const alarmMetrics = alarms.reduce((n, a) => n + (a.Properties.MetricName ? 1 : read(a).length), 0);
  const period = (a: Resource) => a.Properties.Period ?? Math.min(...read(a).map((m: any) => m.MetricStat.Period));
  return { alarms: alarms.length, alarmMetrics, highResolution: alarms.filter(a => period(a) < 60).length, idle: idleItems(resources, byId) };
}

describe('README: cost of the defaults (issue #24)', () => {
  const defaults = rows('Construct (required props only)');
  const options = rows('Prop (what the test builds)');

  test('the first table has a row for every construct of the library, the second for every cost-bearing prop', () => {
    expect(defaults.map(r => r[0])).toEqual(Object.keys(DEFAULTS));
    // Every construct a user can create that has a dashboard row (IMonitoredConstruct) has a row here too.
    const monitored = Object.entries(library).filter(([, v]) => typeof v === 'function' && 'dashboardWidgets' in (v as any).prototype).map(([k]) => k);
    expect(monitored.length).toBeGreaterThanOrEqual(12);
    expect(defaults.map(r => /^`(\w+)`/.exec(r[0])![1]).sort()).toEqual(monitored.sort());
    expect(options.map(r => r[0])).toEqual(Object.keys(OPTIONS));
  });

  test.each(Object.keys(DEFAULTS))('%s: alarms, alarm metrics and what else bills at idle are as the README says', row => {
    const [, alarms, alarmMetrics, idle] = defaults.find(r => r[0] === row)!;
    const counted = count(DEFAULTS[row]);
    expect({ alarms: String(counted.alarms), alarmMetrics: String(counted.alarmMetrics), idle: cell(counted.idle) })
      .toEqual({ alarms, alarmMetrics, idle });
    // "Every alarm is standard resolution": a high-resolution alarm bills at another rate.
    expect(counted.highResolution).toBe(0);
  });

  test.each(Object.keys(OPTIONS))('%s: adds what the README says bills at idle', row => {
    const before = count(OPTIONS[row].without).idle;
    const added = count(OPTIONS[row].build).idle.filter(item => !before.includes(item));
    expect(cell(added)).toBe(options.find(r => r[0] === row)![1].replace(/^nothing the library creates.*$/, '—'));
  });

  test('the Quick start sentence matches its one ServerlessFunction and the alarm-metric price', () => {
    const fn = count(DEFAULTS['`ServerlessFunction`']);
    const price = /\| Alarm metric, standard resolution \| \$(\d+\.\d\d) a month; the first (\d+) a month are free/.exec(SECTION)!;
    const sentence = /one `ServerlessFunction`, bills (\d+) alarm metrics while idle: inside the (\d+) free a month, or\n\$(\d+\.\d\d) a month beyond them/.exec(SECTION)!;
    expect(Number(sentence[1])).toBe(fn.alarmMetrics);
    expect(sentence[2]).toBe(price[2]);
    expect(Number(sentence[3])).toBeCloseTo(fn.alarmMetrics * Number(price[1]), 10);
  });

  test('the counting sees what it looks for: each item appears when its resource is there', () => {
    // A deliberate check of the counter itself, so a row of '—' cannot hide a counter that never matches.
    const counted = count(s => {
      new kms.Key(s, 'Key', { enableKeyRotation: true });
      new ServerlessFunction(s, 'Fn', { ...fp(), provisionedConcurrency: { minCapacity: 2 } });
    });
    expect(cell(counted.idle)).toBe('2 provisioned environments (GB-seconds, all the time); 1 KMS key (monthly)');
  });
});
