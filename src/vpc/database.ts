import { ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct, IConstruct } from 'constructs';
import { proxyName } from '../private/naming';
import { checkDurationRange, checkRange, fail, isKnown } from '../private/validation';

/** A database reached through a new RDS Proxy (BP-V6). */
export interface DatabaseProxyOptions {
  /** The database: `rds.ProxyTarget.fromInstance(db)` or `.fromCluster(cluster)`. */
  readonly proxyTarget: rds.ProxyTarget;
  /** The secret with the database credentials the proxy uses; functions never see it. */
  readonly secret: secretsmanager.ISecret;
  /** The database user the function connects as (granted `rds-db:connect` for this user only). */
  readonly user: string;
  /**
   * The database name, passed to the function as `DB_NAME`.
   * @default - none
   */
  readonly databaseName?: string;
  /**
   * Connections the proxy may open, as a percentage of the database's max_connections.
   * @default 90 (headroom for administration and migrations)
   */
  readonly maxConnectionsPercent?: number;
  /**
   * Idle connections the proxy keeps, as a percentage of max_connections.
   * @default 50
   */
  readonly maxIdleConnectionsPercent?: number;
  /**
   * How long a client waits for a pooled connection.
   * @default Duration.seconds(30)
   */
  readonly borrowTimeout?: Duration;
  /**
   * How long an idle client connection stays open.
   * @default Duration.minutes(30)
   */
  readonly idleClientTimeout?: Duration;
}

/** An RDS Proxy that already exists, shared by several functions (BP-V8). */
export interface ExistingProxyOptions {
  /** The proxy, e.g. another VpcFunction's `proxy`. */
  readonly proxy: rds.IDatabaseProxy;
  /** The database user the function connects as. */
  readonly user: string;
  /** The database port (5432 PostgreSQL, 3306 MySQL). */
  readonly port: number;
  /**
   * The proxy's security group, to admit the function's security group; not needed when `proxy`
   * is a `DatabaseProxy` defined in this app.
   * @default - the proxy's own connections
   */
  readonly proxySecurityGroup?: ec2.ISecurityGroup;
  /**
   * The database name, passed as `DB_NAME`.
   * @default - none
   */
  readonly databaseName?: string;
}

/** Pool defaults (BP-V6). */
export const PROXY_DEFAULTS = {
  maxConnectionsPercent: 90,
  maxIdleConnectionsPercent: 50,
  borrowTimeout: Duration.seconds(30),
  idleClientTimeout: Duration.minutes(30),
};

const PORTS: { [family: string]: number } = { POSTGRESQL: 5432, MYSQL: 3306, SQLSERVER: 1433 };

/**
 * The pool settings RDS accepts (BP-V6, X4; `AWS::RDS::DBProxyTargetGroup` ConnectionPoolConfigurationInfo and
 * `AWS::RDS::DBProxy` IdleClientTimeout): max connections 1–100 %, idle 0–100 % and not above max, borrow
 * timeout 0–3,600 s, idle client timeout 1–28,800 s (8 hours), whole seconds.
 */
export function checkProxyPool(scope: IConstruct, o: DatabaseProxyOptions): void {
  checkRange(scope, o.maxConnectionsPercent, { prop: 'database.maxConnectionsPercent', min: 1, max: 100, unit: '%', rule: 'V6' });
  checkRange(scope, o.maxIdleConnectionsPercent, { prop: 'database.maxIdleConnectionsPercent', min: 0, max: 100, unit: '%', rule: 'V6' });
  const max = o.maxConnectionsPercent ?? PROXY_DEFAULTS.maxConnectionsPercent;
  const idle = o.maxIdleConnectionsPercent ?? PROXY_DEFAULTS.maxIdleConnectionsPercent;
  if (isKnown(max) && isKnown(idle) && idle > max) {
    fail(scope, {
      rule: 'V6',
      prop: 'database.maxIdleConnectionsPercent',
      value: `${idle} % with maxConnectionsPercent ${max} %`,
      allowed: 'idle connections no more than the connections the proxy may open',
      fix: `lower maxIdleConnectionsPercent to ${max} or less, or raise maxConnectionsPercent.`,
    });
  }
  checkDurationRange(scope, o.borrowTimeout, { prop: 'database.borrowTimeout', min: 0, max: 3_600, rule: 'V6', integer: true });
  checkDurationRange(scope, o.idleClientTimeout, { prop: 'database.idleClientTimeout', min: 1, max: 28_800, rule: 'V6', integer: true });
}

