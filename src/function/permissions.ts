import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge, nagResource } from '../private/nag';
import { fail } from '../private/validation';

/** What the execution role must allow, beyond grants added later. */
export interface BasePermissions {
  readonly logGroup: logs.ILogGroupRef;
  readonly tracing: lambda.Tracing;
  /** The function runs in a VPC and manages its network interfaces (BP-V7). */
  readonly inVpc: boolean;
  /**
   * A Lambda@Edge function (BP-L3): the role is also trusted by `edgelambda.amazonaws.com`, and the function writes to
   * the log group of this name in every region where CloudFront runs it (a custom log group keeps its name in every
   * region, CloudFront "Edge function logs"), creating it there on the first write.
   */
  readonly edgeLogGroupName?: string;
}

const WILDCARD_REASON =
  'AWS requires Resource "*" here: X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions, and Lambda\'s ' +
  'network-interface actions (Describe*, CreateNetworkInterface before the interface exists) and DynamoDB ListStreams do not either (BP-F14, V7, K1). ' +
  'These statements sit in the role\'s own inline policy; grants added later go to its DefaultPolicy and are judged on their own.';

function baseStatements(p: BasePermissions): { statements: iam.PolicyStatement[]; wildcard: boolean } {
  const statements = [p.edgeLogGroupName === undefined
    ? new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [p.logGroup.logGroupRef.logGroupArn] })
    : new iam.PolicyStatement({ actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], resources: edgeLogArns(p.edgeLogGroupName) })];
  const tracing = p.tracing !== lambda.Tracing.DISABLED;
  if (tracing) {
    statements.push(new iam.PolicyStatement({ actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }));
  }
  if (p.inVpc) {
    statements.push(new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets',
        'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      resources: ['*'],
    }));
  }
  return { statements, wildcard: tracing || p.inVpc };
}

/**
 * The function's own role (BP-F14): trusted by Lambda only, no AWS managed policy (not even
 * AWSLambdaBasicExecutionRole, which may write to every log group, nor AWSLambdaVPCAccessExecutionRole,
 * BP-V7). What every function needs — its own log group, X-Ray, network interfaces in a VPC — is the
 * role's inline policy: no extra policy resource, and the one wildcard AWS requires is acknowledged on
 * exactly that policy.
 */
export function createFunctionRole(scope: Construct, description: string, p: BasePermissions): { role: iam.Role; base: BasePolicy } {
  const { statements, wildcard } = baseStatements(p);
  const document = new iam.PolicyDocument({ statements });
  let acknowledged = wildcard;
  const base: BasePolicy = {
    add: (s, star) => {
      document.addStatements(s);
      if (star && !acknowledged) {
        acknowledgeWildcard();
        acknowledged = true;
      }
    },
  };
  const lambdaPrincipal = new iam.ServicePrincipal('lambda.amazonaws.com');
  const role = new FunctionRole(scope, 'ServiceRole', {
    // Lambda@Edge: both principals may assume the role ("Restrictions on Lambda@Edge", BP-L3).
    assumedBy: p.edgeLogGroupName === undefined ? lambdaPrincipal : new iam.CompositePrincipal(lambdaPrincipal, new iam.ServicePrincipal('edgelambda.amazonaws.com')),
    description,
    inlinePolicies: { ServerlessFunction: document },
  }, base);
  // The same statement is seen by two packs: AwsSolutions-IAM5 and Serverless-LambdaStarPermissions
  // (which reads a Lambda role's inline policies).
  const acknowledgeWildcard = () => acknowledge(role.node.defaultChild!, WILDCARD_REASON, 'AwsSolutions-IAM5[Resource::*]', 'Serverless-LambdaStarPermissions');
  if (wildcard) acknowledgeWildcard();
  if (p.edgeLogGroupName !== undefined) {
    acknowledge(role.node.defaultChild!, EDGE_LOGS_REASON, ...edgeLogArns(p.edgeLogGroupName).map(arn => `AwsSolutions-IAM5[Resource::${nagResource(scope, arn, '')}]`));
  }
  return { role, base };
}

const EDGE_LOGS_REASON = 'Lambda@Edge runs the function in the region nearest the viewer and writes its logs there, to the log group of the ' +
  'same name in each region (CloudFront "Edge function logs"): the region is the one wildcard, the log group is this function\'s own (BP-L3).';

/** The log group of a Lambda@Edge function in any region of the account, and its streams (BP-L3). */
function edgeLogArns(name: string): string[] {
  const group = `arn:${Aws.PARTITION}:logs:*:${Aws.ACCOUNT_ID}:log-group:${name}`;
  return [group, `${group}:*`];
}

