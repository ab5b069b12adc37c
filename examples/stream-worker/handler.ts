import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, KinesisStreamBatchResponse, KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';

// Created once per execution environment and reused by every invocation.
const processor = new BatchProcessor(EventType.KinesisDataStreams);
const logger = new Logger({ serviceName: 'order-events' });

/** What producers put on the stream. */
export interface OrderEvent {
  readonly orderId: string;
  readonly type: 'created' | 'paid' | 'shipped';
}

const TYPES = ['created', 'paid', 'shipped'];

/** Decodes one record's data (base64 JSON) and checks it; throws for a record that can never succeed. */
export function parseOrderEvent(data: string): OrderEvent {
  const event = JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as Partial<OrderEvent>;
  if (typeof event.orderId !== 'string' || event.orderId === '') throw new Error('orderId is missing');
  if (!TYPES.includes(event.type as string)) throw new Error(`order ${event.orderId}: unknown event type ${String(event.type)}`);
  return event as OrderEvent;
}

const recordHandler = async (record: KinesisStreamRecord): Promise<void> => {
  const event = parseOrderEvent(record.kinesis.data);
  logger.info('order event processed', { orderId: event.orderId, type: event.type, sequenceNumber: record.kinesis.sequenceNumber });
};

/**
 * Processes a batch and reports the first failed record by sequence number (BP-K5, ReportBatchItemFailures):
 * Lambda checkpoints before it and retries from there; with bisection on, a poison record is isolated and, after
 * the retries, described in the on-failure queue instead of blocking the shard (BP-K2–K4).
 */
export const handler = async (event: KinesisStreamEvent, context: Context): Promise<KinesisStreamBatchResponse> =>
  processPartialResponse(event, recordHandler, processor, { context });
