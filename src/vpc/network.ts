import { Annotations, Fn, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, IConstruct } from 'constructs';
import { ec2Description } from '../private/naming';
import { selectSubnetsOrFail } from '../private/subnets';
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
  if (!selection && vpc.privateSubnets.length + vpc.isolatedSubnets.length === 0) {
    fail(scope, {
      rule: 'V1',
      prop: 'vpcSubnets',
      value: 'no private subnet (the VPC has none)',
      allowed: 'private subnets only',
      fix: 'give the VPC private subnets in two AZs, and select them.',
    });
  }
  const selected = selectSubnetsOrFail(scope, vpc, effective, 'vpcSubnets');
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

/**
 * The gateway endpoints every function VPC gets (free): S3 and DynamoDB, once per VPC (BP-V3).
 *
 * - A VPC defined in this app (`ec2.Vpc`): added, unless the VPC already has a gateway endpoint for the
 *   service (added by this library or by the user under any construct ID), which is reused.
 * - An imported VPC: its existing endpoints cannot be seen at synth time, and a second endpoint for the same
 *   route tables fails the deployment, so nothing is added unless `requested` is true; then the route
 *   tables must be known (`Vpc.fromVpcAttributes` with the subnets' route-table IDs).
 */
export function ensureGatewayEndpoints(
  scope: IConstruct, vpc: ec2.IVpc, requested: boolean | undefined, subnets: ec2.SubnetSelection,
): ec2.IGatewayVpcEndpoint[] {
  if (requested === false) return [];
  const ownVpc = vpc instanceof ec2.Vpc;
  if (!ownVpc && requested === undefined) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:gatewayEndpointsImportedVpc',
      '[V3] The VPC is imported: no S3 or DynamoDB gateway endpoint was added, because its existing endpoints cannot be seen at synth time. ' +
      'Make sure it has them (they are free), or set gatewayEndpoints: true to add them (the route-table IDs must be given to Vpc.fromVpcAttributes).');
    return [];
  }
  if (!ownVpc) {
    const missing = vpc.selectSubnets(subnets).subnets.filter(s => !routeTableIdOf(s));
    if (missing.length > 0) {
      fail(scope, {
        rule: 'V3',
        prop: 'gatewayEndpoints',
        value: `true for an imported VPC whose subnets have no route-table IDs (${missing.length} subnet(s))`,
        allowed: 'gateway endpoints only on route tables that are known at synth time',
        fix: 'pass privateSubnetRouteTableIds / isolatedSubnetRouteTableIds to Vpc.fromVpcAttributes, or set gatewayEndpoints: false if the VPC has its endpoints already.',
      });
    }
  }
  const wanted: [string, ec2.GatewayVpcEndpointAwsService][] = [
    ['S3GatewayEndpoint', ec2.GatewayVpcEndpointAwsService.S3],
    ['DynamoDbGatewayEndpoint', ec2.GatewayVpcEndpointAwsService.DYNAMODB],
  ];
  return wanted.flatMap(([id, service]) => {
    const mine = vpc.node.tryFindChild(id) as ec2.GatewayVpcEndpoint | undefined;
    if (mine) return [mine];
    if (hasGatewayEndpoint(vpc, service)) return [];
    return [vpc.addGatewayEndpoint(id, { service })];
  });
}

/** The route table of an imported subnet, without aws-cdk-lib's own error for one that has none. */
function routeTableIdOf(subnet: ec2.ISubnet): string | undefined {
  try {
    return subnet.routeTable?.routeTableId;
  } catch {
    return undefined;
  }
}

/**
 * Whether the VPC (defined in this app) already has a gateway endpoint for `service`, under any ID. Service
 * names are compared as written, never resolved (a user's endpoint may carry a token that is not ready yet):
 * aws-cdk-lib's service objects encode the region token identically, and a literal name
 * (`com.amazonaws.eu-west-1.s3`) is recognised by its last part.
 */
function hasGatewayEndpoint(vpc: ec2.IVpc, service: ec2.GatewayVpcEndpointAwsService): boolean {
  const short = service.name.split('.').pop();
  return vpc.node.findAll().some(c => c instanceof ec2.CfnVPCEndpoint
    && (c.vpcEndpointType ?? 'Gateway') === 'Gateway'
    && c.serviceName !== undefined
    && (c.serviceName === service.name
      || (!Token.isUnresolved(c.serviceName) && /^com\.amazonaws\.[a-z0-9-]+\./.test(c.serviceName) && c.serviceName.split('.').pop() === short)));
}

/**
 * Interface endpoints with private DNS, once per VPC and service, behind one security group per VPC
 * that admits the given functions on 443 (BP-V4). The rule that admits a function is created on the
 * function's side (`connections.allowTo`), so a VPC in a network stack never depends on a service stack.
 */
export function ensureInterfaceEndpoints(
  vpc: ec2.IVpc, services: ec2.InterfaceVpcEndpointAwsService[], subnets: ec2.SubnetSelection, client: ec2.ISecurityGroup,
  clientPath: string,
): ec2.InterfaceVpcEndpoint[] {
  if (services.length === 0) return [];
  const sgId = 'InterfaceEndpointsSecurityGroup';
  const sg = (vpc.node.tryFindChild(sgId) as ec2.SecurityGroup | undefined) ?? new ec2.SecurityGroup(vpc, sgId, {
    vpc, description: 'Interface VPC endpoints: HTTPS from the functions of this VPC', allowAllOutbound: false,
  });
  admit(sg, client, ec2.Port.tcp(443), `HTTPS from ${clientPath}`);
  return services.map(service => {
    const id = `${service.shortName.replace(/[^A-Za-z0-9]/g, '')}InterfaceEndpoint`;
    return (vpc.node.tryFindChild(id) as ec2.InterfaceVpcEndpoint | undefined) ?? vpc.addInterfaceEndpoint(id, {
      service, privateDnsEnabled: true, subnets, securityGroups: [sg], open: false,
    });
  });
}

/**
 * Lets `client` reach `target` on `port` (BP-V5): an ingress rule on the target's security groups that
 * names the client's group, never an address. It is a "remote" rule: when the two groups are in different
 * stacks, aws-cdk-lib creates it in the client's (the dependent) stack, so a network stack never depends on
 * a service stack. The client's egress is already open (its group allows all outbound), so no egress rule.
 */
export function admit(target: ec2.IConnectable, client: ec2.ISecurityGroup, port: ec2.Port, description: string): void {
  for (const sg of target.connections.securityGroups) sg.addIngressRule(client, port, ec2Description(description), true);
}
