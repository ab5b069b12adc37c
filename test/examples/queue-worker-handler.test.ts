import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { lambdaContext } from './lambda-context';
import { MemoryPersistenceLayer } from './memory-persistence';
import { createHandler, Order, parseOrder } from '../../examples/queue-worker/handler';

/** An SQS record exactly as Lambda delivers it. */
function record(messageId: string, body: string): SQSRecord {
  return {
    messageId,
    receiptHandle: `AQEB${messageId}`,
    body,
    attributes: {
      ApproximateReceiveCount: '1',
      SentTimestamp: '1700000000000',
      SenderId: 'AIDAEXAMPLE',
      ApproximateFirstReceiveTimestamp: '1700000000001',
    },
    messageAttributes: {},
    md5OfBody: '0'.repeat(32),
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:us-east-1:123456789012:orders',
    awsRegion: 'us-east-1',
  };
}

const context = lambdaContext('orders', 1024, 20_000);

/** A handler on an in-memory idempotency store, counting the charges it makes. */
function setUp() {
  const charged: Order[] = [];
  const store = new MemoryPersistenceLayer();
  const handler = createHandler(store, { charge: async order => { charged.push(order); return { chargeId: `ch-${order.orderId}` }; } });
  return { handler, charged, store };
}

describe('examples/queue-worker handler', () => {
  test('BP-Q3: reports only the failed record of a batch', async () => {
    const { handler } = setUp();
    const event: SQSEvent = {
      Records: [
        record('msg-1', JSON.stringify({ orderId: 'A-1', amount: 12.5 })),
        record('msg-2', JSON.stringify({ orderId: 'A-2', amount: -1 })),
        record('msg-3', JSON.stringify({ orderId: 'A-3', amount: 3 })),
      ],
    };
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
  });

  test('BP-I1/I3: a message delivered again (and an order sent twice) is charged once; the stored result is returned', async () => {
    const { handler, charged, store } = setUp();
    const first: SQSEvent = { Records: [record('msg-1', JSON.stringify({ orderId: 'A-1', amount: 5 })), record('msg-2', JSON.stringify({ orderId: 'A-2', amount: 7 }))] };
    await expect(handler(first, context)).resolves.toEqual({ batchItemFailures: [] });
    // SQS delivers msg-1 again, and a producer sends order A-2 a second time under a new message ID.
    const again: SQSEvent = { Records: [record('msg-1', JSON.stringify({ orderId: 'A-1', amount: 5 })), record('msg-9', JSON.stringify({ orderId: 'A-2', amount: 7 }))] };
    await expect(handler(again, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(charged.map(o => o.orderId)).toEqual(['A-1', 'A-2']);
    expect(store.records.size).toBe(2);
    expect([...store.records.values()].map(r => r.getResponse())).toEqual([{ chargeId: 'ch-A-1' }, { chargeId: 'ch-A-2' }]);
  });

  test('a failed order is not remembered: its redelivery runs the work again', async () => {
    const charged: string[] = [];
    let fail = true;
    const flaky = createHandler(new MemoryPersistenceLayer(), {
      charge: async order => { if (fail) throw new Error('payment service unavailable'); charged.push(order.orderId); return { chargeId: 'ch' }; },
    });
    const event: SQSEvent = { Records: [record('msg-1', JSON.stringify({ orderId: 'B-1', amount: 1 })), record('msg-2', JSON.stringify({ orderId: 'B-2', amount: 1 }))] };
    // Every record failed: the batch processor fails the invocation, and both messages come back.
    await expect(flaky(event, context)).rejects.toThrow(/All records failed processing/);
    fail = false;
    await expect(flaky(event, context)).resolves.toEqual({ batchItemFailures: [] });
    expect(charged).toEqual(['B-1', 'B-2']);
  });

  test('parseOrder rejects bodies that can never succeed', () => {
    expect(() => parseOrder('not json')).toThrow();
    expect(() => parseOrder('{"amount":1}')).toThrow(/orderId is missing/);
    expect(parseOrder('{"orderId":"X","amount":2}')).toEqual({ orderId: 'X', amount: 2 });
  });
});
