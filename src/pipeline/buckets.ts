import { Duration, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from '../private/nag';

/** The bucket that receives the pipeline buckets' server access logs (BP-P1). */
export function createAccessLogBucket(scope: Construct): s3.Bucket {
  const logs = new s3.Bucket(scope, 'AccessLogs', {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [{ expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) }],
  });
  acknowledge(logs, 'This bucket receives the server access logs of the pipeline buckets; logging it into itself would loop (BP-P1).', 'AwsSolutions-S1');
  return logs;
}

/**
 * A pipeline bucket (BP-P1): encrypted, Block Public Access, TLS only, versioned, server access
 * logs; EventBridge notifications switched on in CloudFormation itself (no custom resource).
 *
 * Server access logs are delivered under a bucket policy for `logging.s3.amazonaws.com`, never the
 * legacy `LogDeliveryWrite` ACL that aws-cdk-lib writes unless an app-level feature flag is set.
 */
export function createPipelineBucket(scope: Construct, id: string, accessLogs: s3.Bucket, eventBridge: boolean): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    versioned: true,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
  });
  const cfn = bucket.node.defaultChild as s3.CfnBucket;
  cfn.loggingConfiguration = { destinationBucketName: accessLogs.bucketName, logFilePrefix: `${id}/` };
  accessLogs.addToResourcePolicy(new iam.PolicyStatement({
    sid: `ServerAccessLogsFrom${id}`,
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [accessLogs.arnForObjects(`${id}/*`)],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
  }));
  if (eventBridge) cfn.notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  return bucket;
}

/**
 * Whether two bucket references are one bucket (BP-P4): the same object, or the same name or ARN — a
 * literal, or the same token (`fromBucketName(this, 'In', bucket.bucketName)` names `bucket`). A bucket of
 * this app with a literal physical name matches an import of that name. Imports by name and by ARN compare
 * by the name the ARN holds.
 */
export function isSameBucket(a: s3.IBucket | undefined, b: s3.IBucket | undefined): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  const ids = (bucket: s3.IBucket) => {
    const out = [bucket.bucketName, bucket.bucketArn];
    const physical = bucket instanceof s3.Bucket ? (bucket.node.defaultChild as s3.CfnBucket).bucketName : undefined;
    if (physical !== undefined) out.push(physical);
    return out;
  };
  const seen = new Set(ids(a));
  return ids(b).some(id => seen.has(id));
}
