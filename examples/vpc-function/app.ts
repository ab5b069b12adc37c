/**
 * Two VpcFunctions in one VPC share one RDS Proxy in front of an RDS for PostgreSQL database
 * (BP-V8). The functions authenticate with IAM tokens over TLS; no password reaches them.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ServerlessPatternsChecks, VpcFunction } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'VpcFunctionExample', {
  description: 'cdk-serverless-patterns example: VpcFunctions sharing an RDS Proxy',
});

const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});

// The network: private subnets in two AZs, no NAT gateway, flow logs.
const vpc = new ec2.Vpc(stack, 'Vpc', {
  maxAzs: 2,
  natGateways: 0,
  subnetConfiguration: [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
  flowLogs: { all: { trafficType: ec2.FlowLogTrafficType.ALL } },
});
// The VPC's default security group is emptied by a custom-resource function of aws-cdk-lib's own (the
// restrictDefaultSecurityGroup flag); its runtime settings are aws-cdk-lib's, not this app's.
Validations.of(stack.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider')).acknowledge(
  ...['SP-F1', 'SP-F5', 'SP-F6', 'SP-F14'].map(rule => ({ id: rule, reason: 'aws-cdk-lib\'s own custom-resource provider (restrictDefaultSecurityGroup); not a function of this app.' })),
);

// The database, configured the way cdk-nag expects of a production database.
const database = new rds.DatabaseInstance(stack, 'Database', {
  engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_9 }),
  vpc,
  vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
  port: 5433, // not the default port (AwsSolutions-RDS11); the proxy still listens on 5432
  multiAz: true,
  storageEncrypted: true,
  deletionProtection: true,
  iamAuthentication: true,
  backupRetention: Duration.days(7),
  cloudwatchLogsExports: ['postgresql'],
  monitoringInterval: Duration.seconds(60), // enhanced monitoring: OS metrics every minute
  credentials: rds.Credentials.fromGeneratedSecret('postgres'),
});
Validations.of(database).acknowledge({
  id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole]',
  reason: 'RDS enhanced monitoring needs this AWS-managed policy on its monitoring role; it is not a function role.',
});

// Rotate the administrator secret monthly with a Secrets Manager-hosted rotation function in the VPC
// (it reaches Secrets Manager through the interface endpoint below).
const rotationSecurityGroup = new ec2.SecurityGroup(stack, 'RotationSecurityGroup', { vpc, description: 'Secret rotation function' });
database.connections.allowDefaultPortFrom(rotationSecurityGroup, 'Secret rotation');
database.secret!.addRotationSchedule('Rotation', {
  automaticallyAfter: Duration.days(30),
  hostedRotation: secretsmanager.HostedRotation.postgreSqlSingleUser({
    vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, securityGroups: [rotationSecurityGroup],
  }),
});

const handler = path.join(__dirname, 'handler.ts');

// The first function creates the proxy (IAM auth and TLS required) and adds the S3 and DynamoDB
// gateway endpoints and a Secrets Manager interface endpoint to the VPC.
const writer = new VpcFunction(stack, 'OrdersWriter', {
  functionProps: { entry: handler, alarms: { topic: alerts } },
  vpc,
  interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER],
  database: {
    proxyTarget: rds.ProxyTarget.fromInstance(database),
    secret: database.secret!,
    user: 'orders_writer',
    databaseName: 'orders',
  },
});

// The second shares the VPC, its endpoints and the proxy, as another database user.
new VpcFunction(stack, 'OrdersReader', {
  functionProps: { entry: handler, alarms: { topic: alerts } },
  vpc,
  proxy: { proxy: writer.proxy!, user: 'orders_reader', port: writer.databasePort!, databaseName: 'orders' },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
