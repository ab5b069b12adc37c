import { Fn, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { fail } from '../private/validation';

/**
 * A VPC for functions (BP-V2): two AZs, private subnets only, no NAT gateway unless asked (then one
 * per AZ), flow logs to a log group with retention.
 */
export function createFunctionVpc(scope: Construct, internetAccess: boolean): ec2.Vpc {
  const flowLogs = new logs.LogGroup(scope, 'FlowLogs', { retention: logs.RetentionDays.ONE_MONTH });
  return new ec2.Vpc(scope, 'Vpc', {
    // The first two AZs of the region, resolved at deploy time: no AZ names written into the
    // template (cfn-lint W3010), the same template for every region.
    availabilityZones: [0, 1].map(i => Fn.select(i, Fn.getAzs())),
    natGateways: internetAccess ? 2 : 0,
    subnetConfiguration: internetAccess
      ? [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
      ]
      : [{ name: 'private', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 22 }],
    flowLogs: {
      all: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL },
    },
  });
}

/**
 * The function's subnets must be private and span at least two AZs (BP-V1). Unresolved AZs
 * (an imported VPC without known AZs) are not checked.
 */
export function checkFunctionSubnets(scope: IConstruct, vpc: ec2.IVpc, selection: ec2.SubnetSelection | undefined): ec2.SubnetSelection {
  const effective = selection ?? { subnets: vpc.privateSubnets.length > 0 ? vpc.privateSubnets : vpc.isolatedSubnets };
  if (selection?.subnetType === ec2.SubnetType.PUBLIC) {
    fail(scope, {
      rule: 'V1',
      prop: 'vpcSubnets',
      value: 'subnetType PUBLIC',
      allowed: 'private subnets only',
      fix: 'select PRIVATE_WITH_EGRESS or PRIVATE_ISOLATED subnets: a function in a public subnet gets no public IP and no internet access.',
    });
  }
  const selected = vpc.selectSubnets(effective);
  const publicIds = new Set(vpc.publicSubnets.map(s => s.subnetId));
  const publicChosen = selected.subnets.filter(s => publicIds.has(s.subnetId));
  if (selected.subnets.length === 0 || publicChosen.length > 0) {
    fail(scope, {
      rule: 'V1',
      prop: 'vpcSubnets',
      value: selected.subnets.length === 0 ? 'no private subnet (the VPC has none)' : `${publicChosen.length} public subnet(s)`,
      allowed: 'private subnets only',
      fix: 'give the VPC private subnets in two AZs, and select them.',
    });
  }
  const azs = selected.subnets.map(s => s.availabilityZone);
  if (!azs.some(az => Token.isUnresolved(az)) && new Set(azs).size < 2) {
    fail(scope, {
      rule: 'V1',
      prop: 'vpcSubnets',
      value: `subnets in ${new Set(azs).size} AZ (${[...new Set(azs)].join(', ')})`,
      allowed: 'subnets in at least 2 AZs',
      fix: 'select private subnets in two or more AZs, so one AZ\'s outage does not stop the function.',
    });
  }
  return effective;
}

/** The gateway endpoints every function VPC gets (free): S3 and DynamoDB, once per VPC (BP-V3). */
export function ensureGatewayEndpoints(vpc: ec2.IVpc): ec2.IGatewayVpcEndpoint[] {
  const wanted: [string, ec2.GatewayVpcEndpointAwsService][] = [
    ['S3GatewayEndpoint', ec2.GatewayVpcEndpointAwsService.S3],
    ['DynamoDbGatewayEndpoint', ec2.GatewayVpcEndpointAwsService.DYNAMODB],
  ];
  return wanted.map(([id, service]) =>
    (vpc.node.tryFindChild(id) as ec2.GatewayVpcEndpoint | undefined) ?? vpc.addGatewayEndpoint(id, { service }));
}

/**
 * Interface endpoints with private DNS, once per VPC and service, behind one security group per VPC
 * that admits the given functions on 443 (BP-V4).
 */
export function ensureInterfaceEndpoints(
  vpc: ec2.IVpc, services: ec2.InterfaceVpcEndpointAwsService[], subnets: ec2.SubnetSelection, client: ec2.ISecurityGroup,
): ec2.InterfaceVpcEndpoint[] {
  if (services.length === 0) return [];
  const sgId = 'InterfaceEndpointsSecurityGroup';
  const sg = (vpc.node.tryFindChild(sgId) as ec2.SecurityGroup | undefined) ?? new ec2.SecurityGroup(vpc, sgId, {
    vpc, description: 'Interface VPC endpoints: HTTPS from the functions of this VPC', allowAllOutbound: false,
  });
  sg.addIngressRule(client, ec2.Port.tcp(443), `HTTPS from ${client.node.path}`);
  return services.map(service => {
    const id = `${service.shortName.replace(/[^A-Za-z0-9]/g, '')}InterfaceEndpoint`;
    return (vpc.node.tryFindChild(id) as ec2.InterfaceVpcEndpoint | undefined) ?? vpc.addInterfaceEndpoint(id, {
      service, privateDnsEnabled: true, subnets, securityGroups: [sg], open: false,
    });
  });
}
