import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';

/** Every test stack uses this fixed environment, so templates never depend on the machine. */
export const TEST_ENV = { account: '123456789012', region: 'us-east-1' };

/** A new app and stack with a fixed env (no validation plugins: Template.fromStack must not throw). */
export function testStack(id = 'TestStack'): Stack {
  const app = new App();
  return new Stack(app, id, { env: TEST_ENV });
}

/** Code that needs no bundling, for tests that are not about code. */
export function inlineCode(): lambda.Code {
  return lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');
}

/** The logical IDs of all resources of one type. */
export function logicalIdsOf(template: Template, type: string): string[] {
  return Object.keys(template.findResources(type));
}

/**
 * The template as a snapshot wants it: asset hashes and the hash suffix of version logical IDs
 * masked, so the snapshot changes only when the template really changes.
 */
export function snapshotOf(stack: Stack): unknown {
  const json = JSON.stringify(Template.fromStack(stack).toJSON());
  return JSON.parse(json
    .replace(/[0-9a-f]{64}(\.zip|\.json)?/g, '<asset-hash>$1')
    .replace(/(CurrentVersion[A-F0-9]{8})[a-f0-9]{32}/g, '$1<version-hash>'));
}

/** Runs `fn` and returns the message it throws (fails the test when it does not throw). */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, but none was thrown');
}

/** What a bad-input row expects of its message (BP-X4): rule, construct path, prop, value, allowed, and a fix. */
export function expectViolation(message: string, rule: string, path: string, prop: string, value: string, allowed: string): void {
  // The construct that refuses may be `path` or a child of it (a pattern's ServerlessFunction, its QueueWorker).
  const at = message.indexOf(`[${rule}] ${path}`);
  expect(at).toBeGreaterThanOrEqual(0);
  expect(message.slice(at)).toMatch(new RegExp(`^\\[${rule}\\] ${escape(path)}(/[^:]*)?: ${escape(`${prop} is ${value}`)}`));
  expect(message.split('allowed: ')[1]).toContain(allowed);
  expect(message).toMatch(/Fix: \S/);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A hand-written distribution whose default behavior has these Lambda@Edge associations (for the audit pack's L rules). */
export function distributionWith(
  scope: Construct, associations: Array<{ eventType: string; lambdaFunctionArn: string }>,
): cloudfront.CfnDistribution {
  return new cloudfront.CfnDistribution(scope, 'Cdn', {
    distributionConfig: {
      enabled: true,
      origins: [{ id: 'o', domainName: 'example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
      defaultCacheBehavior: {
        targetOriginId: 'o',
        viewerProtocolPolicy: 'https-only',
        cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6',
        lambdaFunctionAssociations: associations,
      },
    },
  });
}

/** Lets Lambda@Edge assume a hand-written function's role: what makes it a Lambda@Edge function (BP-L3). */
export function trustEdgeLambda(fn: lambda.Function): void {
  (fn.role as iam.Role).assumeRolePolicy!.addStatements(new iam.PolicyStatement({
    actions: ['sts:AssumeRole'], principals: [new iam.ServicePrincipal('edgelambda.amazonaws.com')],
  }));
}
