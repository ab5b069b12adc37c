import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

const logger = new Logger({ serviceName: 'orders-api' });

/** A JSON response in the payload format 2.0 shape (BP-A2). */
function json(statusCode: number, body: unknown): APIGatewayProxyResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

/** GET /orders/{id} */
export const getOrder = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
  const id = event.pathParameters?.id;
  logger.appendKeys({ requestId: event.requestContext.requestId });
  if (!id || !/^[A-Za-z0-9-]{1,64}$/.test(id)) return json(400, { message: 'id must be 1-64 letters, digits or dashes' });
  logger.info('order read', { id });
  return json(200, { id, status: 'SHIPPED' });
};

/** The order a POST creates. */
export interface CreatedOrder {
  readonly id: string;
  readonly item: string;
  readonly quantity: number;
}

/** Where orders are stored: the side effect that must happen once per request. */
export interface OrderStore {
  save(order: CreatedOrder): Promise<void>;
}

/**
 * POST /orders, idempotent on the client's request id (the `Idempotency-Key` header, BP-I1–I3): a client that
 * retries after a timeout gets the order it already created, not a second one. The body arrives as a string
 * (base64 when isBase64Encoded).
 */
export function createOrderHandler(persistenceStore: BasePersistenceLayer, orders: OrderStore) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'headers."idempotency-key"',
    expiresAfterSeconds: Number(process.env.IDEMPOTENCY_EXPIRES_AFTER_SECONDS ?? '3600'),
  });
  const createOnce = makeIdempotent(async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyResultV2> => {
    const raw = event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
    let order: { item?: unknown; quantity?: unknown };
    try {
      order = JSON.parse(raw ?? '');
    } catch {
      return json(400, { message: 'the body must be JSON' });
    }
    if (typeof order.item !== 'string' || !Number.isInteger(order.quantity) || (order.quantity as number) < 1) {
      return json(422, { message: 'item (string) and quantity (integer >= 1) are required' });
    }
    const created = { id: `ord-${event.headers['idempotency-key']}`, item: order.item, quantity: order.quantity as number };
    await orders.save(created);
    logger.info('order created', { ...created });
    return json(201, created);
  }, { persistenceStore, config });
  return async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
    logger.appendKeys({ requestId: event.requestContext.requestId });
    const key = event.headers['idempotency-key'];
    if (!key || !/^[A-Za-z0-9-]{8,64}$/.test(key)) return json(400, { message: 'the Idempotency-Key header (8-64 letters, digits or dashes) is required' });
    config.registerLambdaContext(context);
    return createOnce(event);
  };
}

// Created on the first invocation of an execution environment and reused by every later one.
let live: ReturnType<typeof createOrderHandler> | undefined;

/** The deployed POST /orders: the table the construct created (IDEMPOTENCY_TABLE_NAME), a stand-in order store. */
export const createOrder = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  live ??= createOrderHandler(new DynamoDBPersistenceLayer({ tableName: process.env.IDEMPOTENCY_TABLE_NAME! }), { save: async () => undefined });
  return live(event, context);
};
