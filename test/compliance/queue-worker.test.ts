import * as kms from 'aws-cdk-lib/aws-kms';
import { QueueWorker } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('QueueWorker under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    const verdict = judge('QueueWorker-defaults', s => new QueueWorker(s, 'Worker', { functionProps: { code: inlineCode() } }));
    expect(verdict).toMatchObject(CLEAN);
  });

  test('BP-X2/X3: FIFO with a KMS key — clean', () => {
    const verdict = judge('QueueWorker-fifo-kms', s => new QueueWorker(s, 'Worker', {
      functionProps: { code: inlineCode() },
      fifo: true,
      contentBasedDeduplication: true,
      encryptionKey: new kms.Key(s, 'Key', { enableKeyRotation: true }),
    }));
    expect(verdict).toMatchObject(CLEAN);
  });
});
