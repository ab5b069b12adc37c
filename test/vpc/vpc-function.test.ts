import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { VpcFunction } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

function database(stack: Stack, vpc: ec2.IVpc): rds.DatabaseInstance {
  return new rds.DatabaseInstance(stack, 'Db', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    credentials: rds.Credentials.fromGeneratedSecret('postgres'),
  });
}

/** Two private-isolated subnets in two AZs, as a user's own VPC. */
function userVpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'UserVpc', { maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'p', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
}

describe('VpcFunction', () => {
  test('BP-V1: the function runs in the private subnets of two AZs', () => {
    const stack = testStack();
    const f = new VpcFunction(stack, 'Fn', { functionProps: { code: inlineCode() } });
    const t = Template.fromStack(stack);
    const subnets = (f.vpc as ec2.Vpc).isolatedSubnets.map(s => stack.resolve(s.subnetId));
    expect(subnets).toHaveLength(2);
    t.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: { SubnetIds: subnets } });
  });

  test('BP-V2: a created VPC has 2 AZs, private subnets only, no NAT gateway, and flow logs', () => {
    const stack = testStack();
    new VpcFunction(stack, 'Fn', { functionProps: { code: inlineCode() } });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::Subnet', 2);
    t.resourceCountIs('AWS::EC2::NatGateway', 0);
    t.resourceCountIs('AWS::EC2::InternetGateway', 0);
    t.hasResourceProperties('AWS::EC2::Subnet', { MapPublicIpOnLaunch: false, AvailabilityZone: { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] } });
    t.hasResourceProperties('AWS::EC2::FlowLog', { TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
  });

  test('BP-V2: internet access only when asked: one NAT gateway per AZ', () => {
    const stack = testStack();
    new VpcFunction(stack, 'Fn', { functionProps: { code: inlineCode() }, internetAccess: true });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::NatGateway', 2);
    const fn = Object.values(t.findResources('AWS::Lambda::Function'))[0] as { Properties: { VpcConfig: { SubnetIds: { Ref: string }[] } } };
    for (const s of fn.Properties.VpcConfig.SubnetIds) expect(s.Ref).toMatch(/privateSubnet/);
  });

  test('BP-V3: S3 and DynamoDB gateway endpoints, once however many functions share the VPC', () => {
    const stack = testStack();
    const vpc = userVpc(stack);
    new VpcFunction(stack, 'A', { functionProps: { code: inlineCode() }, vpc });
    new VpcFunction(stack, 'B', { functionProps: { code: inlineCode() }, vpc });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.s3']] } });
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Gateway', ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, '.dynamodb']] } });
  });

  test('BP-V3: gateway endpoints can be skipped for a VPC that has them', () => {
    const stack = testStack();
    new VpcFunction(stack, 'A', { functionProps: { code: inlineCode() }, vpc: userVpc(stack), gatewayEndpoints: false });
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPCEndpoint', 0);
  });

  test('BP-V4: interface endpoints with private DNS, once per service, admitting the functions on 443', () => {
    const stack = testStack();
    const vpc = userVpc(stack);
    const services = [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER, ec2.InterfaceVpcEndpointAwsService.SQS];
    const a = new VpcFunction(stack, 'A', { functionProps: { code: inlineCode() }, vpc, interfaceEndpoints: services });
    const b = new VpcFunction(stack, 'B', { functionProps: { code: inlineCode() }, vpc, interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SQS] });
    const t = Template.fromStack(stack);
    const interfaces = t.findResources('AWS::EC2::VPCEndpoint', { Properties: { VpcEndpointType: 'Interface' } });
    expect(Object.keys(interfaces)).toHaveLength(2);
    t.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcEndpointType: 'Interface', PrivateDnsEnabled: true });
    for (const f of [a, b]) {
      t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
        IpProtocol: 'tcp', FromPort: 443, ToPort: 443, SourceSecurityGroupId: stack.resolve(f.securityGroup.securityGroupId),
      });
    }
  });

  test('BP-V5: a dedicated security group with no inbound rules', () => {
    const stack = testStack();
    const f = new VpcFunction(stack, 'Fn', { functionProps: { code: inlineCode() } });
    const t = Template.fromStack(stack);
    const sgId = stack.resolve(f.securityGroup.securityGroupId)['Fn::GetAtt'][0];
    const sg = t.findResources('AWS::EC2::SecurityGroup')[sgId] as { Properties: Record<string, unknown> };
    expect(sg.Properties.SecurityGroupIngress).toBeUndefined();
    const ingressToFn = Object.values(t.findResources('AWS::EC2::SecurityGroupIngress'))
      .filter(r => JSON.stringify((r as { Properties: { GroupId: unknown } }).Properties.GroupId).includes(sgId));
    expect(ingressToFn).toHaveLength(0);
    t.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': [sgId, 'GroupId'] }] } });
  });

  test('BP-V6: RDS Proxy with IAM auth and TLS required, pool settings, rds-db:connect for one user, endpoint in the environment', () => {
    const stack = testStack();
    const vpc = userVpc(stack);
    const db = database(stack, vpc);
    const f = new VpcFunction(stack, 'Fn', {
      functionProps: { code: inlineCode() },
      vpc,
      database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'orders_app', databaseName: 'orders' },
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::RDS::DBProxy', {
      EngineFamily: 'POSTGRESQL', RequireTLS: true, Auth: [Match.objectLike({ IAMAuth: 'REQUIRED', AuthScheme: 'SECRETS' })],
    });
    t.hasResourceProperties('AWS::RDS::DBProxyTargetGroup', {
      ConnectionPoolConfigurationInfo: { MaxConnectionsPercent: 90, MaxIdleConnectionsPercent: 50, ConnectionBorrowTimeout: 30 },
    });
    const [proxy] = logicalIdsOf(t, 'AWS::RDS::DBProxy');
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { DB_PROXY_ENDPOINT: { 'Fn::GetAtt': [proxy, 'Endpoint'] }, DB_PORT: '5432', DB_USER: 'orders_app', DB_NAME: 'orders' } },
    });
    const policies = JSON.stringify(t.findResources('AWS::IAM::Policy'));
    expect(policies).toContain('rds-db:connect');
    expect(policies).toContain('/orders_app');
    const fnEnv = JSON.stringify(t.findResources('AWS::Lambda::Function'));
    expect(fnEnv).not.toMatch(/PASSWORD|secretsmanager/i);
    expect(f.databasePort).toBe(5432);
  });

  test('BP-V5: the proxy admits the function by security group, on the database port', () => {
    const stack = testStack();
    const vpc = userVpc(stack);
    const db = database(stack, vpc);
    const f = new VpcFunction(stack, 'Fn', { functionProps: { code: inlineCode() }, vpc, database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'app' } });
    Template.fromStack(stack).hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: stack.resolve(f.securityGroup.securityGroupId),
    });
  });

  test('BP-V7: network-interface permissions inline, no AWS managed policy', () => {
    const stack = testStack();
    new VpcFunction(stack, 'Fn', { functionProps: { code: inlineCode() } });
    const t = Template.fromStack(stack);
    expect(JSON.stringify(t.findResources('AWS::IAM::Role'))).not.toContain('AWSLambdaVPCAccessExecutionRole');
    expect(JSON.stringify(t.findResources('AWS::IAM::Role'))).not.toContain('ManagedPolicyArns');
    t.hasResourceProperties('AWS::IAM::Role', {
      Policies: [{
        PolicyName: 'ServerlessFunction',
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Action: Match.arrayWith(['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface']), Resource: '*' }),
          ]),
        },
      }],
    });
  });

  test('BP-V8: two VpcFunctions share one VPC and one proxy', () => {
    const stack = testStack();
    const vpc = userVpc(stack);
    const db = database(stack, vpc);
    const writer = new VpcFunction(stack, 'Writer', {
      functionProps: { code: inlineCode() }, vpc, database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'writer' },
    });
    const reader = new VpcFunction(stack, 'Reader', {
      functionProps: { code: inlineCode() }, vpc, proxy: { proxy: writer.proxy!, user: 'reader', port: writer.databasePort! },
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::RDS::DBProxy', 1);
    t.resourceCountIs('AWS::EC2::VPC', 1);
    t.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    expect(reader.proxy).toBe(writer.proxy);
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ DB_USER: 'reader', DB_PORT: '5432' }) } });
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 5432, SourceSecurityGroupId: stack.resolve(reader.securityGroup.securityGroupId) });
  });
});
