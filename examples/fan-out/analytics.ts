import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { parseOrder } from './orders';

/** Revenue per order, from one batch. */
export interface Tally {
  readonly orders: number;
  readonly revenue: number;
}

/**
 * The queue receives the raw SNS message (raw message delivery): the body is the order itself. Orders that cannot be
 * parsed are reported as failed items; the rest of the batch is not retried (BP-Q3).
 */
export async function handler(event: SQSEvent): Promise<SQSBatchResponse & { tally: Tally }> {
  const failures: { itemIdentifier: string }[] = [];
  let orders = 0;
  let revenue = 0;
  for (const record of event.Records) {
    try {
      const order = parseOrder(record.body);
      orders += 1;
      revenue += order.amount;
    } catch {
      failures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures: failures, tally: { orders, revenue } };
}
