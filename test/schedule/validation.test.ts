import { Duration, TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ScheduledJob, ScheduledJobProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

const expr = (e: string) => scheduler.ScheduleExpression.expression(e);

/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: [string, Partial<ScheduledJobProps>, string, string, string, string][] = [
  ['retries above 185', { retryAttempts: 186 }, 'S2', 'retryAttempts', '186', 'from 0 to 185'],
  ['negative retries', { retryAttempts: -1 }, 'S2', 'retryAttempts', '-1', 'from 0 to 185'],
  ['event age below 60 s', { maxEventAge: Duration.seconds(30) }, 'S2', 'maxEventAge', '30 s', 'from 60 to 86,400 s'],
  ['event age above a day', { maxEventAge: Duration.hours(25) }, 'S2', 'maxEventAge', '90,000 s', 'from 60 to 86,400 s'],
  ['flexible window above 1,440 minutes', { flexibleTimeWindow: Duration.hours(25) }, 'S1', 'flexibleTimeWindow', '1,500 minutes', 'from 1 to 1,440 minutes'],
  ['flexible window below a minute', { flexibleTimeWindow: Duration.seconds(30) }, 'S1', 'flexibleTimeWindow', '0.5 minutes', 'from 1 to 1,440 minutes'],
  ['end before start', { start: new Date('2027-06-01T00:00:00Z'), end: new Date('2027-01-01T00:00:00Z') }, 'S1', 'end', '2027-01-01T00:00:00.000Z (start is 2027-06-01T00:00:00.000Z)', 'an end after the start'],
  ['timeout over 900 s', { functionProps: { code: inlineCode(), timeout: Duration.minutes(20) } }, 'S5', 'functionProps.timeout', '1200 s', 'at most 900 s'],
  ['cron with five fields', { schedule: expr('cron(0 2 * * ?)') }, 'S1', 'schedule', "'cron(0 2 * * ?)' (5 cron fields, 6 needed)", 'cron(minutes hours'],
  ['cron without ?', { schedule: expr('cron(0 2 * * * *)') }, 'S1', 'schedule', "'cron(0 2 * * * *)' (exactly one of day-of-month and day-of-week must be ?)", 'cron(minutes hours'],
  ['cron with two ?', { schedule: expr('cron(0 2 ? * ? *)') }, 'S1', 'schedule', "'cron(0 2 ? * ? *)' (exactly one of day-of-month and day-of-week must be ?)", 'cron(minutes hours'],
  ['rate with a plural unit for 1', { schedule: expr('rate(1 hours)') }, 'S1', 'schedule', "'rate(1 hours)' (1 needs the singular unit)", 'rate(value unit)'],
  ['rate with a singular unit for 5', { schedule: expr('rate(5 minute)') }, 'S1', 'schedule', "'rate(5 minute)' (5 needs the plural unit)", 'rate(value unit)'],
  ['rate of 0', { schedule: expr('rate(0 minutes)') }, 'S1', 'schedule', "'rate(0 minutes)' (a rate must be at least 1)", 'rate(value unit)'],
  ['not an expression', { schedule: expr('every day at 2') }, 'S1', 'schedule', "'every day at 2' (not a cron, rate or at expression)", 'at(yyyy-mm-ddThh:mm:ss)'],
  ['two time zones', { schedule: scheduler.ScheduleExpression.cron({ hour: '2', timeZone: TimeZone.EUROPE_BERLIN }), timeZone: TimeZone.AMERICA_NEW_YORK }, 'S1', 'timeZone', 'America/New_York while the schedule says Europe/Berlin', 'one time zone'],
  ['overlap allowed through reserved concurrency', { functionProps: { code: inlineCode(), reservedConcurrentExecutions: 5 } }, 'S4', 'functionProps.reservedConcurrentExecutions', '5 without allowConcurrentRuns', '1 (the default'],
  ['memory reaches the core', { functionProps: { code: inlineCode(), memorySize: 20_000 } }, 'F3', 'memorySize', '20,000 MB', 'from 128 to 10,240 MB'],
];

describe('ScheduledJob bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const message = errorOf(() => new ScheduledJob(testStack(), 'Job', {
      schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }), functionProps: { code: inlineCode() }, ...props,
    }));
    expectViolation(message, rule, 'TestStack/Job', prop, value, allowed);
  });

  test('BP-S4: reserved concurrency 0 points to enabled: false', () => {
    expect(errorOf(() => new ScheduledJob(testStack(), 'Job', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: { code: inlineCode(), reservedConcurrentExecutions: 0 },
    }))).toMatch(/Fix: to pause the job, set enabled: false instead/);
  });
});
