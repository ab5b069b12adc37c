/**
 * The layout most apps have: a network stack that owns the VPC, the database and its RDS Proxy, and a
 * service stack that owns the functions. The service stack depends on the network stack, never the other
 * way round: every rule that opens the proxy or an endpoint to a function is created in the service stack
 * (BP-V5, V8), so the network stack deploys first and on its own.
 *
 * - Network: a VPC (private subnets in two AZs, no NAT, flow logs), RDS for PostgreSQL (production-like:
 *   Multi-AZ, encrypted, enhanced monitoring, rotated secret) and one RDS Proxy with IAM auth and TLS required.
 * - Service: two VpcFunctions sharing that proxy as two database users, one of them sending to a QueueWorker
 *   through an SQS interface endpoint; the worker deploys gradually (canary) and rolls back on its new
 *   version's own errors and duration only (BP-F16).
 *
 * The handlers are those of the vpc-function and queue-worker examples.
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { QueueWorker, ServerlessPatternsChecks, VpcFunction } from 'cdk-serverless-patterns';

/** The network stack: VPC, database, proxy. Knows nothing of the functions that will use them. */
class NetworkStack extends Stack {
  public readonly vpc: ec2.Vpc;
  public readonly proxy: rds.DatabaseProxy;

  constructor(scope: App, id: string, props?: StackProps) {
    super(scope, id, props);
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 0,
      subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
      flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
    });
    // The VPC's default security group is emptied by a custom-resource function of aws-cdk-lib's own (the
    // restrictDefaultSecurityGroup flag); its runtime settings are aws-cdk-lib's, not this app's.
    Validations.of(this.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider')).acknowledge(
      ...['SP-F1', 'SP-F5', 'SP-F6', 'SP-F14'].map(rule => ({ id: rule, reason: 'aws-cdk-lib\'s own custom-resource provider (restrictDefaultSecurityGroup); not a function of this app.' })),
    );
    const isolated = { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };

    const database = new rds.DatabaseInstance(this, 'Database', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
      vpc: this.vpc,
      vpcSubnets: isolated,
      port: 5433, // not the default port (AwsSolutions-RDS11); the proxy listens on 5432
      multiAz: true,
      storageEncrypted: true,
      deletionProtection: true,
      iamAuthentication: true,
      backupRetention: Duration.days(7),
      cloudwatchLogsExports: ['postgresql'],
      monitoringInterval: Duration.seconds(60), // enhanced monitoring
      credentials: rds.Credentials.fromGeneratedSecret('postgres'),
    });
    Validations.of(database).acknowledge({
      id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
      reason: 'RDS enhanced monitoring needs this AWS-managed policy on its monitoring role; it is not a function role.',
    });

    // The administrator secret rotates monthly, from inside the VPC (through a Secrets Manager endpoint).
    const rotation = new ec2.SecurityGroup(this, 'RotationSecurityGroup', { vpc: this.vpc, description: 'Secret rotation function' });
    database.connections.allowDefaultPortFrom(rotation, 'Secret rotation');
    const secretsEndpoint = this.vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, privateDnsEnabled: true, subnets: isolated, open: false,
    });
    secretsEndpoint.connections.allowDefaultPortFrom(rotation, 'Secret rotation');
    database.secret!.addRotationSchedule('Rotation', {
      automaticallyAfter: Duration.days(30),
      hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({ vpc: this.vpc, vpcSubnets: isolated, securityGroups: [rotation] }),
    });

    // One proxy for every function of every service stack (BP-V6, V8): IAM auth and TLS required.
    this.proxy = new rds.DatabaseProxy(this, 'Proxy', {
      proxyTarget: rds.ProxyTarget.fromInstance(database),
      secrets: [database.secret!],
      vpc: this.vpc,
      vpcSubnets: isolated,
      iamAuth: true,
      requireTLS: true,
      dbProxyName: 'orders-proxy',
    });
  }
}

interface ServiceStackProps extends StackProps {
  readonly network: NetworkStack;
}

/** The service stack: the functions. It depends on the network stack. */
class ServiceStack extends Stack {
  constructor(scope: App, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const { vpc, proxy } = props.network;
    const alerts = new sns.Topic(this, 'Alerts', { masterKey: kms.Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns'), enforceSSL: true });

    // Notifications are sent through a queue; the worker rolls out new versions as a canary.
    const notifications = new QueueWorker(this, 'Notifications', {
      functionProps: {
        entry: path.join(__dirname, '..', 'queue-worker', 'handler.ts'),
        alarms: { topic: alerts },
        deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES },
      },
    });

    // Two functions share the network stack's proxy, as two database users. The rules that admit them to
    // the proxy and to the SQS endpoint are created here, in the service stack.
    const database = { proxy, port: 5432, databaseName: 'orders' };
    const writer = new VpcFunction(this, 'OrdersWriter', {
      functionProps: {
        entry: path.join(__dirname, '..', 'vpc-function', 'handler.ts'),
        alarms: { topic: alerts },
        environment: { NOTIFICATIONS_QUEUE_URL: notifications.queue.queueUrl },
      },
      vpc,
      interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SQS],
      proxy: { ...database, user: 'orders_writer' },
    });
    notifications.grantSendMessages(writer.function);

    new VpcFunction(this, 'OrdersReader', {
      functionProps: { entry: path.join(__dirname, '..', 'vpc-function', 'handler.ts'), alarms: { topic: alerts } },
      vpc,
      proxy: { ...database, user: 'orders_reader' },
    });
  }
}

const app = new App();
const network = new NetworkStack(app, 'MultiStackNetwork', { description: 'cdk-serverless-patterns example: the network stack (VPC, database, RDS Proxy)' });
new ServiceStack(app, 'MultiStackService', { network, description: 'cdk-serverless-patterns example: the service stack (functions)' });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
