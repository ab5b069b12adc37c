import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { Order, parseOrder } from './orders';

/** Where the service announces an order: the SNS topic (with `eventType` for filter policies) and the bus. */
export interface Announcer {
  publish(order: Order): Promise<void>;
}

/** The two messages one order becomes: what the topic and the bus receive. */
export function messagesFor(order: Order, topicArn: string, busName: string) {
  return {
    publish: new PublishCommand({
      TopicArn: topicArn,
      Message: JSON.stringify(order),
      MessageAttributes: { eventType: { DataType: 'String', StringValue: 'order-placed' } },
    }),
    putEvents: new PutEventsCommand({
      Entries: [{ EventBusName: busName, Source: 'example.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(order) }],
    }),
  };
}

const sns = new SNSClient({});
const eventBridge = new EventBridgeClient({});

/** Invoked with an order (e.g. by an API route); announces it once on each channel. */
export async function handler(event: { body?: string } | Order): Promise<{ orderId: string }> {
  const order = parseOrder('body' in event && typeof event.body === 'string' ? event.body : JSON.stringify(event));
  const { publish, putEvents } = messagesFor(order, process.env.ORDERS_TOPIC_ARN!, process.env.ORDERS_BUS_NAME!);
  const put = await eventBridge.send(putEvents);
  if ((put.FailedEntryCount ?? 0) > 0) throw new Error(`order ${order.orderId}: EventBridge refused the event (${put.Entries?.[0]?.ErrorCode})`);
  await sns.send(publish);
  return { orderId: order.orderId };
}
