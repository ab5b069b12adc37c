import { ListObjectsV2Command, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { decodeS3Key, encodeS3Key } from '../../handlers/reconcile/keys';
import { configFromEnvironment, outputKeyFor, reconcile, ReconcileConfig, S3Sender, SqsSender } from '../../handlers/reconcile/reconcile';

const NOW = new Date('2027-01-01T12:00:00Z');
const OLD = new Date('2027-01-01T10:00:00Z');

/** An S3 double: serves each bucket's keys in pages of `pageSize`, like ListObjectsV2. */
function fakeS3(buckets: Record<string, { key: string; modified?: Date }[]>, pageSize = 2): S3Sender & { calls: ListObjectsV2Command[] } {
  const calls: ListObjectsV2Command[] = [];
  return {
    calls,
    async send(command: ListObjectsV2Command): Promise<ListObjectsV2CommandOutput> {
      calls.push(command);
      const { Bucket, Prefix, ContinuationToken } = command.input;
      const all = (buckets[Bucket!] ?? []).filter(o => o.key.startsWith(Prefix ?? ''));
      const start = ContinuationToken ? Number(ContinuationToken) : 0;
      const page = all.slice(start, start + pageSize);
      const more = start + pageSize < all.length;
      return {
        $metadata: {},
        Contents: page.map(o => ({ Key: o.key, LastModified: o.modified ?? OLD })),
        IsTruncated: more,
        NextContinuationToken: more ? String(start + pageSize) : undefined,
      };
    },
  };
}

function fakeSqs(failIds: string[] = []): SqsSender & { bodies: string[] } {
  const bodies: string[] = [];
  return {
    bodies,
    async send(command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput> {
      const entries = command.input.Entries ?? [];
      bodies.push(...entries.filter(e => !failIds.includes(e.Id!)).map(e => e.MessageBody!));
      return {
        $metadata: {},
        Successful: entries.filter(e => !failIds.includes(e.Id!)).map(e => ({ Id: e.Id!, MessageId: 'm', MD5OfMessageBody: 'x' })),
        Failed: entries.filter(e => failIds.includes(e.Id!)).map(e => ({ Id: e.Id!, Code: 'KMS.AccessDenied', SenderFault: true })),
      };
    },
  };
}

const config: ReconcileConfig = {
  inputBucket: 'in',
  inputPrefix: 'incoming/',
  inputSuffix: '.jpg',
  outputBucket: 'out',
  outputPrefix: 'thumbnails/',
  queueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q',
  minimumAgeSeconds: 900,
  maxEnqueue: 10_000,
};

describe('reconciliation handler (BP-P6)', () => {
  test('BP-P6: re-enqueues exactly the input objects without output, across pages', async () => {
    const s3 = fakeS3({
      in: [
        { key: 'incoming/a.jpg' }, { key: 'incoming/b.jpg' }, { key: 'incoming/c.jpg' },
        { key: 'incoming/d.png' }, { key: 'incoming/sub/' }, { key: 'incoming/e.jpg' },
      ],
      out: [{ key: 'thumbnails/a.jpg' }, { key: 'thumbnails/c.jpg' }],
    });
    const sqs = fakeSqs();
    const result = await reconcile(config, s3, sqs, NOW);
    expect(result).toEqual({ scanned: 4, missing: 2, enqueued: 2, truncated: false });
    const keys = sqs.bodies.map(b => decodeS3Key(JSON.parse(b).detail.object.key));
    expect(keys).toEqual(['incoming/b.jpg', 'incoming/e.jpg']);
    // 6 input keys at 2 per page = 3 pages, plus 1 output page
    const inputCalls = s3.calls.filter(c => c.input.Bucket === 'in');
    expect(inputCalls.map(c => c.input.ContinuationToken)).toEqual([undefined, '2', '4']);
    expect(inputCalls[0].input.Prefix).toBe('incoming/');
  });

  test('BP-P5: keys with spaces and plus signs survive the round trip', async () => {
    const s3 = fakeS3({ in: [{ key: 'incoming/my file+1 (copy).jpg' }], out: [] });
    const sqs = fakeSqs();
    await reconcile(config, s3, sqs, NOW);
    const message = JSON.parse(sqs.bodies[0]);
    expect(message['detail-type']).toBe('Object Created');
    expect(message.detail.bucket.name).toBe('in');
    expect(message.detail.object.key).toBe('incoming/my+file%2B1+(copy).jpg');
    expect(decodeS3Key(message.detail.object.key)).toBe('incoming/my file+1 (copy).jpg');
  });

  test('objects still in flight (younger than the minimum age) are left alone', async () => {
    const s3 = fakeS3({ in: [{ key: 'incoming/new.jpg', modified: new Date('2027-01-01T11:55:00Z') }, { key: 'incoming/old.jpg' }], out: [] });
    const sqs = fakeSqs();
    expect(await reconcile(config, s3, sqs, NOW)).toMatchObject({ scanned: 2, missing: 1, enqueued: 1 });
  });

  test('sends in batches of 10 and stops at maxEnqueue', async () => {
    const inputs = Array.from({ length: 25 }, (_, i) => ({ key: `incoming/${i}.jpg` }));
    const sqs = fakeSqs();
    const result = await reconcile({ ...config, maxEnqueue: 21 }, fakeS3({ in: inputs, out: [] }, 7), sqs, NOW);
    expect(result).toEqual({ scanned: 25, missing: 25, enqueued: 21, truncated: true });
    expect(sqs.bodies).toHaveLength(21);
  });

  test('a failed send fails the run (so the job retries and alarms), naming the objects', async () => {
    await expect(reconcile(config, fakeS3({ in: [{ key: 'incoming/x.jpg' }], out: [] }), fakeSqs(['0']), NOW))
      .rejects.toThrow('could not re-enqueue 1 object(s): incoming/x.jpg (KMS.AccessDenied)');
  });

  test('output keys mirror input keys below the prefixes; configuration comes from the environment', () => {
    expect(outputKeyFor('incoming/a/b.jpg', config)).toBe('thumbnails/a/b.jpg');
    expect(configFromEnvironment({ INPUT_BUCKET: 'i', OUTPUT_BUCKET: 'o', QUEUE_URL: 'q' })).toMatchObject({ inputPrefix: '', minimumAgeSeconds: 900, maxEnqueue: 10000 });
    expect(() => configFromEnvironment({ INPUT_BUCKET: 'i' })).toThrow('missing environment variable OUTPUT_BUCKET');
    expect(encodeS3Key('a b/c+d')).toBe('a+b/c%2Bd');
  });
});
