import type { EventBridgeEvent, SNSEvent, SQSEvent } from 'aws-lambda';
import { handler as analytics } from '../../examples/fan-out/analytics';
import { handler as audit } from '../../examples/fan-out/audit';
import { confirmationFor, handler as email } from '../../examples/fan-out/email';
import { Order, parseOrder } from '../../examples/fan-out/orders';
import { messagesFor } from '../../examples/fan-out/place-order';

const order: Order = { orderId: 'o-1', customerEmail: 'ana@example.com', amount: 42.5 };

/** An SNS event as Lambda receives it from a subscription (one record per message). */
function snsEvent(message: string): SNSEvent {
  return {
    Records: [{
      EventSource: 'aws:sns',
      EventVersion: '1.0',
      EventSubscriptionArn: 'arn:aws:sns:us-east-1:123456789012:orders:6b0e71bd-7e97-4d97-80ce-4a0994e55286',
      Sns: {
        Type: 'Notification',
        MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
        TopicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
        Subject: '',
        Message: message,
        Timestamp: '2027-01-01T12:00:00.000Z',
        SignatureVersion: '1',
        Signature: 'EXAMPLE',
        SigningCertUrl: 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0000000000000000000000.pem',
        UnsubscribeUrl: 'https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe',
        MessageAttributes: { eventType: { Type: 'String', Value: 'order-placed' } },
      },
    }],
  };
}

/** An SQS event with raw-delivered SNS messages: the body is the published message itself. */
function sqsEvent(...bodies: string[]): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `m-${i}`,
      receiptHandle: 'AQEB',
      body,
      attributes: { ApproximateReceiveCount: '1', SentTimestamp: '1798804800000', SenderId: 'AIDAIT2UOQQY3AUEKVGXU', ApproximateFirstReceiveTimestamp: '1798804800001' },
      messageAttributes: { eventType: { dataType: 'String', stringValue: 'order-placed', stringListValues: [], binaryListValues: [] } },
      md5OfBody: 'x',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:analytics',
      awsRegion: 'us-east-1',
    })),
  };
}

describe('examples/fan-out handlers', () => {
  test('orders are checked: a message that can never succeed throws', () => {
    expect(parseOrder(JSON.stringify(order))).toEqual(order);
    expect(() => parseOrder('{"orderId":"o-2","customerEmail":"nobody","amount":1}')).toThrow(/customerEmail is not an address/);
    expect(() => parseOrder('{"customerEmail":"a@b.c","amount":1}')).toThrow(/orderId is missing/);
  });

  test('the service publishes the order with the attribute the filter policies match, and the event the rule matches', () => {
    const { publish, putEvents } = messagesFor(order, 'arn:aws:sns:us-east-1:123456789012:orders', 'orders-bus');
    expect(publish.input).toMatchObject({ Message: JSON.stringify(order), MessageAttributes: { eventType: { DataType: 'String', StringValue: 'order-placed' } } });
    expect(putEvents.input.Entries).toEqual([{ EventBusName: 'orders-bus', Source: 'example.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(order) }]);
  });

  test('email: one confirmation per SNS record; a bad message fails the invocation (Lambda retries, then the DLQ)', async () => {
    await expect(email(snsEvent(JSON.stringify(order)))).resolves.toEqual({ sent: ['ana@example.com'] });
    expect(confirmationFor(order).subject).toBe('Order o-1 confirmed: 42.50');
    await expect(email(snsEvent('not json'))).rejects.toThrow();
  });

  test('analytics: raw bodies are orders; a bad one is reported alone, the rest counted (BP-Q3)', async () => {
    const r = await analytics(sqsEvent(JSON.stringify(order), '{"orderId":"bad"}', JSON.stringify({ ...order, orderId: 'o-3', amount: 7.5 })));
    expect(r.batchItemFailures).toEqual([{ itemIdentifier: 'm-1' }]);
    expect(r.tally).toEqual({ orders: 2, revenue: 50 });
  });

  test('audit: the EventBridge event\'s detail is the order, its ID the idempotency key', async () => {
    const event: EventBridgeEvent<'OrderPlaced', Order> = {
      'version': '0',
      'id': '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
      'detail-type': 'OrderPlaced',
      'source': 'example.orders',
      'account': '123456789012',
      'time': '2027-01-01T12:00:00Z',
      'region': 'us-east-1',
      'resources': [],
      'detail': order,
    };
    await expect(audit(event)).resolves.toEqual({ eventId: event.id, at: event.time, orderId: 'o-1', amount: 42.5 });
  });
});
