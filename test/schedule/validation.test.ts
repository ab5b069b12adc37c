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
  ['cron minute out of range', { schedule: expr('cron(99 25 * * ? *)') }, 'S1', 'schedule', "'cron(99 25 * * ? *)' (minutes '99' is outside 0–59", 'cron(minutes hours'],
  ['cron hour out of range', { schedule: expr('cron(0 24 * * ? *)') }, 'S1', 'schedule', "'cron(0 24 * * ? *)' (hours '24' is outside 0–23", 'cron(minutes hours'],
  ['cron month name unknown', { schedule: expr('cron(0 2 1 FOO ? *)') }, 'S1', 'schedule', "'cron(0 2 1 FOO ? *)' (month 'FOO' is outside 1–12 (or JAN–DEC)", 'cron(minutes hours'],
  ['cron day-of-week 8', { schedule: expr('cron(0 2 ? * 8 *)') }, 'S1', 'schedule', "'cron(0 2 ? * 8 *)' (day-of-week '8'", 'cron(minutes hours'],
  ['cron step of 0', { schedule: expr('cron(0/0 2 * * ? *)') }, 'S1', 'schedule', "'cron(0/0 2 * * ? *)' (minutes '0/0'", 'cron(minutes hours'],
  ['cron year before 1970', { schedule: expr('cron(0 2 * * ? 1969)') }, 'S1', 'schedule', "'cron(0 2 * * ? 1969)' (year '1969' is outside 1970–2199", 'cron(minutes hours'],
  ['at() on 30 February', { schedule: expr('at(2027-02-30T10:00:00)') }, 'S1', 'schedule', "'at(2027-02-30T10:00:00)' (a date and time that does not exist)", 'at(yyyy-mm-ddThh:mm:ss)'],
  ['at() at 24:00', { schedule: expr('at(2027-03-01T24:00:00)') }, 'S1', 'schedule', "'at(2027-03-01T24:00:00)' (a date and time that does not exist)", 'at(yyyy-mm-ddThh:mm:ss)'],
  ['unknown time zone', { timeZone: TimeZone.of('Europe/Atlantis') }, 'S1', 'timeZone', "'Europe/Atlantis' (not an IANA time zone)", 'an IANA time-zone name'],
  ['unknown time zone in the schedule', { schedule: scheduler.ScheduleExpression.cron({ hour: '2', timeZone: TimeZone.of('Mars/Olympus') }) }, 'S1', 'schedule (its timeZone)',
    "'Mars/Olympus' (not an IANA time zone)", 'an IANA time-zone name'],
  ['description over 512 characters', { description: 'd'.repeat(513) }, 'S1', 'description', '513 characters', 'at most 512 characters'],
  ['invalid start date', { start: new Date('2027-13-45') }, 'S1', 'start', 'an invalid Date', 'a valid date and time'],
  ['invalid end date', { end: new Date('not a date') }, 'S1', 'end', 'an invalid Date', 'a valid date and time'],
  ['fractional timeout', { functionProps: { code: inlineCode(), timeout: Duration.millis(1500) } }, 'F4', 'timeout', '1.5 s', 'a whole number from 1 to 900 s'],
  ['memory reaches the core', { functionProps: { code: inlineCode(), memorySize: 20_000 } }, 'F3', 'memorySize', '20,000 MB', 'from 128 to 10,240 MB'],
];

describe('ScheduledJob bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const message = errorOf(() => new ScheduledJob(testStack(), 'Job', {
      schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }), functionProps: { code: inlineCode() }, ...props,
    }));
    expectViolation(message, rule, 'TestStack/Job', prop, value, allowed);
  });

  test.each([
    'cron(0/15 8-18 ? * MON-FRI *)', 'cron(0 2 L * ? *)', 'cron(0 2 15W * ? *)', 'cron(0 2 ? * 6#3 *)', 'cron(0 2 ? * 2L *)',
    'cron(5,35 14 ? JAN,JUL SUN 2027-2030)', 'cron(* * * * ? *)', 'at(2028-02-29T23:59:59)', 'rate(1 day)',
  ])('BP-S1: valid expression %s is accepted', (e) => {
    expect(() => new ScheduledJob(testStack(), 'Job', { schedule: expr(e), functionProps: { code: inlineCode() } })).not.toThrow();
  });

  test('BP-S4: reserved concurrency 0 points to enabled: false', () => {
    expect(errorOf(() => new ScheduledJob(testStack(), 'Job', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: { code: inlineCode(), reservedConcurrentExecutions: 0 },
    }))).toMatch(/Fix: to pause the job, set enabled: false instead/);
  });
});
