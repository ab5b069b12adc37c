import { ListObjectsV2Command, ListObjectsV2CommandOutput } from '@aws-sdk/client-s3';
import { SendMessageBatchCommand, SendMessageBatchCommandOutput } from '@aws-sdk/client-sqs';
import { encodeS3Key } from './keys';

/** What the reconciliation compares and where it re-enqueues (from the function's environment). */
export interface ReconcileConfig {
  readonly inputBucket: string;
  readonly inputPrefix: string;
  readonly inputSuffix: string;
  readonly outputBucket: string;
  readonly outputPrefix: string;
  readonly queueUrl: string;
  /** Objects younger than this are still in flight and left alone. */
  readonly minimumAgeSeconds: number;
  /** Stop re-enqueueing after this many per run (a runaway guard). */
  readonly maxEnqueue: number;
}

/** The minimal client surfaces used, so tests can pass doubles. */
export interface S3Sender { send(command: ListObjectsV2Command): Promise<ListObjectsV2CommandOutput> }
export interface SqsSender { send(command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput> }

/** What one run did. */
export interface ReconcileResult {
  readonly scanned: number;
  readonly missing: number;
  readonly enqueued: number;
  readonly truncated: boolean;
}

/** Every key (and its last-modified time) under a prefix, across all pages. */
export async function listAll(s3: S3Sender, bucket: string, prefix: string): Promise<Map<string, Date | undefined>> {
  const keys = new Map<string, Date | undefined>();
  let token: string | undefined;
  do {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix || undefined, ContinuationToken: token }));
    for (const o of page.Contents ?? []) if (o.Key !== undefined) keys.set(o.Key, o.LastModified);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys;
}

/** Where the worker writes the result of an input object: the output prefix + the key below the input prefix. */
export function outputKeyFor(inputKey: string, c: Pick<ReconcileConfig, 'inputPrefix' | 'outputPrefix'>): string {
  return c.outputPrefix + inputKey.slice(c.inputPrefix.length);
}

/** The message the worker receives for a re-enqueued object: the same shape as S3's EventBridge event. */
export function objectCreatedMessage(bucket: string, key: string): string {
  return JSON.stringify({
    'version': '0',
    'detail-type': 'Object Created',
    'source': 'cdk-serverless-patterns.reconciliation',
    'detail': { bucket: { name: bucket }, object: { key: encodeS3Key(key) }, reason: 'Reconciliation' },
  });
}

/**
 * Finds input objects with no output object and sends them to the worker's queue again (BP-P6):
 * "never rely solely on event-driven processing".
 */
export async function reconcile(c: ReconcileConfig, s3: S3Sender, sqs: SqsSender, now: Date = new Date()): Promise<ReconcileResult> {
  const inputs = await listAll(s3, c.inputBucket, c.inputPrefix);
  const outputs = await listAll(s3, c.outputBucket, c.outputPrefix);
  const missing: string[] = [];
  let scanned = 0;
  for (const [key, modified] of inputs) {
    if (!key.endsWith(c.inputSuffix) || key.endsWith('/')) continue;
    scanned++;
    const age = modified ? (now.getTime() - modified.getTime()) / 1000 : Infinity;
    if (age < c.minimumAgeSeconds) continue;
    if (!outputs.has(outputKeyFor(key, c))) missing.push(key);
  }
  const toSend = missing.slice(0, c.maxEnqueue);
  let enqueued = 0;
  for (let i = 0; i < toSend.length; i += 10) {
    const batch = toSend.slice(i, i + 10);
    const r = await sqs.send(new SendMessageBatchCommand({
      QueueUrl: c.queueUrl,
      Entries: batch.map((key, j) => ({ Id: String(j), MessageBody: objectCreatedMessage(c.inputBucket, key) })),
    }));
    if (r.Failed && r.Failed.length > 0) {
      throw new Error(`could not re-enqueue ${r.Failed.length} object(s): ${r.Failed.map(f => `${batch[Number(f.Id)]} (${f.Code})`).join(', ')}`);
    }
    enqueued += batch.length;
  }
  return { scanned, missing: missing.length, enqueued, truncated: missing.length > toSend.length };
}

/** Reads the configuration from the environment the construct sets. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): ReconcileConfig {
  const need = (name: string): string => {
    const v = env[name];
    if (v === undefined) throw new Error(`missing environment variable ${name}`);
    return v;
  };
  return {
    inputBucket: need('INPUT_BUCKET'),
    inputPrefix: env.INPUT_PREFIX ?? '',
    inputSuffix: env.INPUT_SUFFIX ?? '',
    outputBucket: need('OUTPUT_BUCKET'),
    outputPrefix: env.OUTPUT_PREFIX ?? '',
    queueUrl: need('QUEUE_URL'),
    minimumAgeSeconds: Number(env.MINIMUM_AGE_SECONDS ?? '900'),
    maxEnqueue: Number(env.MAX_ENQUEUE ?? '10000'),
  };
}
