import { Token, TimeZone } from 'aws-cdk-lib';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { IConstruct } from 'constructs';
import { fail } from '../private/validation';

const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const AT = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/;
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
  const at = AT.exec(expr);
  if (at) {
    const [, y, mo, d, h, mi, se] = at.map(Number);
    const t = new Date(Date.UTC(y, mo - 1, d, h, mi, se));
    const back = [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes(), t.getUTCSeconds()];
    if (back.some((v, i) => v !== [y, mo, d, h, mi, se][i])) {
      bad('a date and time that does not exist', 'give a real date, e.g. at(2027-02-28T09:00:00).');
    }
    return;
  }
  const cron = CRON.exec(expr);
  if (!cron) bad('not a cron, rate or at expression', 'build it with ScheduleExpression.cron({...}), .rate(Duration) or .at(Date).');
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) bad(`${fields.length} cron fields, 6 needed`, 'give minutes, hours, day-of-month, month, day-of-week and year, e.g. cron(0 2 * * ? *).');
  const [, , dayOfMonth, , dayOfWeek] = fields;
  if ((dayOfMonth === '?') === (dayOfWeek === '?')) {
    bad('exactly one of day-of-month and day-of-week must be ?', `e.g. cron(${fields[0]} ${fields[1]} * ${fields[3]} ? ${fields[5]}) for every day.`);
  }
  fields.forEach((field, i) => {
    const spec = CRON_FIELDS[i];
    if (!cronFieldOk(field, spec)) {
      bad(`${spec.name} '${field}' is outside ${spec.min}–${spec.max}${spec.names ? ` (or ${spec.names[0]}–${spec.names[spec.names.length - 1]})` : ''} or not a valid field`,
        `use values ${spec.min}–${spec.max}, lists (a,b), ranges (a-b), increments (a/n) or *${spec.extra ? `, ${spec.extra}` : ''}.`);
    }
  });
}

/** The six fields of an EventBridge Scheduler cron expression (docs: "Cron expressions reference"). */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: string[];
  /** Special forms this field allows: `?`, `L`, `W`, `#`. */
  readonly special?: RegExp;
  readonly extra?: string;
}
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const CRON_FIELDS: CronField[] = [
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31, special: /^(\?|L|LW|([1-9]|[12]\d|3[01])W)$/, extra: '?, L, LW or nW' },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, special: /^(\?|L|([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)(L|#[1-5]))$/i, extra: '?, L, nL or n#k' },
  { name: 'year', min: 1970, max: 2199 },
];

function cronFieldOk(field: string, spec: CronField): boolean {
  if (spec.special?.test(field)) return true;
  const value = (v: string): number | undefined => {
    const named = spec.names?.indexOf(v.toUpperCase()) ?? -1;
    if (named >= 0) return named + spec.min;
    if (!/^\d+$/.test(v)) return undefined;
    const n = Number(v);
    return n >= spec.min && n <= spec.max ? n : undefined;
  };
  return field.split(',').every(item => {
    const [base, step, ...rest] = item.split('/');
    if (rest.length > 0 || (step !== undefined && !/^[1-9]\d*$/.test(step))) return false;
    if (base === '*') return true;
    const range = base.split('-');
    if (range.length > 2) return false;
    const ends = range.map(value);
    return ends.every(e => e !== undefined);
  });
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
