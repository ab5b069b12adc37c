import { handler } from '../../examples/serverless-function/handler';

describe('examples/serverless-function handler', () => {
  const env = process.env.GREETING;
  beforeEach(() => { process.env.GREETING = 'Hello'; });
  afterAll(() => { process.env.GREETING = env; });

  test('greets by name', async () => {
    await expect(handler({ name: ' Ada ' })).resolves.toEqual({ message: 'Hello, Ada!' });
  });

  test('falls back to "world" when no usable name is given', async () => {
    await expect(handler({})).resolves.toEqual({ message: 'Hello, world!' });
    await expect(handler({ name: '   ' })).resolves.toEqual({ message: 'Hello, world!' });
  });
});
