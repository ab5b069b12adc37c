import { ServerlessFunction } from '../../src';
import { inlineCode, snapshotOf, testStack } from '../helpers';

describe('ServerlessFunction template snapshot', () => {
  test('default props (asset hashes masked)', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    expect(snapshotOf(stack)).toMatchSnapshot();
  });
});
