import { GetObjectTaggingCommand, ListObjectsV2Command, PutObjectTaggingCommand, Tag } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { decodeS3Key, encodeS3Key } from '../../handlers/reconcile/keys';
import {
  ATTEMPTS_TAG, configFromEnvironment, metricsRecord, outputKeyFor, reconcile, ReconcileConfig, S3Sender, SqsSender,
} from '../../handlers/reconcile/reconcile';

const NOW = new Date('2027-01-01T12:00:00Z');
const OLD = new Date('2027-01-01T10:00:00Z');

/**
 * An S3 double: serves each bucket's keys in pages of `pageSize`, like ListObjectsV2, and keeps object tags
 * (Get/PutObjectTagging) per bucket and key.
 */
type FakeS3 = S3Sender & { calls: ListObjectsV2Command[]; tags: Map<string, Tag[]> };
function fakeS3(buckets: Record<string, { key: string; modified?: Date; tags?: Tag[] }[]>, pageSize = 2): FakeS3 {
  const calls: ListObjectsV2Command[] = [];
  const tags = new Map<string, Tag[]>();
  for (const [bucket, objects] of Object.entries(buckets)) for (const o of objects) if (o.tags) tags.set(`${bucket}/${o.key}`, o.tags);
  const send = async (command: unknown): Promise<any> => {
    if (command instanceof GetObjectTaggingCommand) {
      return { $metadata: {}, TagSet: tags.get(`${command.input.Bucket}/${command.input.Key}`) ?? [] };
    }
    if (command instanceof PutObjectTaggingCommand) {
      tags.set(`${command.input.Bucket}/${command.input.Key}`, command.input.Tagging!.TagSet!);
      return { $metadata: {} };
    }
    const list = command as ListObjectsV2Command;
    calls.push(list);
    const { Bucket, Prefix, ContinuationToken } = list.input;
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
  };
  return { calls, tags, send: send as S3Sender['send'] };
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
  maxAttempts: 3,
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
    expect(result).toEqual({ scanned: 4, missing: 2, enqueued: 2, givenUp: 0, givenUpKeys: [], truncated: false });
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
    expect(result).toEqual({ scanned: 25, missing: 25, enqueued: 21, givenUp: 0, givenUpKeys: [], truncated: true });
    expect(sqs.bodies).toHaveLength(21);
  });

  test('BP-P6: an object that keeps failing is re-enqueued at most maxAttempts times, then given up on (and counted)', async () => {
    const s3 = fakeS3({ in: [{ key: 'incoming/poison.jpg', tags: [{ Key: 'owner', Value: 'team-a' }] }, { key: 'incoming/ok.jpg' }], out: [] });
    const runs = [];
    for (let run = 0; run < 5; run++) runs.push(await reconcile(config, s3, fakeSqs(), NOW));
    expect(runs.map(r => r.enqueued)).toEqual([2, 2, 2, 0, 0]);
    expect(runs.map(r => r.givenUp)).toEqual([0, 0, 0, 2, 2]);
    expect(runs[3].givenUpKeys).toEqual(['incoming/poison.jpg', 'incoming/ok.jpg']);
    // The attempt count lives in a tag next to the user's own tags, which are kept.
    expect(s3.tags.get('in/incoming/poison.jpg')).toEqual([{ Key: 'owner', Value: 'team-a' }, { Key: ATTEMPTS_TAG, Value: '3' }]);
  });

  test('BP-P6: an object with no room for the attempts tag (10 tags) is given up on, not re-enqueued forever', async () => {
    const full = Array.from({ length: 10 }, (_, i) => ({ Key: `t${i}`, Value: 'v' }));
    const result = await reconcile(config, fakeS3({ in: [{ key: 'incoming/full.jpg', tags: full }], out: [] }), fakeSqs(), NOW);
    expect(result).toMatchObject({ enqueued: 0, givenUp: 1, givenUpKeys: ['incoming/full.jpg'] });
  });

  test('BP-P6: the run\'s metrics are one embedded-metric-format record (ObjectsGivenUp is alarmed)', () => {
    const record = JSON.parse(metricsRecord({ scanned: 3, missing: 2, enqueued: 1, givenUp: 1, givenUpKeys: ['k'], truncated: false }, 'fn', NOW));
    expect(record).toEqual({
      _aws: {
        Timestamp: NOW.getTime(),
        CloudWatchMetrics: [{
          Namespace: 'CdkServerlessPatterns/S3Pipeline',
          Dimensions: [['FunctionName']],
          Metrics: [{ Name: 'ObjectsReenqueued', Unit: 'Count' }, { Name: 'ObjectsGivenUp', Unit: 'Count' }],
        }],
      },
      FunctionName: 'fn',
      ObjectsReenqueued: 1,
      ObjectsGivenUp: 1,
    });
  });

  test('a failed send fails the run (so the job retries and alarms), naming the objects', async () => {
    await expect(reconcile(config, fakeS3({ in: [{ key: 'incoming/x.jpg' }], out: [] }), fakeSqs(['0']), NOW))
      .rejects.toThrow('could not re-enqueue 1 object(s): incoming/x.jpg (KMS.AccessDenied)');
  });

  test('output keys mirror input keys below the prefixes; configuration comes from the environment', () => {
    expect(outputKeyFor('incoming/a/b.jpg', config)).toBe('thumbnails/a/b.jpg');
    expect(configFromEnvironment({ INPUT_BUCKET: 'i', OUTPUT_BUCKET: 'o', QUEUE_URL: 'q' })).toMatchObject({ inputPrefix: '', minimumAgeSeconds: 900, maxEnqueue: 10000, maxAttempts: 3 });
    expect(() => configFromEnvironment({ INPUT_BUCKET: 'i' })).toThrow('missing environment variable OUTPUT_BUCKET');
    expect(encodeS3Key('a b/c+d')).toBe('a+b/c%2Bd');
  });
});
