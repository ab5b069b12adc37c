import type { SNSEvent } from 'aws-lambda';
import { Order, parseOrder } from './orders';

/** The confirmation an order gets. */
export function confirmationFor(order: Order): { to: string; subject: string } {
  return { to: order.customerEmail, subject: `Order ${order.orderId} confirmed: ${order.amount.toFixed(2)}` };
}

/**
 * SNS invokes the alias asynchronously with one record per message. A thrown error makes Lambda retry (twice), then
 * the event goes to the worker's dead-letter queue (BP-N5).
 */
export async function handler(event: SNSEvent): Promise<{ sent: string[] }> {
  const sent: string[] = [];
  for (const record of event.Records) {
    const mail = confirmationFor(parseOrder(record.Sns.Message));
    // A real service hands `mail` to SES here.
    sent.push(mail.to);
  }
  return { sent };
}
