import { Token, TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { IConstruct } from 'constructs';
import { fail } from '../private/validation';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/;
const CRON = /^cron\((.*)\)$/;

/**
 * Checks what can be known of a Scheduler expression at synth time (BP-S1): its form
 * (`cron(…)`, `rate(…)`, `at(…)`), cron's six fields with `?` in exactly one of day-of-month and
 * day-of-week, and rate's singular unit for 1 (`rate(1 hour)`) and plural otherwise.
 */
export function checkScheduleExpression(scope: IConstruct, schedule: scheduler.ScheduleExpression): void {
  const expr = schedule.expressionString;
  if (Token.isUnresolved(expr)) return;
  const bad: (why: string, fix: string) => never = (why, fix) => fail(scope, {
    rule: 'S1',
    prop: 'schedule',
    value: `'${expr}' (${why})`,
    allowed: 'cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)',
    fix,
  });
  const rate = RATE.exec(expr);
  if (rate) {
    const value = Number(rate[1]);
    const plural = rate[2].endsWith('s');
    if (value < 1) bad('a rate must be at least 1', 'use a positive rate, e.g. rate(5 minutes).');
    if ((value === 1) === plural) bad(`${value} needs the ${value === 1 ? 'singular' : 'plural'} unit`, `write rate(${value} ${value === 1 ? rate[2].replace(/s$/, '') : `${rate[2].replace(/s$/, '')}s`}).`);
    return;
  }
  if (AT.test(expr)) return;
  const cron = CRON.exec(expr);
  if (!cron) bad('not a cron, rate or at expression', 'build it with ScheduleExpression.cron({...}), .rate(Duration) or .at(Date).');
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) bad(`${fields.length} cron fields, 6 needed`, 'give minutes, hours, day-of-month, month, day-of-week and year, e.g. cron(0 2 * * ? *).');
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    bad('exactly one of day-of-month and day-of-week must be ?', `e.g. cron(${fields[0]} ${fields[1]} * ${fields[3]} ? ${fields[5]}) for every day.`);
  }
}

/**
 * The expression to schedule: the one given, or the same expression in `timeZone`. aws-scheduler's
 * `cron()` stamps UTC on expressions built without a zone, so UTC yields to `timeZone`; two
 * different non-UTC zones fail (BP-S1).
 */
export function withTimeZone(
  scope: IConstruct, schedule: scheduler.ScheduleExpression, timeZone: TimeZone | undefined,
): scheduler.ScheduleExpression {
  if (!timeZone) return schedule;
  const own = schedule.timeZone;
  if (own && own.timezoneName !== 'Etc/UTC' && own.timezoneName !== 'UTC' && own.timezoneName !== timeZone.timezoneName) {
    fail(scope, {
      rule: 'S1',
      prop: 'timeZone',
      value: `${timeZone.timezoneName} while the schedule says ${own.timezoneName}`,
      allowed: 'one time zone',
      fix: 'remove timeZone, or build the schedule without one.',
    });
  }
  return scheduler.ScheduleExpression.expression(schedule.expressionString, timeZone);
}
