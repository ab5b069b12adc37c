import { TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ScheduledJob } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('ScheduledJob under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    const verdict = judge('ScheduledJob-defaults', s => new ScheduledJob(s, 'Job', {
      schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0', timeZone: TimeZone.EUROPE_BERLIN }),
      functionProps: { code: inlineCode() },
    }));
    expect(verdict).toMatchObject(CLEAN);
  });
});
