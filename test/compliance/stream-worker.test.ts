import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { StreamWorker } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('StreamWorker under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props (a new Kinesis stream) — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    expect(judge('StreamWorker-defaults', s => new StreamWorker(s, 'Orders', { functionProps: { code: inlineCode() } }))).toMatchObject(CLEAN);
  });

  test('BP-X2/X3: a DynamoDB table\'s stream — clean', () => {
    expect(judge('StreamWorker-dynamodb', s => {
      const table = new dynamodb.Table(s, 'Table', {
        partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
        stream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      });
      new StreamWorker(s, 'Changes', { functionProps: { code: inlineCode() }, table });
    })).toMatchObject(CLEAN);
  });
});
