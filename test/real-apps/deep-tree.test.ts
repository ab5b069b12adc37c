/**
 * Names and descriptions the library generates stay inside CloudFormation's limits and character sets at
 * any construct-tree depth (design: "truncate with a hash"), and the RDS Proxy's name is unique per stack
 * without a feature flag (BP-X4, V6).
 */
import { App, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { postgres, resourcesOf } from './helpers';
import { ApiAuthorization, QueueWorker, S3Pipeline, ScheduledJob, ServerlessApi, VpcFunction } from '../../src';
import { inlineCode, TEST_ENV } from '../helpers';

const EC2_TEXT = /^[a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/;
const PROXY_NAME = /^[A-Za-z](?!.*--)[A-Za-z0-9-]{0,59}$/;

/** A Stage, a Stack and several nested constructs with long IDs (and characters EC2 does not accept). */
function deepScope(app: App): { stack: Stack; leaf: Construct } {
  const stage = new Stage(app, `Production${'Eu'.repeat(20)}`, { env: TEST_ENV });
  const stack = new Stack(stage, `OrdersService${'X'.repeat(60)}`);
  let leaf: Construct = stack;
  for (let i = 0; i < 16; i++) leaf = new Construct(leaf, `Component ${i} (orders + billing) ${'n'.repeat(30)} – ü`);
  return { stack, leaf };
}

function everything(leaf: Construct, stack: Stack): void {
  const db = postgres(stack, new VpcFunction(leaf, 'Network', { functionProps: { code: inlineCode() } }).vpc, 'Database');
  new VpcFunction(leaf, 'Reader', {
    functionProps: { code: inlineCode() },
    vpc: (leaf.node.findChild('Network') as VpcFunction).vpc,
    interfaceEndpoints: [],
    database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'reader' },
  });
  new QueueWorker(leaf, 'Worker', { functionProps: { code: inlineCode() } });
  new S3Pipeline(leaf, 'Pipeline', { functionProps: { code: inlineCode() }, reconciliation: {} });
  new ScheduledJob(leaf, 'Job', { schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: { code: inlineCode() } });
  new ServerlessApi(leaf, 'Api', { authorization: ApiAuthorization.iam(), routes: { 'GET /x': { code: inlineCode() } } });
}

describe('generated names and descriptions in a deep construct tree', () => {
  const app = new App();
  const { stack, leaf } = deepScope(app);
  everything(leaf, stack);
  const template = Template.fromStack(stack).toJSON();
  const all = (type: string) => resourcesOf(template, type).map(([, p]) => p);

  test('the tree really is deep (paths far over every limit)', () => {
    expect(leaf.node.path.length).toBeGreaterThan(1100);
  });

  test('BP-V5: security-group and rule descriptions: at most 255 characters, EC2\'s characters only', () => {
    const texts = [
      ...all('AWS::EC2::SecurityGroup').flatMap(p => [p.GroupDescription, ...(p.SecurityGroupEgress ?? []).map((r: any) => r.Description)]),
      ...all('AWS::EC2::SecurityGroupIngress').map(p => p.Description),
      ...all('AWS::EC2::SecurityGroupEgress').map(p => p.Description),
    ].filter(t => t !== undefined);
    expect(texts.length).toBeGreaterThan(4);
    for (const t of texts) {
      expect(t.length).toBeLessThanOrEqual(255);
      expect(t).toMatch(EC2_TEXT);
    }
  });

  test('IAM role descriptions at most 1,000, alarm descriptions at most 1,024, rule and schedule descriptions at most 512', () => {
    const limits: [string, string, number][] = [
      ['AWS::IAM::Role', 'Description', 1000],
      ['AWS::CloudWatch::Alarm', 'AlarmDescription', 1024],
      ['AWS::Events::Rule', 'Description', 512],
      ['AWS::Scheduler::Schedule', 'Description', 512],
    ];
    for (const [type, prop, max] of limits) {
      const texts = all(type).map(p => p[prop]).filter(t => typeof t === 'string');
      expect(texts.length).toBeGreaterThan(0);
      for (const t of texts) expect(t.length).toBeLessThanOrEqual(max);
    }
  });

  test('BP-V6: the proxy name fits RDS\'s rules (1–60, a letter first, letters, digits, single hyphens)', () => {
    const [proxy] = all('AWS::RDS::DBProxy');
    expect(proxy.DBProxyName).toMatch(PROXY_NAME);
    expect(proxy.DBProxyName).not.toMatch(/-$/);
  });

  test('queue names: at most 80 characters, SQS\'s characters only', () => {
    for (const p of all('AWS::SQS::Queue').filter(q => q.QueueName)) expect(p.QueueName).toMatch(/^(?=.{1,80}$)[A-Za-z0-9_-]+(\.fifo)?$/);
  });
});

test('BP-V6: two proxies in two stacks get two names, without @aws-cdk/aws-rds:databaseProxyUniqueResourceName', () => {
  const app = new App();
  const ids = ['Blue', 'Green'];
  for (const id of ids) {
    const stack = new Stack(app, id, { env: TEST_ENV });
    const vpcFn = new VpcFunction(stack, 'Net', { functionProps: { code: inlineCode() } });
    const db = postgres(stack, vpcFn.vpc);
    new VpcFunction(stack, 'Orders', { functionProps: { code: inlineCode() }, vpc: vpcFn.vpc, database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'u' } });
  }
  const assembly = app.synth();
  const names = ids.map(id => resourcesOf(assembly.getStackByName(id).template, 'AWS::RDS::DBProxy')[0][1].DBProxyName);
  expect(names[0]).not.toEqual(names[1]);
  for (const n of names) expect(n).toMatch(PROXY_NAME);
});
