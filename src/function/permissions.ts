import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { acknowledge } from '../private/nag';

/**
 * The function's own role (BP-F14): trusted by Lambda only, no AWS managed policy
 * (not even AWSLambdaBasicExecutionRole, which may write to every log group).
 */
export function createFunctionRole(scope: Construct, description: string): iam.Role {
  return new iam.Role(scope, 'ServiceRole', {
    assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    description,
  });
}

/** Lets the role write to exactly one log group (BP-F14). */
export function grantWriteToOwnLogGroup(role: iam.IRole, logGroup: logs.ILogGroupRef): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
    resources: [logGroup.logGroupRef.logGroupArn],
  }));
}

/**
 * Active tracing (BP-F5) with its permissions in a policy of their own, so the one wildcard
 * X-Ray requires is acknowledged exactly there and nowhere else (BP-F14, X2).
 *
 * aws-lambda would add the same statement to the role's default policy, which also carries
 * the user's own grants; acknowledging there could hide a wildcard the user wrote.
 */
export function enableTracing(scope: Construct, fn: lambda.Function, role: iam.IRole, mode: lambda.Tracing): void {
  if (mode === lambda.Tracing.DISABLED) return;
  (fn.node.defaultChild as lambda.CfnFunction).tracingConfig = { mode };
  const policy = new iam.Policy(scope, 'TracingPolicy', {
    statements: [new iam.PolicyStatement({
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
      resources: ['*'],
    })],
  });
  policy.attachToRole(role);
  // The function must not start before it may send traces.
  fn.node.addDependency(policy);
  acknowledge(policy,
    'X-Ray PutTraceSegments and PutTelemetryRecords do not support resource-level permissions; AWS requires Resource "*" (BP-F14).',
    'AwsSolutions-IAM5[Resource::*]');
}
