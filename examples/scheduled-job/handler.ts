import { Logger } from '@aws-lambda-powertools/logger';
import type { ScheduledEvent } from 'aws-lambda';

const logger = new Logger({ serviceName: 'nightly-report' });

/** What the schedule sends (its static input). */
export interface ReportInput {
  readonly report: string;
}

/** The day a nightly run reports on: the calendar day before `now`, in UTC (yyyy-mm-dd). */
export function reportDay(now: Date): string {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - 1));
  return day.toISOString().slice(0, 10);
}

/**
 * Builds yesterday's report. Throwing fails the run: Lambda retries it (retryAttempts of the async
 * config on the alias), then sends the event and the error to the job's dead-letter queue (BP-S3).
 */
export const handler = async (event: ReportInput | ScheduledEvent): Promise<{ report: string; day: string }> => {
  const report = 'report' in event && typeof event.report === 'string' ? event.report : 'daily-orders';
  const day = reportDay(new Date());
  logger.info('building report', { report, day });
  return { report, day };
};