/** Creates the proxy: IAM authentication and TLS required, pool settings explicit (BP-V6). */
export function createProxy(
  scope: Construct, vpc: ec2.IVpc, subnets: ec2.SubnetSelection, o: DatabaseProxyOptions,
): { proxy: rds.DatabaseProxy; port: number } {
  const proxy = new rds.DatabaseProxy(scope, 'Proxy', {
    // Unique per stack path and within RDS's naming rules, whatever the app's feature flags.
    dbProxyName: proxyName(scope),
    proxyTarget: o.proxyTarget,
    secrets: [o.secret],
    vpc,
    vpcSubnets: subnets,
    iamAuth: true,
    requireTLS: true,
    maxConnectionsPercent: o.maxConnectionsPercent ?? PROXY_DEFAULTS.maxConnectionsPercent,
    maxIdleConnectionsPercent: o.maxIdleConnectionsPercent ?? PROXY_DEFAULTS.maxIdleConnectionsPercent,
    borrowTimeout: o.borrowTimeout ?? PROXY_DEFAULTS.borrowTimeout,
    idleClientTimeout: o.idleClientTimeout ?? PROXY_DEFAULTS.idleClientTimeout,
  });
  const family = (proxy.node.defaultChild as rds.CfnDBProxy).engineFamily;
  return { proxy, port: PORTS[family] ?? 5432 };
}

/**
 * A proxy defined in this app must require IAM authentication and TLS (BP-V6); an imported proxy cannot be
 * checked at synth time.
 */
export function checkExistingProxy(scope: IConstruct, o: ExistingProxyOptions): void {
  if (!(o.proxy instanceof rds.DatabaseProxy)) return;
  const cfn = o.proxy.node.defaultChild as rds.CfnDBProxy;
  const auth = cfn.auth as rds.CfnDBProxy.AuthFormatProperty[] | undefined;
  const iamRequired = Array.isArray(auth) && auth.length > 0 && auth.every(a => a.iamAuth === 'REQUIRED');
  const tlsRequired = cfn.requireTls === true;
  if (iamRequired && tlsRequired) return;
  fail(scope, {
    rule: 'V6',
    prop: 'proxy.proxy',
    value: `a proxy ${[iamRequired ? '' : 'without IAM authentication required', tlsRequired ? '' : 'without TLS required'].filter(Boolean).join(' and ')}`,
    allowed: 'a proxy that requires IAM authentication and TLS (the function connects with an IAM token, never a password)',
    fix: 'create the proxy with iamAuth: true and requireTLS: true.',
  });
}

/**
 * `rds-db:connect` for one database user through the proxy (BP-V6), from any stack.
 *
 * aws-cdk-lib's `grantConnect` takes the proxy's resource ID by splitting its ARN in the grantee's stack.
 * With the proxy in another stack and the recommended `@aws-cdk/core:defaultCrossStackReferences` flag, that
 * ARN arrives as `Fn::GetStackOutput`, which CloudFormation does not accept inside `Fn::Split` (cfn-lint E1022).
 * An explicit export of the ARN arrives as `Fn::ImportValue`, which it does accept: that is used instead.
 */
export function grantProxyConnect(consumer: IConstruct, proxy: rds.IDatabaseProxy, grantee: iam.IGrantable, user: string): iam.Grant {
  const here = Stack.of(consumer);
  const home = Stack.of(proxy);
  if (home === here || !Token.isUnresolved(proxy.dbProxyArn)) return proxy.grantConnect(grantee, user);
  const arn = home.exportValue(proxy.dbProxyArn);
  const proxyId = here.splitArn(arn, ArnFormat.COLON_RESOURCE_NAME).resourceName;
  const userArn = here.formatArn({ service: 'rds-db', resource: 'dbuser', resourceName: `${proxyId}/${user}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return iam.Grant.addToPrincipal({ grantee, actions: ['rds-db:connect'], resourceArns: [userArn] });
}
