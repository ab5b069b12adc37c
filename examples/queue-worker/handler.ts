import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

// Created once per execution environment and reused by every invocation.
const processor = new BatchProcessor(EventType.SQS);
const logger = new Logger({ serviceName: 'orders' });

/** What producers send. */
export interface Order {
  readonly orderId: string;
  readonly amount: number;
}

/** Parses and checks one message body; throws for a message that can never succeed. */
export function parseOrder(body: string): Order {
  const order = JSON.parse(body) as Partial<Order>;
  if (typeof order.orderId !== 'string' || order.orderId === '') throw new Error('orderId is missing');
  if (typeof order.amount !== 'number' || !(order.amount > 0)) throw new Error(`order ${order.orderId}: amount must be a positive number`);
  return order as Order;
}

const recordHandler = async (record: SQSRecord): Promise<void> => {
  const order = parseOrder(record.body);
  logger.info('order processed', { orderId: order.orderId, amount: order.amount });
};

/**
 * Processes a batch and reports only the failed messages (BP-Q3, ReportBatchItemFailures):
 * the others are deleted from the queue, the failed ones become visible again and, after
 * maxReceiveCount receives, move to the dead-letter queue (BP-Q1).
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, recordHandler, processor, { context });
