import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { BasePersistenceLayer } from '@aws-lambda-powertools/idempotency/persistence';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

const logger = new Logger({ serviceName: 'orders' });

/** What producers send. */
export interface Order {
  readonly orderId: string;
  readonly amount: number;
}

/** The side effect that must happen once per order, however often its message is delivered. */
export interface OrderEffects {
  charge(order: Order): Promise<{ chargeId: string }>;
}

/** Parses and checks one message body; throws for a message that can never succeed. */
export function parseOrder(body: string): Order {
  const order = JSON.parse(body) as Partial<Order>;
  if (typeof order.orderId !== 'string' || order.orderId === '') throw new Error('orderId is missing');
  if (typeof order.amount !== 'number' || !(order.amount > 0)) throw new Error(`order ${order.orderId}: amount must be a positive number`);
  return order as Order;
}

/**
 * The handler, built on an idempotency store (BP-I1–I4). Each order is charged once: a message delivered
 * again (SQS is at-least-once, and a failed batch item comes back) or an order sent twice returns the stored
 * result. The key is the order ID in the body; the window is the one the construct derived from the queue's
 * retry window (IDEMPOTENCY_EXPIRES_AFTER_SECONDS). Only failed messages are reported (BP-Q3).
 */
export function createHandler(persistenceStore: BasePersistenceLayer, effects: OrderEffects) {
  const config = new IdempotencyConfig({
    eventKeyJmesPath: 'powertools_json(body).orderId',
    expiresAfterSeconds: Number(process.env.IDEMPOTENCY_EXPIRES_AFTER_SECONDS ?? '3600'),
  });
  const processOnce = makeIdempotent(async (record: SQSRecord) => {
    const order = parseOrder(record.body);
    const charge = await effects.charge(order);
    logger.info('order processed', { orderId: order.orderId, amount: order.amount, chargeId: charge.chargeId });
    return charge;
  }, { persistenceStore, config });
  const processor = new BatchProcessor(EventType.SQS);
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    config.registerLambdaContext(context);
    return processPartialResponse(event, processOnce, processor, { context });
  };
}

// Created on the first invocation of an execution environment and reused by every later one.
let live: ReturnType<typeof createHandler> | undefined;

/** The deployed handler: the table the construct created (IDEMPOTENCY_TABLE_NAME), a stand-in payment call. */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  live ??= createHandler(new DynamoDBPersistenceLayer({ tableName: process.env.IDEMPOTENCY_TABLE_NAME! }), {
    charge: async order => ({ chargeId: `ch-${order.orderId}` }),
  });
  return live(event, context);
};
