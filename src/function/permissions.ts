import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../private/nag';

/** What the execution role must allow, beyond grants added later. */
export interface BasePermissions {
  readonly logGroup: logs.ILogGroupRef;
  readonly tracing: lambda.Tracing;
  /** The function runs in a VPC and manages its network interfaces (BP-V7). */
  readonly inVpc: boolean;
}

const WILDCARD_REASON =
  'AWS requires Resource "*" here: X-Ray PutTraceSegments/PutTelemetryRecords have no resource-level permissions, and Lambda\'s ' +
  'network-interface actions (Describe*, CreateNetworkInterface before the interface exists) and DynamoDB ListStreams do not either (BP-F14, V7, K1). ' +
  'These statements sit in the role\'s own inline policy; grants added later go to its DefaultPolicy and are judged on their own.';

function baseStatements(p: BasePermissions): { statements: iam.PolicyStatement[]; wildcard: boolean } {
  const statements = [new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [p.logGroup.logGroupRef.logGroupArn],
  })];
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
  const role = new iam.Role(scope, 'ServiceRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description,
    inlinePolicies: { ServerlessFunction: document },
  });
  // The same statement is seen by two packs: AwsSolutions-IAM5 and Serverless-LambdaStarPermissions
  // (which reads a Lambda role's inline policies).
  const acknowledgeWildcard = () => acknowledge(role.node.defaultChild!, WILDCARD_REASON, 'AwsSolutions-IAM5[Resource::*]', 'Serverless-LambdaStarPermissions');
  if (wildcard) acknowledgeWildcard();
  return { role, base: { add: (s, star) => { document.addStatements(s); if (star && !wildcard) acknowledgeWildcard(); } } };
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
