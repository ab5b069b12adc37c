import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { configFromEnvironment, reconcile, ReconcileResult } from './reconcile';

// Created once per execution environment.
const s3 = new S3Client({});
const sqs = new SQSClient({});

/** The S3Pipeline reconciliation job (BP-P6), run by a ScheduledJob. */
export const handler = async (): Promise<ReconcileResult> => {
  const result = await reconcile(configFromEnvironment(process.env), s3, sqs);
  console.log(JSON.stringify({ level: 'INFO', message: 'reconciliation finished', ...result }));
  return result;
};
