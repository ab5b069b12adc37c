import { Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct, IConstruct } from 'constructs';
import { checkExistingProxy, checkProxyPool, createProxy, grantProxyConnect, DatabaseProxyOptions, ExistingProxyOptions } from './database';
import { admit, checkFunctionSubnets, createFunctionVpc, ensureGatewayEndpoints, ensureInterfaceEndpoints } from './network';
import { functionRow, IMonitoredConstruct } from '../dashboard/widgets';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { ec2Description } from '../private/naming';
import { definedOnly } from '../private/props';
import { checkArguments } from '../private/runtime-types';
import { checkRange, fail } from '../private/validation';

/** Properties of a VpcFunction. */
export interface VpcFunctionProps {
  /** The function. `vpc`, `vpcSubnets` and `securityGroups` are set by the construct. */
  readonly functionProps: ServerlessFunctionProps;
  /**
   * The VPC. Several VpcFunctions may share one (and one proxy, BP-V8).
   * @default - a VPC with 2 AZs, private subnets, no NAT gateway, flow logs
   */
  readonly vpc?: ec2.IVpc;
  /**
   * For a created VPC: public subnets and one NAT gateway per AZ, for internet access
   * (≈ $32 per month per NAT gateway plus $0.045 per GB). Prefer VPC endpoints.
   * @default false
   */
  readonly internetAccess?: boolean;
  /**
   * The function's subnets: private, in at least two AZs (BP-V1).
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;
  /**
   * Add S3 and DynamoDB gateway endpoints (free) to the VPC, once per VPC (BP-V3). A VPC defined in this
   * app that already has a gateway endpoint for a service (under any construct ID) keeps it. For an
   * imported VPC, whose endpoints cannot be seen at synth time, `true` adds them (its subnets' route-table
   * IDs must be known).
   * @default - true for a VPC defined in this app; false, with a warning, for an imported VPC
   */
  readonly gatewayEndpoints?: boolean;
  /**
   * Interface endpoints to add (once per VPC and service), with private DNS (BP-V4), e.g.
   * `[InterfaceVpcEndpointAwsService.SECRETS_MANAGER, InterfaceVpcEndpointAwsService.SQS]`
   * (≈ $7.20 per month per endpoint per AZ).
   * @default - none
   */
  readonly interfaceEndpoints?: ec2.InterfaceVpcEndpointAwsService[];
  /**
   * A database reached through a new RDS Proxy (BP-V6). Exclusive with `proxy`.
   * @default - no database
   */
  readonly database?: DatabaseProxyOptions;
  /**
   * An existing RDS Proxy, e.g. another VpcFunction's (BP-V8). Exclusive with `database`.
   * @default - no proxy
   */
  readonly proxy?: ExistingProxyOptions;
}

/** Environment variables a VpcFunction with a database gets (never a password, BP-V6). */
export const DATABASE_ENVIRONMENT = {
  endpoint: 'DB_PROXY_ENDPOINT',
  port: 'DB_PORT',
  user: 'DB_USER',
  name: 'DB_NAME',
};

/**
 * A ServerlessFunction in private subnets of a VPC (BP-V1–V8): two AZs, its own security group with no
 * inbound rules, free gateway endpoints for S3 and DynamoDB, optional interface endpoints, and an RDS
 * Proxy with IAM authentication and TLS — the function gets `rds-db:connect` for one user and the
 * endpoint in its environment, never a password.
 *
 * @example
 * const api = new VpcFunction(stack, 'Orders', {
 *   functionProps: { entry: 'src/orders.ts' },
 *   database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'orders_app' },
 * });
 */
export class VpcFunction extends Construct implements IMonitoredConstruct {
  /** The VPC. */
  public readonly vpc: ec2.IVpc;
  /** The function's own security group (no inbound rules, BP-V5). */
  public readonly securityGroup: ec2.SecurityGroup;
  /** The function. */
  public readonly function: ServerlessFunction;
  /** The RDS Proxy (created or given), if any. */
  public readonly proxy?: rds.IDatabaseProxy;
  /** The database port, when there is a proxy. */
  public readonly databasePort?: number;

