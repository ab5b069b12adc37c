import { Annotations, Duration, SizeRoundingBehavior } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { LAMBDA_LIMITS } from '../function/limits';
import { checkDurationRange, checkRange, fail, fmt, isKnown, secondsOf } from '../private/validation';

/**
 * What Lambda@Edge allows, from the CloudFront Developer Guide (read 2026-12-03):
 * - "Quotas on Lambda@Edge": function memory "same as Lambda quotas" (128–10,240 MB), function timeout 30 seconds,
 *   for every event type; what differs by event type is the size of a generated response (40 KB viewer, 1 MB origin).
 *   The seeds' 128 MB / 5 s at the viewer are the quotas of earlier editions of that page: the library keeps them as
 *   the viewer defaults (a viewer function runs on every request, cache hits included) and warns above them.
 * - "Restrictions on Lambda@Edge": a numbered version, in us-east-1, a role both lambda.amazonaws.com and
 *   edgelambda.amazonaws.com may assume; not supported: runtime management other than Auto, VPC access, dead-letter
 *   queues, environment variables (reserved ones excepted), layers, X-Ray, provisioned concurrency, container
 *   images, arm64, more than 512 MB of ephemeral storage, a customer managed key for the .zip package; runtimes:
 *   Node.js and Python; "include body" exposes the body of request events (viewer request: 40 KB, origin request: 1 MB).
 */
export const EDGE_LIMITS = {
  timeoutMaxSeconds: 30,
  ephemeralStorageMaxMb: 512,
  /** The viewer quotas of earlier editions, kept as defaults (BP-L5, seeds). */
  viewerMemoryMb: 128,
  viewerTimeoutSeconds: 5,
};

/** The event types whose request body a function may read ("include body"). */
const BODY_EVENTS = [cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST];

/** Viewer events run on every request; origin events only on cache misses. */
export function isViewerEvent(t: cloudfront.LambdaEdgeEventType): boolean {
  return t === cloudfront.LambdaEdgeEventType.VIEWER_REQUEST || t === cloudfront.LambdaEdgeEventType.VIEWER_RESPONSE;
}

/** What the checks read: the props of an EdgeFunction, as given. */
export interface EdgeLimitInput extends lambda.FunctionOptions {
  readonly eventType: cloudfront.LambdaEdgeEventType;
  readonly includeBody?: boolean;
  readonly runtime?: lambda.Runtime;
  readonly code?: lambda.Code;
}

const SUPPORT = 'CloudFront "Restrictions on Lambda@Edge"';

