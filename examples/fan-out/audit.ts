import type { EventBridgeEvent } from 'aws-lambda';
import { Order, parseOrder } from './orders';

/** One line of the audit trail. */
export interface AuditEntry {
  readonly eventId: string;
  readonly at: string;
  readonly orderId: string;
  readonly amount: number;
}

/**
 * The rule invokes the alias asynchronously with the matched event; `detail` is the order. The event ID is the
 * idempotency key a real trail would store by (EventBridge may deliver an event more than once).
 */
export async function handler(event: EventBridgeEvent<'OrderPlaced', Order>): Promise<AuditEntry> {
  const order = parseOrder(JSON.stringify(event.detail));
  return { eventId: event.id, at: event.time, orderId: order.orderId, amount: order.amount };
}