  constructor(scope: Construct, id: string, props: VpcFunctionProps) {
    super(scope, id);
    checkArguments(this, 'VpcFunction', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    checkVpcFunctionProps(this, props);

    // ---- network (BP-V1, V2, V5) --------------------------------------------------------------
    this.vpc = props.vpc ?? createFunctionVpc(this, props.internetAccess ?? false);
    const subnets = checkFunctionSubnets(this, this.vpc, props.vpcSubnets);
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: this.vpc,
      description: ec2Description(`Lambda function ${this.node.path}: no inbound rules`),
      allowAllOutbound: true,
    });

    // ---- the function (BP-F*, V7) ---------------------------------------------------------------
    this.function = new ServerlessFunction(this, 'Function', {
      ...definedOnly(props.functionProps),
      vpc: this.vpc,
      vpcSubnets: subnets,
      securityGroups: [this.securityGroup],
    });
    // BP-V7: the core grants the network-interface permissions inline, because vpc is set.

    // ---- endpoints (BP-V3, V4) ------------------------------------------------------------------
    ensureGatewayEndpoints(this, this.vpc, props.vpc ? props.gatewayEndpoints : (props.gatewayEndpoints ?? true), subnets);
    ensureInterfaceEndpoints(this.vpc, props.interfaceEndpoints ?? [], subnets, this.securityGroup, this.node.path);

    // ---- the database through RDS Proxy (BP-V5, V6, V8) -----------------------------------------
    let proxySg: ec2.IConnectable | undefined;
    let user: string | undefined;
    let databaseName: string | undefined;
    if (props.database) {
      checkDatabaseStack(this, props.database.proxyTarget);
      const created = createProxy(this, this.vpc, subnets, props.database);
      this.proxy = created.proxy;
      this.databasePort = created.port;
      proxySg = created.proxy;
      user = props.database.user;
      databaseName = props.database.databaseName;
    } else if (props.proxy) {
      this.proxy = props.proxy.proxy;
      this.databasePort = props.proxy.port;
      proxySg = props.proxy.proxySecurityGroup ?? (props.proxy.proxy instanceof rds.DatabaseProxy ? props.proxy.proxy : undefined);
      user = props.proxy.user;
      databaseName = props.proxy.databaseName;
      checkExistingProxy(this, props.proxy);
      if (!proxySg) {
        fail(this, {
          rule: 'V5',
          prop: 'proxy.proxySecurityGroup',
          value: 'missing for an imported proxy',
          allowed: 'the proxy\'s security group, to admit this function\'s security group',
          fix: 'pass proxySecurityGroup (ec2.SecurityGroup.fromSecurityGroupId(...)).',
        });
      }
    }
    if (this.proxy && proxySg && user && this.databasePort) {
      // Access by security-group reference, never by address (BP-V5); with the proxy in another stack the
      // rule lands in this (the dependent) stack, not the proxy's.
      admit(proxySg, this.securityGroup, ec2.Port.tcp(this.databasePort), `${this.node.path} to the database proxy`);
      grantProxyConnect(this, this.proxy, this.function, user);
      // A DNS name is at most 253 characters: counted in the 4 KB (BP-F12).
      this.function._addBoundedEnvironment(DATABASE_ENVIRONMENT.endpoint, this.proxy.endpoint, 253);
      this.function.addEnvironment(DATABASE_ENVIRONMENT.port, String(this.databasePort));
      this.function.addEnvironment(DATABASE_ENVIRONMENT.user, user);
      if (databaseName) this.function.addEnvironment(DATABASE_ENVIRONMENT.name, databaseName);
    }
  }

  /** The function's security group, for rules elsewhere that must admit it. */
  public get connections(): ec2.Connections {
    return this.securityGroup.connections;
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return functionRow(this, 'VpcFunction', this.function);
  }
}

/**
 * `database` creates the proxy in this construct, and aws-cdk-lib opens the database's security group to
 * it with a rule in the database's stack: with the database in another stack, the two stacks would depend
 * on each other. Refuse, and say how to share a proxy across stacks instead (BP-V8).
 */
