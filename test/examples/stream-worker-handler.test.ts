import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { lambdaContext } from './lambda-context';
import { handler, parseOrderEvent } from '../../examples/stream-worker/handler';

/** A Kinesis record exactly as Lambda delivers it (data base64-encoded). */
function record(sequenceNumber: string, body: unknown): KinesisStreamRecord {
  return {
    kinesis: {
      kinesisSchemaVersion: '1.0',
      partitionKey: 'order-1',
      sequenceNumber,
      data: Buffer.from(JSON.stringify(body)).toString('base64'),
      approximateArrivalTimestamp: 1700000000.123,
    },
    eventSource: 'aws:kinesis',
    eventVersion: '1.0',
    eventID: `shardId-000000000000:${sequenceNumber}`,
    eventName: 'aws:kinesis:record',
    invokeIdentityArn: 'arn:aws:iam::123456789012:role/order-events',
    awsRegion: 'us-east-1',
    eventSourceARN: 'arn:aws:kinesis:us-east-1:123456789012:stream/order-events',
  };
}

const context = lambdaContext('order-events', 1024, 50_000);

describe('examples/stream-worker handler', () => {
  test('BP-K5: reports the failed record by its sequence number, the others succeed', async () => {
    const event: KinesisStreamEvent = {
      Records: [
        record('49590338271490256608559692538361571095921575989136588801', { orderId: 'A-1', type: 'created' }),
        record('49590338271490256608559692538361571095921575989136588802', { orderId: 'A-2', type: 'refunded' }),
        record('49590338271490256608559692538361571095921575989136588803', { orderId: 'A-3', type: 'paid' }),
      ],
    };
    await expect(handler(event, context)).resolves.toEqual({
      batchItemFailures: [{ itemIdentifier: '49590338271490256608559692538361571095921575989136588802' }],
    });
  });

  test('a batch without failures reports none', async () => {
    const event: KinesisStreamEvent = { Records: [record('1', { orderId: 'A-1', type: 'shipped' })] };
    await expect(handler(event, context)).resolves.toEqual({ batchItemFailures: [] });
  });

  test('parseOrderEvent rejects records that can never succeed', () => {
    const b64 = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64');
    expect(() => parseOrderEvent(b64('not json'))).toThrow();
    expect(() => parseOrderEvent(b64({ type: 'paid' }))).toThrow(/orderId is missing/);
    expect(parseOrderEvent(b64({ orderId: 'X', type: 'paid' }))).toEqual({ orderId: 'X', type: 'paid' });
  });
});
