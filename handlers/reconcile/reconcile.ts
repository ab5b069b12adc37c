import {
  GetObjectTaggingCommand, GetObjectTaggingCommandOutput, ListObjectsV2Command, ListObjectsV2CommandOutput,
  PutObjectTaggingCommand, PutObjectTaggingCommandOutput, Tag,
} from '@aws-sdk/client-s3';
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
  /** Re-enqueue one object at most this many times in all; then give up on it (and say so). */
  readonly maxAttempts: number;
}

/**
 * The object tag that counts how often reconciliation re-enqueued an object. Adding a tag does not create
 * an object version and emits "Object Tags Added", not "Object Created", so it never triggers the pipeline.
 */
export const ATTEMPTS_TAG = 'cdk-serverless-patterns:reconcile-attempts';
/** S3 allows at most 10 tags per object. */
const MAX_TAGS = 10;

/** The minimal client surfaces used, so tests can pass doubles. */
export interface S3Sender {
  send(command: ListObjectsV2Command): Promise<ListObjectsV2CommandOutput>;
  send(command: GetObjectTaggingCommand): Promise<GetObjectTaggingCommandOutput>;
  send(command: PutObjectTaggingCommand): Promise<PutObjectTaggingCommandOutput>;
}
export interface SqsSender { send(command: SendMessageBatchCommand): Promise<SendMessageBatchCommandOutput> }

/** What one run did. */
export interface ReconcileResult {
  readonly scanned: number;
  readonly missing: number;
  readonly enqueued: number;
  /** Objects re-enqueued `maxAttempts` times already (or with no room for the attempts tag): left alone. */
  readonly givenUp: number;
  /** The first few of them, for the log. */
  readonly givenUpKeys: string[];
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

/** The object's tags, and how often reconciliation re-enqueued it (its attempts tag). */
async function attemptsOf(s3: S3Sender, bucket: string, key: string): Promise<{ others: Tag[]; attempts: number }> {
  const tags = (await s3.send(new GetObjectTaggingCommand({ Bucket: bucket, Key: key }))).TagSet ?? [];
  const mine = tags.find(t => t.Key === ATTEMPTS_TAG);
  return { others: tags.filter(t => t.Key !== ATTEMPTS_TAG), attempts: mine ? Number(mine.Value) || 0 : 0 };
}

/**
 * Finds input objects with no output object and sends them to the worker's queue again (BP-P6):
 * "never rely solely on event-driven processing". Objects younger than `minimumAgeSeconds` may still be in
 * the worker's retry window and are left alone. Each object is re-enqueued at most `maxAttempts` times (an
 * object tag counts them); after that it is given up on, counted in the result, never sent again.
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
  const toSend: { key: string; others: Tag[]; attempts: number }[] = [];
  const givenUp: string[] = [];
  let truncated = false;
  for (const key of missing) {
    if (toSend.length >= c.maxEnqueue) {
      truncated = true;
      break;
    }
    const { others, attempts } = await attemptsOf(s3, c.inputBucket, key);
    if (attempts >= c.maxAttempts || others.length >= MAX_TAGS) givenUp.push(key);
    else toSend.push({ key, others, attempts });
  }
  let enqueued = 0;
  for (let i = 0; i < toSend.length; i += 10) {
    const batch = toSend.slice(i, i + 10);
    const r = await sqs.send(new SendMessageBatchCommand({
      QueueUrl: c.queueUrl,
      Entries: batch.map((o, j) => ({ Id: String(j), MessageBody: objectCreatedMessage(c.inputBucket, o.key) })),
    }));
    const failed = new Set((r.Failed ?? []).map(f => Number(f.Id)));
    // Count the attempt of every object that was sent, before reporting the ones that were not.
    for (const [j, o] of batch.entries()) {
      if (failed.has(j)) continue;
      await s3.send(new PutObjectTaggingCommand({
        Bucket: c.inputBucket,
        Key: o.key,
        Tagging: { TagSet: [...o.others, { Key: ATTEMPTS_TAG, Value: String(o.attempts + 1) }] },
      }));
      enqueued++;
    }
    if (failed.size > 0) {
      throw new Error(`could not re-enqueue ${failed.size} object(s): ${(r.Failed ?? []).map(f => `${batch[Number(f.Id)].key} (${f.Code})`).join(', ')}`);
    }
  }
  return { scanned, missing: missing.length, enqueued, givenUp: givenUp.length, givenUpKeys: givenUp.slice(0, 20), truncated };
}

/** The metric namespace of the reconciliation's own metrics (one dimension: the function's name). */
export const METRIC_NAMESPACE = 'CdkServerlessPatterns/S3Pipeline';

/**
 * One CloudWatch embedded-metric-format record of a run: `ObjectsReenqueued` and `ObjectsGivenUp`. Written
 * straight to standard output (not through the runtime's console, which wraps lines in the JSON log format).
 */
export function metricsRecord(result: ReconcileResult, functionName: string, now: Date = new Date()): string {
  return JSON.stringify({
    _aws: {
      Timestamp: now.getTime(),
      CloudWatchMetrics: [{
        Namespace: METRIC_NAMESPACE,
        Dimensions: [['FunctionName']],
        Metrics: [{ Name: 'ObjectsReenqueued', Unit: 'Count' }, { Name: 'ObjectsGivenUp', Unit: 'Count' }],
      }],
    },
    FunctionName: functionName,
    ObjectsReenqueued: result.enqueued,
    ObjectsGivenUp: result.givenUp,
  });
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
    maxAttempts: Number(env.MAX_ATTEMPTS ?? '3'),
  };
}
