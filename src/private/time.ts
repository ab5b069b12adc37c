import { TimeZone, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { fail } from './validation';

/**
 * Whether the runtime's IANA time-zone database knows `name` (Node.js ships ICU with the full database;
 * EventBridge Scheduler and Application Auto Scaling take IANA names).
 */
export function isKnownTimeZone(name: string): boolean {
  let known = KNOWN_TIME_ZONES.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = true;
    } catch {
      known = false;
    }
    KNOWN_TIME_ZONES.set(name, known);
  }
  return known;
}

/** Answers already looked up: building an Intl.DateTimeFormat costs about a millisecond. */
const KNOWN_TIME_ZONES = new Map<string, boolean>();

/** An IANA time zone, e.g. `TimeZone.of('Europe/Berlin')`; a typo fails synth instead of the deployment (X4). */
export function checkTimeZone(scope: IConstruct, timeZone: TimeZone | undefined, prop: string, rule: string): void {
  if (!timeZone || Token.isUnresolved(timeZone.timezoneName) || isKnownTimeZone(timeZone.timezoneName)) return;
  fail(scope, {
    rule,
    prop,
    value: `'${timeZone.timezoneName}' (not an IANA time zone)`,
    allowed: 'an IANA time-zone name such as Europe/Berlin, America/New_York or UTC',
    fix: 'use a TimeZone constant (TimeZone.EUROPE_BERLIN) or the exact IANA name.',
  });
}

/** A `Date` that holds a time (`new Date('2027-02-30')` is an Invalid Date, whose toISOString() throws). */
export function checkDate(scope: IConstruct, date: Date | undefined, prop: string, rule: string): void {
  if (date === undefined || !Number.isNaN(date.getTime())) return;
  fail(scope, {
    rule,
    prop,
    value: 'an invalid Date',
    allowed: 'a valid date and time',
    fix: 'build it from an ISO string that exists, e.g. new Date(\'2027-03-01T08:00:00Z\').',
  });
}
