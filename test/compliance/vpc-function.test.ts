import { VpcFunction } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('VpcFunction under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    const verdict = judge('VpcFunction-defaults', s => new VpcFunction(s, 'Fn', { functionProps: { code: inlineCode() } }));
    expect(verdict).toMatchObject(CLEAN);
  });
});