/** BP-L4, L5: every restriction of Lambda@Edge, checked before anything is created. */
export function checkEdgeLimits(scope: IConstruct, p: EdgeLimitInput): void {
  const refuse = (prop: string, value: string, fix: string) => fail(scope, {
    rule: 'L4', prop, value, allowed: `not on Lambda@Edge (${SUPPORT})`, fix,
  });
  if (p.environment && Object.keys(p.environment).length > 0) {
    refuse('environment', `${Object.keys(p.environment).length} variable(s) (${Object.keys(p.environment).join(', ')})`,
      'bundle the configuration into the code (a JSON file beside the handler, or esbuild `define` in bundling), or read SSM Parameter Store in us-east-1 during init.');
  }
  if (p.vpc || p.vpcSubnets || p.securityGroups || p.allowPublicSubnet !== undefined || p.filesystem) {
    refuse(p.filesystem ? 'filesystem' : 'vpc', 'given', 'remove it: CloudFront runs the function outside any VPC; reach private resources through an API in front of them.');
  }
  if (p.layers && p.layers.length > 0) {
    refuse('layers', `${p.layers.length} layer(s)`, 'bundle the dependencies into the function code (entry bundles them with esbuild).');
  }
  if (p.architecture && p.architecture.name !== lambda.Architecture.X86_64.name) {
    refuse('architecture', p.architecture.name, 'remove it (x86_64, the default here, is the only architecture Lambda@Edge runs).');
  }
  if (p.tracing !== undefined && p.tracing !== lambda.Tracing.DISABLED && p.tracing !== lambda.Tracing.PASS_THROUGH) {
    refuse('tracing', p.tracing, 'remove it: Lambda@Edge does not support X-Ray; follow requests with CloudFront\'s request ID (x-amz-cf-id) in the logs.');
  }
  if (p.deadLetterQueue || p.deadLetterQueueEnabled || p.deadLetterTopic) {
    refuse('deadLetterQueue', 'given', 'remove it: CloudFront invokes the function synchronously and answers the viewer with the error.');
  }
  for (const [prop, value] of [['onFailure', p.onFailure], ['onSuccess', p.onSuccess], ['retryAttempts', p.retryAttempts], ['maxEventAge', p.maxEventAge]] as const) {
    if (value !== undefined) refuse(prop, 'given', 'remove it: CloudFront invokes the function synchronously, so asynchronous-invocation settings apply to nothing.');
  }
  if (p.runtimeManagementMode && p.runtimeManagementMode.mode !== 'Auto') {
    refuse('runtimeManagementMode', p.runtimeManagementMode.mode, 'remove it (Auto is the only mode Lambda@Edge supports).');
  }
  if (p.ephemeralStorageSize !== undefined && !p.ephemeralStorageSize.isUnresolved()) {
    const mb = p.ephemeralStorageSize.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    if (mb > EDGE_LIMITS.ephemeralStorageMaxMb) {
      fail(scope, {
        rule: 'L4',
        prop: 'ephemeralStorageSize',
        value: `${fmt(mb)} MiB`,
        allowed: `at most ${EDGE_LIMITS.ephemeralStorageMaxMb} MiB on Lambda@Edge (${SUPPORT})`,
        fix: `use Size.mebibytes(${EDGE_LIMITS.ephemeralStorageMaxMb}) or less, or move the work to an origin function behind the distribution.`,
      });
    }
  }
  if (p.code instanceof lambda.EcrImageCode || p.code instanceof lambda.AssetImageCode) {
    refuse('code', 'a container image', 'package the handler as a .zip (Code.fromAsset, or entry).');
  }
  const runtime = p.runtime;
  if (runtime && runtime.family !== lambda.RuntimeFamily.NODEJS && runtime.family !== lambda.RuntimeFamily.PYTHON) {
    fail(scope, {
      rule: 'L4',
      prop: 'runtime',
      value: runtime.name,
      allowed: `a Node.js or Python runtime (${SUPPORT}, "Supported runtimes")`,
      fix: 'use a Node.js runtime (the default) or a Python runtime.',
    });
  }
  if (p.includeBody === true && !BODY_EVENTS.includes(p.eventType)) {
    fail(scope, {
      rule: 'L5',
      prop: 'includeBody',
      value: `true for ${p.eventType}`,
      allowed: 'true only for viewer-request and origin-request events: a response event has no request body to expose',
      fix: 'remove includeBody, or use the function on viewer-request or origin-request.',
    });
  }
  checkRange(scope, p.memorySize, {
    prop: 'memorySize',
    min: LAMBDA_LIMITS.memoryMinMb,
    max: LAMBDA_LIMITS.memoryMaxMb,
    unit: 'MB',
    rule: 'L5',
    advice: 'Lambda@Edge allows Lambda\'s memory range ("Quotas on Lambda@Edge")',
  });
  checkDurationRange(scope, p.timeout, {
    prop: 'timeout',
    min: LAMBDA_LIMITS.timeoutMinSeconds,
    max: EDGE_LIMITS.timeoutMaxSeconds,
    rule: 'L5',
    integer: true,
    advice: 'Lambda@Edge allows at most 30 s ("Quotas on Lambda@Edge"); longer work belongs in the origin',
  });
  if (isViewerEvent(p.eventType)) warnAboveViewerSeeds(scope, p.eventType, p.memorySize, p.timeout);
}

function warnAboveViewerSeeds(scope: IConstruct, eventType: string, memorySize: number | undefined, timeout: Duration | undefined): void {
  const memory = isKnown(memorySize) && memorySize > EDGE_LIMITS.viewerMemoryMb;
  const slow = isKnown(timeout) && secondsOf(timeout) > EDGE_LIMITS.viewerTimeoutSeconds;
  if (!memory && !slow) return;
  Annotations.of(scope).addWarningV2('cdk-serverless-patterns:edgeViewerAboveSeeds',
    `[L5] A ${eventType} function runs on every request, cache hits included, and adds its duration to each response: ` +
    `${memory ? `${memorySize} MB` : ''}${memory && slow ? ' and ' : ''}${slow ? `a ${timeout!.toHumanString()} timeout` : ''} exceed the ` +
    `${EDGE_LIMITS.viewerMemoryMb} MB / ${EDGE_LIMITS.viewerTimeoutSeconds} s the seeds give for viewer events (AWS's quotas allow it). ` +
    'Kept as given; consider an origin-request function, which runs only on cache misses.');
}
