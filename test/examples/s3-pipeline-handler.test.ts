import { decodeS3Key, normalize, ObjectStore, outputKeyFor, processMessage } from '../../examples/s3-pipeline/handler';

const env = { INPUT_PREFIX: 'uploads/', OUTPUT_BUCKET: 'out-bucket', OUTPUT_PREFIX: 'normalized/' };

/** S3's EventBridge event as the queue delivers it (the key URL-encoded). */
const message = (key: string) => JSON.stringify({
  'version': '0',
  'detail-type': 'Object Created',
  'source': 'aws.s3',
  'detail': { bucket: { name: 'in-bucket' }, object: { key, size: 12 }, reason: 'PutObject' },
});

function memoryStore(objects: Record<string, string>): ObjectStore & { written: Record<string, string> } {
  const written: Record<string, string> = {};
  return {
    written,
    async read(bucket, key) {
      const v = objects[`${bucket}/${key}`];
      if (v === undefined) throw new Error(`NoSuchKey: ${bucket}/${key}`);
      return v;
    },
    async write(bucket, key, body) { written[`${bucket}/${key}`] = body; },
  };
}

describe('examples/s3-pipeline handler', () => {
  test('BP-P5: decodes + and %XX in keys, in the right order', () => {
    expect(decodeS3Key('uploads/my+report+%282%29.txt')).toBe('uploads/my report (2).txt');
    expect(decodeS3Key('uploads/a%2Bb.txt')).toBe('uploads/a+b.txt');
    expect(decodeS3Key('uploads/caf%C3%A9.txt')).toBe('uploads/café.txt');
  });

  test('reads the decoded key and writes the normalized text to the mirrored output key', async () => {
    const store = memoryStore({ 'in-bucket/uploads/my report.txt': 'line one  \r\nline two\r\n\r\n' });
    await expect(processMessage(message('uploads/my+report.txt'), env, store)).resolves.toBe('normalized/my report.txt');
    expect(store.written).toEqual({ 'out-bucket/normalized/my report.txt': 'line one\nline two\n' });
  });

  test('a key outside the input prefix is an error, not a silent write elsewhere', () => {
    expect(() => outputKeyFor('elsewhere/x.txt', env)).toThrow('outside the input prefix');
    expect(normalize('a\rb')).toBe('a\nb\n');
  });
});