function checkDatabaseStack(scope: IConstruct, target: rds.ProxyTarget): void {
  // ProxyTarget keeps the instance or cluster it was made from; its stack decides where the rule goes.
  const { dbInstance, dbCluster } = target as unknown as { dbInstance?: IConstruct; dbCluster?: IConstruct };
  const db = dbInstance ?? dbCluster;
  if (!db || Stack.of(db) === Stack.of(scope)) return;
  fail(scope, {
    rule: 'V8',
    prop: 'database.proxyTarget',
    value: `a database in stack '${Stack.of(db).stackName}' while this VpcFunction is in stack '${Stack.of(scope).stackName}'`,
    allowed: 'a database in the same stack (the proxy is created here, and the database\'s security group must admit it)',
    fix: `create the proxy next to the database (new rds.DatabaseProxy(...) in '${Stack.of(db).stackName}' with iamAuth: true and requireTLS: true), ` +
      'then pass it as proxy: { proxy, user, port } — VpcFunction opens it to the function from this stack.',
  });
}

function checkVpcFunctionProps(scope: Construct, props: VpcFunctionProps): void {
  if (props.database && props.proxy) {
    fail(scope, {
      rule: 'V8',
      prop: 'database / proxy',
      value: 'both given',
      allowed: 'one of them',
      fix: 'give database to create a proxy, or proxy to share an existing one.',
    });
  }
  if (props.database) checkProxyPool(scope, props.database);
  const user = props.database?.user ?? props.proxy?.user;
  const userProp = props.database ? 'database.user' : 'proxy.user';
  if (user !== undefined && !Token.isUnresolved(user) && !/^[A-Za-z_][A-Za-z0-9_$]{0,62}$/.test(user)) {
    fail(scope, {
      rule: 'V6',
      prop: userProp,
      value: `'${user}'`,
      allowed: 'a database user name: a letter or _, then up to 62 letters, digits, _ or $ (the function is granted rds-db:connect for exactly this user)',
      fix: 'give the database user the function connects as, e.g. \'orders_app\'.',
    });
  }
  checkRange(scope, props.proxy?.port, { prop: 'proxy.port', min: 1, max: 65_535, rule: 'V6' });
  if (props.database && !props.database.secret) {
    fail(scope, {
      rule: 'V6',
      prop: 'database.secret',
      value: 'missing',
      allowed: 'the Secrets Manager secret with the database credentials',
      fix: 'pass the database\'s secret (e.g. instance.secret); the proxy reads it, the function never does.',
    });
  }
  if (props.vpc && props.internetAccess !== undefined) {
    fail(scope, {
      rule: 'V2',
      prop: 'internetAccess',
      value: `${props.internetAccess} with an existing vpc`,
      allowed: 'internetAccess only for a VPC the construct creates',
      fix: 'configure NAT gateways on your VPC, or remove vpc.',
    });
  }
  for (const key of ['allowAllOutbound', 'allowAllIpv6Outbound'] as const) {
    if (props.functionProps[key] !== undefined) {
      fail(scope, {
        rule: 'V5',
        prop: `functionProps.${key}`,
        value: `${props.functionProps[key]}`,
        allowed: 'not set: VpcFunction creates the function\'s security group (no inbound rules, all outbound; the VPC has no internet path unless internetAccess, and endpoints and the proxy admit it by ingress rules)',
        fix: 'remove it; to restrict egress, use ServerlessFunction with vpc and a security group of your own (allowAllOutbound: false, with the egress rules it needs).',
      });
    }
  }
  for (const key of ['vpc', 'vpcSubnets', 'securityGroups'] as const) {
    if (props.functionProps[key] !== undefined) {
      fail(scope, {
        rule: 'V1',
        prop: `functionProps.${key}`,
        value: 'set',
        allowed: `${key} on VpcFunction itself`,
        fix: `move it to the VpcFunction props${key === 'securityGroups' ? ' (the function gets its own security group)' : ''}.`,
      });
    }
  }
  if (props.database || props.proxy) {
    for (const name of Object.keys(props.functionProps.environment ?? {})) {
      if (/PASSWORD|PASSWD|PWD$/i.test(name)) {
        fail(scope, {
          rule: 'V6',
          prop: `functionProps.environment.${name}`,
          value: 'set',
          allowed: 'no database password in the environment: the proxy authenticates the function with IAM',
          fix: `remove ${name}; connect with an IAM auth token (@aws-sdk/rds-signer) for ${DATABASE_ENVIRONMENT.user} at ${DATABASE_ENVIRONMENT.endpoint}.`,
        });
      }
    }
  }
}
