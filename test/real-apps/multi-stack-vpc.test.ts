/**
 * VpcFunction in the layout real apps use: the VPC, database and proxy in a network stack, the functions in
 * a service stack (BP-V5, V8; design: "a rule that opens a shared resource is created on the dependent side").
 */
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { iamProxy, postgres, resourcesOf, synthAll, twoStackApp } from './helpers';
import { VpcFunction } from '../../src';
import { errorOf, expectViolation, inlineCode } from '../helpers';

describe('VpcFunction across a network stack and a service stack', () => {
  test('BP-V8: a proxy from the network stack is opened to the function from the service stack, no cycle', () => {
    const { app, network, service, vpc } = twoStackApp();
    const db = postgres(network, vpc);
    const proxy = iamProxy(network, vpc, db);
    db.connections.allowDefaultPortFrom(proxy);
    const fn = new VpcFunction(service, 'Orders', { functionProps: { code: inlineCode() }, vpc, proxy: { proxy, user: 'orders', port: 5432 } });
    const out = synthAll(app);
    expect(out.Service.dependsOn).toContain('Network');
    expect(out.Network.dependsOn).not.toContain('Service');
    // The ingress rule that admits the function lives in the service stack and points at the proxy's group.
    const rules = resourcesOf(out.Service.template, 'AWS::EC2::SecurityGroupIngress');
    expect(rules).toHaveLength(1);
    expect(rules[0][1]).toMatchObject({ FromPort: 5432, ToPort: 5432, IpProtocol: 'tcp', GroupId: { 'Fn::ImportValue': expect.stringContaining('Proxy') } });
    expect(rules[0][1].SourceSecurityGroupId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^OrdersSecurityGroup/), 'GroupId'] });
    expect(resourcesOf(out.Network.template, 'AWS::EC2::SecurityGroupIngress').map(([, p]) => JSON.stringify(p))).not.toContainEqual(expect.stringContaining('Service'));
    expect(fn.proxy).toBe(proxy);
  });

  test('BP-V6: rds-db:connect for a proxy in another stack splits an exported ARN, never Fn::GetStackOutput (recommended flags on)', () => {
    const { app, network, service, vpc } = twoStackApp({ '@aws-cdk/core:defaultCrossStackReferences': 'weak' });
    const db = postgres(network, vpc);
    const proxy = iamProxy(network, vpc, db);
    new VpcFunction(service, 'A', { functionProps: { code: inlineCode() }, vpc, proxy: { proxy, user: 'a', port: 5432 } });
    new VpcFunction(service, 'B', { functionProps: { code: inlineCode() }, vpc, proxy: { proxy, user: 'b', port: 5432 } });
    const out = synthAll(app);
    const policies = JSON.stringify(resourcesOf(out.Service.template, 'AWS::IAM::Policy'));
    // CloudFormation accepts Fn::ImportValue inside Fn::Split, not Fn::GetStackOutput (cfn-lint E1022).
    expect(policies).toContain('rds-db:connect');
    expect(policies).toMatch(/"Fn::Split":\[":",\{"Fn::ImportValue":"Network:ExportsOutputFnGetAttProxy[^"]*DBProxyArn[^"]*"\}\]/);
    expect(policies).not.toContain('Fn::GetStackOutput');
    // One export serves both functions.
    expect(Object.values(out.Network.template.Outputs).filter((o: any) => o.Export)).toHaveLength(1);
  });

  test('BP-V4: interface endpoints on a network-stack VPC admit the service-stack function from the service stack', () => {
    const { app, service, vpc } = twoStackApp();
    new VpcFunction(service, 'A', { functionProps: { code: inlineCode() }, vpc, interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] });
    new VpcFunction(service, 'B', { functionProps: { code: inlineCode() }, vpc, interfaceEndpoints: [ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER] });
    const out = synthAll(app);
    expect(out.Network.dependsOn).not.toContain('Service');
    // One endpoint and one endpoint security group (in the VPC's stack), two ingress rules (one per function, in the service stack).
    expect(resourcesOf(out.Network.template, 'AWS::EC2::VPCEndpoint').filter(([, p]) => p.VpcEndpointType === 'Interface')).toHaveLength(1);
    const rules = resourcesOf(out.Service.template, 'AWS::EC2::SecurityGroupIngress');
    expect(rules.map(([, p]) => p.FromPort)).toEqual([443, 443]);
  });

  test('BP-V8: database in another stack is refused with what to do (the proxy belongs next to it)', () => {
    const { network, service, vpc } = twoStackApp();
    const db = postgres(network, vpc);
    const message = errorOf(() => new VpcFunction(service, 'Orders', {
      functionProps: { code: inlineCode() }, vpc, database: { proxyTarget: rds.ProxyTarget.fromInstance(db), secret: db.secret!, user: 'orders' },
    }));
    expectViolation(message, 'V8', 'Service/Orders', 'database.proxyTarget', "a database in stack 'Network' while this VpcFunction is in stack 'Service'", 'a database in the same stack');
    expect(message).toContain('proxy: { proxy, user, port }');
  });

  test('BP-V6: a shared proxy of this app that does not require IAM auth and TLS is refused', () => {
    const { network, service, vpc } = twoStackApp();
    const db = postgres(network, vpc);
    const proxy = iamProxy(network, vpc, db, { iamAuth: false, requireTLS: false });
    const message = errorOf(() => new VpcFunction(service, 'Orders', { functionProps: { code: inlineCode() }, vpc, proxy: { proxy, user: 'orders', port: 5432 } }));
    expectViolation(message, 'V6', 'Service/Orders', 'proxy.proxy', 'a proxy without IAM authentication required and without TLS required', 'requires IAM authentication and TLS');
  });

  test('BP-V3: gateway endpoints added to a network-stack VPC stay in the network stack and are not duplicated', () => {
    const { app, network, service, vpc } = twoStackApp();
    vpc.addGatewayEndpoint('UsersOwnS3', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    new VpcFunction(service, 'A', { functionProps: { code: inlineCode() }, vpc });
    new VpcFunction(network, 'B', { functionProps: { code: inlineCode() }, vpc });
    const out = synthAll(app);
    const endpoints = resourcesOf(out.Network.template, 'AWS::EC2::VPCEndpoint');
    // The user's S3 endpoint is kept (not a second one on the same route tables); DynamoDB is added once.
    expect(endpoints.map(([id]) => id).sort()).toEqual([expect.stringMatching(/^VpcDynamoDbGatewayEndpoint/), expect.stringMatching(/^VpcUsersOwnS3/)]);
    expect(resourcesOf(out.Service.template, 'AWS::EC2::VPCEndpoint')).toHaveLength(0);
  });
});

