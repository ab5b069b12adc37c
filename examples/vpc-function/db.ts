import { Signer } from '@aws-sdk/rds-signer';
import type { ClientConfig } from 'pg';

/** What the function needs to know to reach the database: VpcFunction puts it in the environment (BP-V6). */
export interface DatabaseEnvironment {
  readonly DB_PROXY_ENDPOINT?: string;
  readonly DB_PORT?: string;
  readonly DB_USER?: string;
  readonly DB_NAME?: string;
  readonly AWS_REGION?: string;
}

/** Anything that produces an IAM authentication token (the AWS SDK's Signer, or a test double). */
export interface TokenSource {
  getAuthToken(): Promise<string>;
}

/** Reads and checks the environment; fails with a clear message when VpcFunction's variables are missing. */
export function readDatabaseEnvironment(env: DatabaseEnvironment): { host: string; port: number; user: string; database: string; region: string } {
  const missing = (['DB_PROXY_ENDPOINT', 'DB_PORT', 'DB_USER', 'AWS_REGION'] as const).filter(k => !env[k]);
  if (missing.length > 0) throw new Error(`missing environment variables: ${missing.join(', ')}`);
  const port = Number(env.DB_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`DB_PORT is not a port: ${env.DB_PORT}`);
  return { host: env.DB_PROXY_ENDPOINT!, port, user: env.DB_USER!, database: env.DB_NAME ?? env.DB_USER!, region: env.AWS_REGION! };
}

/** The AWS SDK signer for the proxy: a 15-minute IAM token instead of a password. */
export function proxySigner(env: DatabaseEnvironment): TokenSource {
  const { host, port, user, region } = readDatabaseEnvironment(env);
  return new Signer({ hostname: host, port, username: user, region });
}

/**
 * The node-postgres configuration for the proxy: IAM token as the password, TLS required and verified
 * (RDS Proxy certificates chain to Amazon Trust Services, which Node.js trusts).
 */
export async function connectionConfig(env: DatabaseEnvironment, tokens: TokenSource): Promise<ClientConfig> {
  const { host, port, user, database } = readDatabaseEnvironment(env);
  return {
    host,
    port,
    user,
    database,
    password: await tokens.getAuthToken(),
    ssl: { rejectUnauthorized: true, servername: host },
    connectionTimeoutMillis: 5_000,
  };
}
