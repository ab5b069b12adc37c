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
});
