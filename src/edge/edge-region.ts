import { CfnElement, CrossStackReferences, ReferenceStrength, Stack, Stage, Token, Tokenization } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { principalFor } from '../function/permissions';
import { fail } from '../private/validation';

/** Where CloudFront takes Lambda@Edge functions from ("Restrictions on Lambda@Edge", BP-L2). */
export const EDGE_REGION = 'us-east-1';

/**
 * The scope a Lambda@Edge function is created in (BP-L2): `scope` itself in a us-east-1 stack; otherwise a stack in
 * us-east-1, one per stack that uses edge functions (its ID `<stack ID>-edge`, or `stackId`), beside it in the same
 * app or stage, in the same account, with the same tags.
 *
 * Why not aws-cdk-lib's `cloudfront.experimental.EdgeFunction` mechanism: it writes the version ARN to an SSM
 * parameter in us-east-1 and reads it back with a custom resource (a Lambda function of its own, with an AWS managed
 * policy) in the distribution's stack. Here the distribution's stack reads the ARN with `Fn::GetStackOutput` and its
 * Region argument (CloudFormation "Fn::GetStackOutput": cross-region references, no export needed), as aws-cdk-lib
 * writes a weak cross-stack reference: no custom resource, no extra function to judge or patch.
 */
export function edgeScope(scope: Construct, id: string, stackId: string | undefined): { scope: Construct; id: string; crossRegion: boolean } {
  const stack = Stack.of(scope);
  if (Token.isUnresolved(stack.region)) {
    fail(scope, {
      rule: 'L2',
      prop: 'the stack\'s env.region',
      value: 'not set (an environment-agnostic stack)',
      allowed: 'a stack with an explicit region: the function is deployed to us-east-1, and the stack reads its version from there',
      fix: 'give the stack env: { account, region } (e.g. region: process.env.CDK_DEFAULT_REGION).',
    });
  }
  if (stack.region === EDGE_REGION) return { scope, id, crossRegion: false };
  const stage = Stage.of(scope);
  if (!stage) {
    fail(scope, {
      rule: 'L2',
      prop: 'scope',
      value: 'a stack outside any CDK app or stage',
      allowed: 'a stack in an App or Stage, beside which the us-east-1 stack is created',
      fix: 'create the stack inside an App.',
    });
  }
  const edgeStackId = stackId ?? `${stack.node.id}-edge`;
  const existing = stage.node.tryFindChild(edgeStackId);
  if (existing !== undefined && !(Stack.isStack(existing) && existing.region === EDGE_REGION)) {
    fail(scope, {
      rule: 'L2',
      prop: 'stackId',
      value: `'${edgeStackId}' (already a construct that is not a us-east-1 stack)`,
      allowed: 'an ID free in the app, or the ID of a us-east-1 stack',
      fix: 'choose another stackId.',
    });
  }
  const edgeStack = (existing as Stack | undefined) ?? new Stack(stage, edgeStackId, {
    env: { region: EDGE_REGION, account: stack.account },
    tags: stack.tags.tagValues(),
    description: `Lambda@Edge functions of ${stack.node.path} (CloudFront takes them from us-east-1)`,
  });
  // The path of the construct keeps the IDs unique when many stacks share one edge stack.
  return { scope: edgeStack, id: scope.node.path.replace(/[^A-Za-z0-9-]/g, '-') + `-${id}`, crossRegion: true };
}

/**
 * The version, as the distribution's stack sees it: the version itself in us-east-1; otherwise an import of its ARN,
 * read across regions with `Fn::GetStackOutput` (a weak reference, BP-L1, L2).
 */
export function versionIn(scope: Construct, version: lambda.Version, crossRegion: boolean): lambda.IVersion {
  if (!crossRegion) return version;
  CrossStackReferences.of(version).produce(ReferenceStrength.WEAK);
  return lambda.Version.fromVersionArn(scope, 'CurrentVersion', version.edgeArn);
}

/**
 * The principal grants go to (BP-L2, L3): the role, in us-east-1. A grant on a resource of a stack in another region
 * would make the edge stack read from a stack that already reads from it; it fails here, naming the resource and the
 * fix, instead of as aws-cdk-lib's cross-environment error at synthesis.
 */
export function edgeGrantPrincipal(scope: Construct, role: iam.IRole): iam.IPrincipal {
  return principalFor(role, statement => {
    for (const resource of statement.resources) {
      for (const token of Tokenization.reverseString(resource).tokens) {
        const target = (token as { target?: unknown }).target;
        if (!CfnElement.isCfnElement(target)) continue;
        const region = Stack.of(target).region;
        if (region === EDGE_REGION) continue;
        fail(scope, {
          rule: 'L3',
          prop: 'a grant to the function',
          value: `on ${target.node.path} (a resource of a stack in ${Token.isUnresolved(region) ? 'an unknown region' : region})`,
          allowed: 'resources in us-east-1, where the function and its role are, or imported by name or ARN',
          fix: 'import the resource by ARN in the function\'s scope (e.g. s3.Bucket.fromBucketArn(this, \'Config\', \'arn:aws:s3:::my-config\')) and grant on that.',
        });
      }
    }
    return role.addToPrincipalPolicy(statement);
  });
}
