import { connectionConfig, proxySigner, readDatabaseEnvironment } from '../../examples/vpc-function/db';

const env = { DB_PROXY_ENDPOINT: 'orders.proxy-abc.us-east-1.rds.amazonaws.com', DB_PORT: '5432', DB_USER: 'orders_reader', DB_NAME: 'orders', AWS_REGION: 'us-east-1' };

describe('examples/vpc-function connection configuration', () => {
  test('BP-V6: IAM token as the password, TLS required and verified against the proxy host', async () => {
    const config = await connectionConfig(env, { getAuthToken: async () => 'signed-token' });
    expect(config).toEqual({
      host: env.DB_PROXY_ENDPOINT,
      port: 5432,
      user: 'orders_reader',
      database: 'orders',
      password: 'signed-token',
      ssl: { rejectUnauthorized: true, servername: env.DB_PROXY_ENDPOINT },
      connectionTimeoutMillis: 5000,
    });
  });

  test('the AWS SDK signer produces a token for the proxy without a network', async () => {
    process.env.AWS_ACCESS_KEY_ID = 'AKIAEXAMPLE';
    process.env.AWS_SECRET_ACCESS_KEY = 'example-secret-for-a-local-signature';
    const token = await proxySigner(env).getAuthToken();
    // host:port/?Action=connect&DBUser=...&X-Amz-Signature=... (a presigned URL without the scheme)
    expect(token).toMatch(/^orders\.proxy-abc\.us-east-1\.rds\.amazonaws\.com:5432\/\?Action=connect&DBUser=orders_reader&/);
    expect(token).toContain('X-Amz-Signature=');
  });

  test('missing or malformed variables fail clearly', () => {
    expect(() => readDatabaseEnvironment({ DB_PORT: '5432' })).toThrow('missing environment variables: DB_PROXY_ENDPOINT, DB_USER, AWS_REGION');
    expect(() => readDatabaseEnvironment({ ...env, DB_PORT: 'x' })).toThrow('DB_PORT is not a port: x');
    expect(readDatabaseEnvironment({ ...env, DB_NAME: undefined }).database).toBe('orders_reader');
  });
});
