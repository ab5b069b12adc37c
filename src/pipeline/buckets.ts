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
