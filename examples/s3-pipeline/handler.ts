import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';

const logger = new Logger({ serviceName: 'normalizer' });
const processor = new BatchProcessor(EventType.SQS);
const s3 = new S3Client({});

/** The part of S3's EventBridge "Object Created" event the worker uses. */
interface ObjectCreated {
  readonly detail: { readonly bucket: { readonly name: string }; readonly object: { readonly key: string } };
}

/** Where the pipeline put us (S3Pipeline sets these). */
export interface PipelineEnvironment {
  readonly INPUT_PREFIX?: string;
  readonly OUTPUT_BUCKET?: string;
  readonly OUTPUT_PREFIX?: string;
}

/**
 * Keys arrive URL-encoded: "my report.txt" is "my+report.txt", "a+b.txt" is "a%2Bb.txt" (BP-P5).
 * Decode `+` first, then `%XX`; the other order turns an encoded plus into a space.
 */
export function decodeS3Key(encoded: string): string {
  return decodeURIComponent(encoded.replace(/\+/g, ' '));
}

/** The result of `<INPUT_PREFIX><name>` goes to `<OUTPUT_PREFIX><name>` (what reconciliation checks). */
export function outputKeyFor(inputKey: string, env: PipelineEnvironment): string {
  const prefix = env.INPUT_PREFIX ?? '';
  if (!inputKey.startsWith(prefix)) throw new Error(`key ${inputKey} is outside the input prefix ${prefix}`);
  return (env.OUTPUT_PREFIX ?? '') + inputKey.slice(prefix.length);
}

/** The transformation: text with Unix line ends, no trailing spaces, one final newline. */
export function normalize(text: string): string {
  return text.replace(/\r\n?/g, '\n').split('\n').map(l => l.trimEnd()).join('\n').trimEnd() + '\n';
}

/** The S3 calls the worker makes, so tests can pass a double. */
export interface ObjectStore {
  read(bucket: string, key: string): Promise<string>;
  write(bucket: string, key: string, body: string): Promise<void>;
}

const awsStore: ObjectStore = {
  async read(bucket, key) {
    const r = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return r.Body!.transformToString('utf-8');
  },
  async write(bucket, key, body) {
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: 'text/plain; charset=utf-8' }));
  },
};

/** Processes one queue message (an S3 event delivered by EventBridge, or a reconciliation re-enqueue). */
export async function processMessage(body: string, env: PipelineEnvironment, store: ObjectStore): Promise<string> {
  const event = JSON.parse(body) as ObjectCreated;
  const key = decodeS3Key(event.detail.object.key);
  const target = outputKeyFor(key, env);
  await store.write(env.OUTPUT_BUCKET!, target, normalize(await store.read(event.detail.bucket.name, key)));
  logger.info('normalized', { key, target });
  return target;
}

const recordHandler = async (record: SQSRecord): Promise<void> => {
  await processMessage(record.body, process.env as PipelineEnvironment, awsStore);
};

/** Reports only the failed messages (BP-Q3). */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, recordHandler, processor, { context });
