import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { TEST_ENV } from '../helpers';

/** The most common layout of all: a network stack (VPC, database, proxy) and a service stack (functions). */
export interface TwoStackApp {
  readonly app: App;
  readonly network: Stack;
  readonly service: Stack;
  readonly vpc: ec2.Vpc;
}

export function twoStackApp(context?: { [key: string]: unknown }): TwoStackApp {
  const app = new App({ context });
  const network = new Stack(app, 'Network', { env: TEST_ENV });
  const service = new Stack(app, 'Service', { env: TEST_ENV });
  const vpc = new ec2.Vpc(network, 'Vpc', {
    maxAzs: 2,
    natGateways: 0,
    subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
  });
  return { app, network, service, vpc };
}

export function postgres(scope: Stack, vpc: ec2.IVpc, id = 'Db'): rds.DatabaseInstance {
  return new rds.DatabaseInstance(scope, id, {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromGeneratedSecret('postgres'),
  });
}

/** A proxy the way V6 wants it, created next to its database (in the network stack). */
export function iamProxy(scope: Stack, vpc: ec2.IVpc, db: rds.DatabaseInstance, overrides: Partial<rds.DatabaseProxyProps> = {}): rds.DatabaseProxy {
  return new rds.DatabaseProxy(scope, 'Proxy', {
    proxyTarget: rds.ProxyTarget.fromInstance(db),
    secrets: [db.secret!],
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    iamAuth: true,
    requireTLS: true,
    ...overrides,
  });
}

/** Synthesizes the whole app (fails on a dependency cycle) and returns each stack's template and dependencies. */
export function synthAll(app: App): { [stack: string]: { template: any; dependsOn: string[] } } {
  const assembly = app.synth();
  const out: { [stack: string]: { template: any; dependsOn: string[] } } = {};
  for (const s of assembly.stacks) out[s.stackName] = { template: s.template, dependsOn: s.dependencies.map(d => d.id) };
  return out;
}

/** Every resource of `type` in a template, as [logicalId, properties]. */
export function resourcesOf(template: any, type: string): [string, any][] {
  return Object.entries(template.Resources ?? {})
    .filter(([, r]: [string, any]) => r.Type === type)
    .map(([id, r]: [string, any]) => [id, r.Properties ?? {}]);
}
