import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from './nag';
import { definedOnly } from './props';

/** How long a dead-letter or on-failure queue keeps a message: the SQS maximum (BP-Q1, F11). */
export const DEAD_LETTER_RETENTION = Duration.days(14);

/** Options of `createSecureQueue`: the queue settings a pattern may choose. */
export interface SecureQueueOptions {
  readonly fifo?: boolean;
  readonly contentBasedDeduplication?: boolean;
  readonly encryptionKey?: kms.IKey;
  readonly retentionPeriod?: Duration;
  readonly visibilityTimeout?: Duration;
  readonly deadLetterQueue?: sqs.DeadLetterQueue;
  readonly redriveAllowPolicy?: sqs.RedriveAllowPolicy;
  readonly queueName?: string;
}

/**
 * Every queue the library creates: encrypted at rest (SQS-managed keys, or the KMS key given) and
 * reachable only over TLS (BP-Q6; cdk-nag AwsSolutions-SQS2/SQS4, Control Tower CT.SQS.PR.2).
 */
export function createSecureQueue(scope: Construct, id: string, o: SecureQueueOptions = {}): sqs.Queue {
  return new sqs.Queue(scope, id, {
    fifo: o.fifo ? true : undefined,
    contentBasedDeduplication: o.fifo ? o.contentBasedDeduplication : undefined,
    encryption: o.encryptionKey ? sqs.QueueEncryption.KMS : sqs.QueueEncryption.SQS_MANAGED,
    encryptionMasterKey: o.encryptionKey,
    enforceSSL: true,
    retentionPeriod: o.retentionPeriod,
    visibilityTimeout: o.visibilityTimeout,
    deadLetterQueue: o.deadLetterQueue,
    redriveAllowPolicy: o.redriveAllowPolicy,
    queueName: o.queueName,
  });
}

/**
 * A queue that is itself where failures go (a dead-letter queue, an on-failure destination): secure, kept 14
 * days, and acknowledged for the one finding that cannot apply to it — a dead-letter queue of its own
 * (cdk-nag AwsSolutions-SQS3, Serverless-SQSRedrivePolicy). `role` says what it is, for the reason.
 */
export function createFailureQueue(scope: Construct, id: string, role: string, o: SecureQueueOptions = {}): sqs.Queue {
  const queue = createSecureQueue(scope, id, { retentionPeriod: DEAD_LETTER_RETENTION, ...definedOnly(o) });
  acknowledge(queue, `This queue is ${role}; a dead-letter queue of a dead-letter queue adds nothing.`, 'AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy');
  return queue;
}
