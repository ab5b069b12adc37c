import { Logger } from '@aws-lambda-powertools/logger';
import { Client } from 'pg';
import { connectionConfig, DatabaseEnvironment, proxySigner } from './db';

const logger = new Logger({ serviceName: 'orders-db' });
const env = process.env as DatabaseEnvironment;

/**
 * Counts open orders through the RDS Proxy. The proxy pools connections, so opening one per
 * invocation is cheap for the database (BP-V6); the token is signed fresh each time (valid 15 min).
 */
export const handler = async (): Promise<{ openOrders: number }> => {
  const client = new Client(await connectionConfig(env, proxySigner(env)));
  await client.connect();
  try {
    const result = await client.query<{ count: string }>("SELECT count(*) AS count FROM orders WHERE status = 'OPEN'");
    const openOrders = Number(result.rows[0]?.count ?? 0);
    logger.info('open orders counted', { openOrders });
    return { openOrders };
  } finally {
    await client.end();
  }
};
