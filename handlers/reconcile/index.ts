import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { configFromEnvironment, metricsRecord, reconcile, ReconcileResult } from './reconcile';

// Created once per execution environment.
const s3 = new S3Client({});
const sqs = new SQSClient({});

/** The S3Pipeline reconciliation job (BP-P6), run by a ScheduledJob. */
export const handler = async (): Promise<ReconcileResult> => {
  const result = await reconcile(configFromEnvironment(process.env), s3, sqs);
  // The metrics (the construct alarms on ObjectsGivenUp), then the run's summary with the given-up keys.
  process.stdout.write(`${metricsRecord(result, process.env.AWS_LAMBDA_FUNCTION_NAME ?? 'unknown')}\n`);
  const log = result.givenUp > 0 ? console.warn : console.info;
  log(JSON.stringify({ message: 'reconciliation finished', ...result }));
  return result;
};