describe('VpcFunction with an imported VPC (BP-V3)', () => {
  const attrs = { vpcId: 'vpc-1', availabilityZones: ['us-east-1a', 'us-east-1b'], isolatedSubnetIds: ['subnet-1', 'subnet-2'] };

  test('no gateway endpoints by default, and a warning that says why and what to do', () => {
    const { app, service } = twoStackApp();
    const vpc = ec2.Vpc.fromVpcAttributes(service, 'Imported', attrs);
    new VpcFunction(service, 'Fn', { functionProps: { code: inlineCode() }, vpc });
    const out = synthAll(app);
    expect(resourcesOf(out.Service.template, 'AWS::EC2::VPCEndpoint')).toHaveLength(0);
    const warnings = app.synth().getStackByName('Service').messages.filter(m => m.level === 'warning').map(m => String(m.entry.data));
    expect(warnings).toContainEqual(expect.stringContaining('[V3] The VPC is imported: no S3 or DynamoDB gateway endpoint was added'));
  });

  test('gatewayEndpoints: true without route-table IDs gets the library\'s message, not aws-cdk-lib\'s', () => {
    const { service } = twoStackApp();
    const vpc = ec2.Vpc.fromVpcAttributes(service, 'Imported', attrs);
    const message = errorOf(() => new VpcFunction(service, 'Fn', { functionProps: { code: inlineCode() }, vpc, gatewayEndpoints: true }));
    expectViolation(message, 'V3', 'Service/Fn', 'gatewayEndpoints', 'true for an imported VPC whose subnets have no route-table IDs (2 subnet(s))', 'route tables that are known');
  });

  test('gatewayEndpoints: true with route-table IDs adds both endpoints on those route tables', () => {
    const { app, service } = twoStackApp();
    const vpc = ec2.Vpc.fromVpcAttributes(service, 'Imported', { ...attrs, isolatedSubnetRouteTableIds: ['rtb-1', 'rtb-2'] });
    new VpcFunction(service, 'Fn', { functionProps: { code: inlineCode() }, vpc, gatewayEndpoints: true });
    const endpoints = resourcesOf(synthAll(app).Service.template, 'AWS::EC2::VPCEndpoint');
    expect(endpoints).toHaveLength(2);
    for (const [, p] of endpoints) expect(p.RouteTableIds).toEqual(['rtb-1', 'rtb-2']);
  });
});
