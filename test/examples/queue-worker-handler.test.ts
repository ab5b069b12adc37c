import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { handler, parseOrder } from '../../examples/queue-worker/handler';

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

const context = {
  functionName: 'orders',
  functionVersion: '1',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:orders:live',
  memoryLimitInMB: '1024',
  awsRequestId: 'req-1',
  logGroupName: '/aws/lambda/orders',
  logStreamName: 's',
  callbackWaitsForEmptyEventLoop: true,
  getRemainingTimeInMillis: () => 20_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
} as Context;

describe('examples/queue-worker handler', () => {
  test('BP-Q3: reports only the failed record of a batch', async () => {
    const event: SQSEvent = {
      Records: [
        record('msg-1', JSON.stringify({ orderId: 'A-1', amount: 12.5 })),
        record('msg-2', JSON.stringify({ orderId: 'A-2', amount: -1 })),
        record('msg-3', JSON.stringify({ orderId: 'A-3', amount: 3 })),
      ],
    };
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [{ itemIdentifier: 'msg-2' }] });
  });

  test('a batch without failures reports none', async () => {
    const event: SQSEvent = { Records: [record('msg-1', JSON.stringify({ orderId: 'A-1', amount: 1 }))] };
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [] });
  });

  test('parseOrder rejects bodies that can never succeed', () => {
    expect(() => parseOrder('not json')).toThrow();
    expect(() => parseOrder('{"amount":1}')).toThrow(/orderId is missing/);
    expect(parseOrder('{"orderId":"X","amount":2}')).toEqual({ orderId: 'X', amount: 2 });
  });
});
