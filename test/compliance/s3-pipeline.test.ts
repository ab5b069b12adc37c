import * as s3 from 'aws-cdk-lib/aws-s3';
import { S3Pipeline } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('S3Pipeline under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    const verdict = judge('S3Pipeline-defaults', s => new S3Pipeline(s, 'Pipeline', { functionProps: { code: inlineCode() } }));
    expect(verdict).toMatchObject(CLEAN);
  });

  test('BP-X2/X3: filters and reconciliation — clean', () => {
    const verdict = judge('S3Pipeline-reconciled', s => new S3Pipeline(s, 'Pipeline', {
      functionProps: { code: inlineCode() }, inputPrefix: 'incoming/', inputSuffix: '.jpg', outputPrefix: 'thumbnails/', reconciliation: {},
    }));
    expect(verdict).toMatchObject(CLEAN);
  });

  test('BP-X2: imported buckets (by name and by ARN), reconciled — clean: the object-key acknowledgements match cdk-nag\'s finding IDs', () => {
    const verdict = judge('S3Pipeline-imported', s => new S3Pipeline(s, 'Pipeline', {
      functionProps: { code: inlineCode() },
      inputBucket: s3.Bucket.fromBucketArn(s, 'Uploads', 'arn:aws:s3:::uploads'),
      outputBucket: s3.Bucket.fromBucketName(s, 'Results', 'results'),
      inputPrefix: 'in/',
      reconciliation: {},
    }));
    expect(verdict.nag).toEqual([]);
  });

  test('BP-X2/P2: a bucket of the app as input — EventBridge switched on in the bucket, no notifications custom resource — clean', () => {
    let bucket: s3.Bucket | undefined;
    const verdict = judge('S3Pipeline-app-bucket', s => {
      bucket = new s3.Bucket(s, 'Uploads', {
        encryption: s3.BucketEncryption.S3_MANAGED,
        blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
        enforceSSL: true,
        versioned: true,
        serverAccessLogsPrefix: 'logs/',
      });
      new S3Pipeline(s, 'Pipeline', { functionProps: { code: inlineCode() }, inputBucket: bucket });
    });
    expect(verdict.nag).toEqual([]);
    expect(bucket!.node.tryFindChild('Notifications')).toBeUndefined();
    expect((bucket!.node.defaultChild as s3.CfnBucket).notificationConfiguration).toEqual({ eventBridgeConfiguration: { eventBridgeEnabled: true } });
  });
});
