import { Duration } from 'aws-cdk-lib';
import { EventWorker, EventWorkerProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

/** [what, props, rule, prop, value shown, allowed shown] (BP-X4). */
const rows: [string, Partial<EventWorkerProps>, string, string, string, string][] = [
  ['no pattern (plain JavaScript)', { eventPattern: undefined as any }, 'F20', 'eventPattern', 'missing', 'an object of events.EventPattern'],
  ['an empty pattern', { eventPattern: {} }, 'E1', 'eventPattern', 'empty (it names no field)', 'names at least one field'],
  ['a pattern of empty lists', { eventPattern: { source: [], detail: {} } }, 'E1', 'eventPattern', 'empty (it names no field)', 'names at least one field'],
  ['a string where a list goes', { eventPattern: { source: 'my.orders' as any } }, 'F20', 'eventPattern.source', "the string 'my.orders'", 'a list of strings'],
  ['retries above 185', { retryAttempts: 186 }, 'E2', 'retryAttempts', '186', 'from 0 to 185'],
  ['negative retries', { retryAttempts: -1 }, 'E2', 'retryAttempts', '-1', 'from 0 to 185'],
  ['fractional retries', { retryAttempts: 2.5 }, 'E2', 'retryAttempts', '2.5', 'a whole number from 0 to 185'],
  ['event age below 60 s', { maxEventAge: Duration.seconds(59) }, 'E2', 'maxEventAge', '59 s', 'from 60 to 86,400 s'],
  ['event age above 24 hours', { maxEventAge: Duration.hours(25) }, 'E2', 'maxEventAge', '90,000 s', 'from 60 to 86,400 s'],
  ['fractional event age (checked before conversion)', { maxEventAge: Duration.millis(90_500) }, 'E2', 'maxEventAge', '90.5 s', 'a whole number from 60 to 86,400 s'],
  ['rule name with a space', { ruleName: 'orders audit' }, 'E1', 'ruleName', "'orders audit'", '1–64 letters'],
  ['rule name of 65 characters', { ruleName: 'r'.repeat(65) }, 'E1', 'ruleName', `'${'r'.repeat(65)}'`, '1–64 letters'],
  ['description over 512 characters', { description: 'd'.repeat(513) }, 'E1', 'description', '513 characters', 'at most 512 characters'],
  ['memory reaches the core', { functionProps: { code: inlineCode(), memorySize: 20_000 } }, 'F3', 'memorySize', '20,000 MB', 'from 128 to 10,240 MB'],
  ['async retries reach the core', { functionProps: { code: inlineCode(), retryAttempts: 3 } }, 'F11', 'retryAttempts', '3', 'from 0 to 2'],
  ['functionProps not an object (plain JavaScript)', { functionProps: 'handler.ts' as any }, 'F20', 'functionProps', "the string 'handler.ts'", 'an object of ServerlessFunctionProps'],
];

describe('EventWorker bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const message = errorOf(() => new EventWorker(testStack(), 'Worker', {
      eventPattern: { source: ['my.orders'] }, functionProps: { code: inlineCode() }, ...props,
    }));
    expectViolation(message, rule, 'TestStack/Worker', prop, value, allowed);
  });

  test('BP-E1: a pattern on detail only, or on resources only, is accepted', () => {
    expect(() => new EventWorker(testStack(), 'W', { eventPattern: { detail: { status: ['PAID'] } }, functionProps: { code: inlineCode() } })).not.toThrow();
    expect(() => new EventWorker(testStack(), 'W', { eventPattern: { resources: ['arn:aws:s3:::b'] }, functionProps: { code: inlineCode() } })).not.toThrow();
  });
});