/**
 * The AWS managed policies aws-cdk-lib attaches to a function's role for a feature, and the inline statements that
 * give the same access the least-privilege way (BP-F14, F19). ENI actions have no resource-level permissions.
 */
const MANAGED_POLICY_EQUIVALENTS: { [name: string]: (stack: Stack) => { statement: iam.PolicyStatement; star: boolean }[] } = {
  // ManagedKafkaEventSource: Lambda's poller reaches the cluster through network interfaces in its VPC, with the
  // execution role ("Lambda execution role permissions for Amazon MSK"); the cluster actions are scoped by
  // ServerlessFunction.addEventSource to the cluster's ARN, besides aws-cdk-lib's own scoped statement.
  'service-role/AWSLambdaMSKExecutionRole': () => [{
    statement: new iam.PolicyStatement({
      actions: ['ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs', 'ec2:DeleteNetworkInterface',
        'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups'],
      resources: ['*'],
    }),
    star: true,
  }],
  // insightsVersion: the Lambda Insights extension writes to its own log group.
  'CloudWatchLambdaInsightsExecutionRolePolicy': stack => [{
    statement: new iam.PolicyStatement({
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: '/aws/lambda-insights:*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
    }),
    star: false,
  }],
};

/**
 * The library's function role: an AWS managed policy that aws-cdk-lib (or anyone) attaches for a feature is replaced
 * by its inline equivalent in the role's base policy; one the library does not know fails, naming the fix (BP-F14,
 * F19). Customer managed policies (the user's own) are attached as given.
 */
class FunctionRole extends iam.Role {
  constructor(scope: Construct, id: string, props: iam.RoleProps, private readonly base: BasePolicy) {
    super(scope, id, props);
  }

  public addManagedPolicy(policy: iam.IManagedPolicy): void {
    const name = /:iam::aws:policy\/(.+)$/.exec(policy.managedPolicyArn)?.[1];
    if (name === undefined) {
      super.addManagedPolicy(policy);
      return;
    }
    const equivalent = MANAGED_POLICY_EQUIVALENTS[name];
    if (!equivalent) {
      fail(this, {
        rule: 'F19',
        prop: 'the function\'s role',
        value: `the AWS managed policy ${name}`,
        allowed: 'no AWS managed policy on a ServerlessFunction\'s role: its permissions go inline, least privilege (BP-F14)',
        fix: `grant what the feature needs with fn.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources })) or a grant method (queue.grantConsumeMessages(fn)), instead of ${name}.`,
      });
    }
    for (const { statement, star } of equivalent(Stack.of(this))) this.base.add(statement, star);
  }
}

/**
 * The policy with the base permissions, for the other statements AWS requires on `Resource: "*"` (the
 * DynamoDB `ListStreams` a stream consumer needs): they join the acknowledged statements, not the DefaultPolicy.
 */
export interface BasePolicy {
  /** Adds a statement; `star` when its resource is `*` (the acknowledgement then covers it). */
  add(statement: iam.PolicyStatement, star: boolean): void;
}

/**
 * For a role the user brings: the same statements, in a policy of their own attached to it, with the
 * same precise acknowledgement.
 */
export function grantBasePermissions(scope: Construct, role: iam.IRole, p: BasePermissions): BasePolicy {
  const { statements, wildcard } = baseStatements(p);
  const policy = new iam.Policy(scope, 'ServerlessFunctionPolicy', { statements });
  policy.attachToRole(role);
  const acknowledgeWildcard = () => acknowledge(policy, WILDCARD_REASON, 'AwsSolutions-IAM5[Resource::*]');
  if (wildcard) acknowledgeWildcard();
  return { add: (s, star) => { policy.addStatements(s); if (star && !wildcard) acknowledgeWildcard(); } };
}

/**
 * Active tracing (BP-F5), set on the function directly: aws-lambda would add its X-Ray statement to the
 * role's DefaultPolicy, where an acknowledgement could hide a wildcard the user wrote. The permission
 * comes with the base permissions instead.
 */
export function enableTracing(fn: lambda.Function, mode: lambda.Tracing): void {
  if (mode === lambda.Tracing.DISABLED) return;
  (fn.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode };
}

/**
 * A principal that stands for `role` but hands the statements grants add to `add`: a policy in another stack (a
 * pattern using an existing function, BP-R9), or a check first (a Lambda@Edge function's role, BP-L3).
 */
export function principalFor(role: iam.IRole, add: (statement: iam.PolicyStatement) => iam.AddToPrincipalPolicyResult): iam.IPrincipal {
  const principal: iam.IPrincipal = {
    get grantPrincipal() { return principal; },
    assumeRoleAction: role.assumeRoleAction,
    policyFragment: role.policyFragment,
    principalAccount: role.principalAccount,
    addToPrincipalPolicy: add,
  };
  return principal;
}
