import { Duration } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { EdgeFunction, QueueWorker, ScheduledJob, ServerlessApi, ServerlessDashboard, StreamWorker } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('ServerlessDashboard under the judges (BP-X2, X3, F15)', () => {
  test('BP-X2/X3: a dashboard of a queue worker, a stream worker, a job, an API and an edge function — clean', () => {
    expect(judge('ServerlessDashboard', s => {
      new QueueWorker(s, 'Queue', { functionProps: { code: inlineCode() } });
      new StreamWorker(s, 'Stream', { functionProps: { code: inlineCode() } });
      new ScheduledJob(s, 'Job', { schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: { code: inlineCode() } });
      new ServerlessApi(s, 'Api', { routes: { 'GET /a': { code: inlineCode() } } });
      new EdgeFunction(s, 'Edge', { eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST, code: inlineCode() });
      new ServerlessDashboard(s, 'Ops', { dashboardName: 'orders-service' });
    })).toMatchObject(CLEAN);
  });
});
