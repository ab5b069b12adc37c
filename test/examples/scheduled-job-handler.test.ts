import type { ScheduledEvent } from 'aws-lambda';
import { handler, reportDay } from '../../examples/scheduled-job/handler';

describe('examples/scheduled-job handler', () => {
  test('reports on the previous UTC day, across month and year ends', () => {
    expect(reportDay(new Date('2027-03-01T00:30:00Z'))).toBe('2027-02-28');
    expect(reportDay(new Date('2028-01-01T23:59:00Z'))).toBe('2027-12-31');
  });

  test('uses the report named in the schedule input, or the default', async () => {
    await expect(handler({ report: 'weekly-refunds' })).resolves.toMatchObject({ report: 'weekly-refunds' });
    const scheduledEvent: ScheduledEvent = {
      'version': '0',
      'id': 'x',
      'detail-type': 'Scheduled Event',
      'source': 'aws.scheduler',
      'account': '123456789012',
      'time': '2027-01-01T01:30:00Z',
      'region': 'eu-central-1',
      'resources': [],
      'detail': {},
    };
    await expect(handler(scheduledEvent)).resolves.toMatchObject({ report: 'daily-orders' });
  });
});
