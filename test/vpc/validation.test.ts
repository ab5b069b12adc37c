import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { VpcFunction, VpcFunctionProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

const mixedVpc = (s: Stack) => new ec2.Vpc(s, 'Mixed', { maxAzs: 2, natGateways: 1 });
const oneAzVpc = (s: Stack) => new ec2.Vpc(s, 'OneAz', { maxAzs: 1, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const publicOnly = (s: Stack) => new ec2.Vpc(s, 'Public', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'pub', subnetType: ec2.SubnetType.PUBLIC }] });
const proxyTarget = (s: Stack, vpc: ec2.IVpc) => rds.ProxyTarget.fromInstance(new rds.DatabaseInstance(s, 'Db', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
}));

const importedProxy = (s: Stack) => rds.DatabaseProxy.fromDatabaseProxyAttributes(s, 'Imported', {
  dbProxyName: 'p', dbProxyArn: 'arn:aws:rds:us-east-1:123456789012:db-proxy:prx-1', endpoint: 'p.proxy', securityGroups: [],
});
const sgOf = (s: Stack) => ec2.SecurityGroup.fromSecurityGroupId(s, 'ProxySg', 'sg-1');
const secretOf = (s: Stack) => secretsmanager.Secret.fromSecretNameV2(s, 'Secret', 'db');

type Row = [string, (s: Stack) => Partial<VpcFunctionProps>, string, string, string, string];

/** RDS Proxy pool limits (BP-V6): one row per bound. */
function poolRows(): Row[] {
  const pool = (extra: object): ((s: Stack) => Partial<VpcFunctionProps>) => s => {
    const v = mixedVpc(s);
    return { vpc: v, database: { proxyTarget: proxyTarget(s, v), secret: secretOf(s), user: 'app', ...extra } };
  };
  return [
    ['max connections of 0 %', pool({ maxConnectionsPercent: 0 }), 'V6', 'database.maxConnectionsPercent', '0 %', 'from 1 to 100 %'],
    ['max connections over 100 %', pool({ maxConnectionsPercent: 101 }), 'V6', 'database.maxConnectionsPercent', '101 %', 'from 1 to 100 %'],
    ['idle above max', pool({ maxConnectionsPercent: 40, maxIdleConnectionsPercent: 60 }), 'V6', 'database.maxIdleConnectionsPercent', '60 % with maxConnectionsPercent 40 %', 'no more than'],
    ['borrow timeout over an hour', pool({ borrowTimeout: Duration.seconds(3601) }), 'V6', 'database.borrowTimeout', '3,601 s', 'from 0 to 3,600 s'],
    ['idle client timeout over 8 hours', pool({ idleClientTimeout: Duration.hours(9) }), 'V6', 'database.idleClientTimeout', '32,400 s', 'from 1 to 28,800 s'],
    ['fractional borrow timeout', pool({ borrowTimeout: Duration.millis(2500) }), 'V6', 'database.borrowTimeout', '2.5 s', 'a whole number'],
  ];
}
/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: Row[] = [
  ['public subnet type', s => ({ vpc: mixedVpc(s), vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } }), 'V1', 'vpcSubnets', 'subnetType PUBLIC', 'private subnets only'],
  ['public subnets chosen by hand', s => { const v = mixedVpc(s); return { vpc: v, vpcSubnets: { subnets: v.publicSubnets } }; }, 'V1', 'vpcSubnets', '2 public subnet(s)', 'private subnets only'],
  ['a VPC with only public subnets', s => ({ vpc: publicOnly(s) }), 'V1', 'vpcSubnets', 'no private subnet (the VPC has none)', 'private subnets only'],
  ['a single AZ', s => ({ vpc: oneAzVpc(s) }), 'V1', 'vpcSubnets', 'subnets in 1 AZ (dummy1a)', 'subnets in at least 2 AZs'],
  ['database without a secret', s => { const v = mixedVpc(s); return { vpc: v, database: { proxyTarget: proxyTarget(s, v), user: 'app' } as never }; }, 'F20', 'database.secret', 'missing', 'a construct (secretsmanager.ISecret)'],
  ['both a proxy and a database', s => {
    const v = mixedVpc(s);
    const proxy = rds.DatabaseProxy.fromDatabaseProxyAttributes(s, 'P', { dbProxyName: 'p', dbProxyArn: 'arn:aws:rds:us-east-1:123456789012:db-proxy:prx-1', endpoint: 'p.proxy', securityGroups: [] });
    return { vpc: v, proxy: { proxy, user: 'a', port: 5432 }, database: { proxyTarget: proxyTarget(s, v), secret: secretsmanager.Secret.fromSecretNameV2(s, 'S', 'db'), user: 'a' } };
  }, 'V8', 'database / proxy', 'both given', 'one of them'],
  ['a password in the environment', s => {
    const v = mixedVpc(s);
    const db = new rds.DatabaseInstance(s, 'Db2', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }), vpc: v });
    return {
      vpc: v,
      functionProps: { code: inlineCode(), environment: { DB_PASSWORD: db.secret!.secretValueFromJson('password').unsafeUnwrap() } },
      database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'app' },
    };
  }, 'V6', 'functionProps.environment.DB_PASSWORD', 'set', 'no database password in the environment'],
  ['an imported proxy without its security group', s => ({
    vpc: mixedVpc(s),
    proxy: { proxy: rds.DatabaseProxy.fromDatabaseProxyAttributes(s, 'P', { dbProxyName: 'p', dbProxyArn: 'arn:aws:rds:us-east-1:123456789012:db-proxy:prx-1', endpoint: 'p.proxy', securityGroups: [] }), user: 'a', port: 5432 },
  }), 'V5', 'proxy.proxySecurityGroup', 'missing for an imported proxy', 'the proxy\'s security group'],
  ['internetAccess with an existing VPC', s => ({ vpc: mixedVpc(s), internetAccess: true }), 'V2', 'internetAccess', 'true with an existing vpc', 'only for a VPC the construct creates'],
  ...poolRows(),
  ['an empty database user', s => { const v = mixedVpc(s); return { vpc: v, database: { proxyTarget: proxyTarget(s, v), secret: secretOf(s), user: '' } }; },
    'V6', 'database.user', "''", 'a database user name'],
  ['a shared proxy with an empty user', s => ({ vpc: mixedVpc(s), proxy: { proxy: importedProxy(s), user: ' ', port: 5432, proxySecurityGroup: sgOf(s) } }),
    'V6', 'proxy.user', "' '", 'a database user name'],
  ['a port out of range', s => ({ vpc: mixedVpc(s), proxy: { proxy: importedProxy(s), user: 'a', port: 70_000, proxySecurityGroup: sgOf(s) } }),
    'V6', 'proxy.port', '70,000', 'from 1 to 65,535'],
  ['a subnet group the VPC does not have', s => ({ vpc: mixedVpc(s), vpcSubnets: { subnetGroupName: 'database' } }), 'V1', 'vpcSubnets', 'a selection that does not exist in the VPC',
    'a selection of private subnets the VPC has'],
  ['vpc inside functionProps', s => ({ functionProps: { code: inlineCode(), vpc: mixedVpc(s) } }), 'V1', 'functionProps.vpc', 'set', 'vpc on VpcFunction itself'],
];

describe('VpcFunction bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new VpcFunction(stack, 'Fn', { functionProps: { code: inlineCode() }, ...props(stack) }));
    expectViolation(message, rule, 'TestStack/Fn', prop, value, allowed);
  });
});
