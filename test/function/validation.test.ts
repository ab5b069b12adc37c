import { Duration, Lazy, Size, TimeZone } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ProvisionedConcurrencySchedule, ServerlessFunction, ServerlessFunctionProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

const layer = (i: number) => lambda.LayerVersion.fromLayerVersionArn(testStack(`L${i}`), `L${i}`, `arn:aws:lambda:us-east-1:123456789012:layer:l${i}:1`);

/** Provisioned concurrency 2–10 with one schedule named `name`. */
function pcSchedule(extra: Partial<ProvisionedConcurrencySchedule>, name = 'peak'): Partial<ServerlessFunctionProps> {
  return { provisionedConcurrency: { minCapacity: 2, maxCapacity: 10, schedules: [{ name, schedule: appscaling.Schedule.cron({ hour: '8', minute: '0' }), ...extra }] } };
}

/** [what, props, rule, prop, value shown, allowed shown] — every message names all four (BP-X4). */
const rows: [string, Partial<ServerlessFunctionProps>, string, string, string, string][] = [
  ['memory below 128 MB', { memorySize: 64 }, 'F3', 'memorySize', '64 MB', 'from 128 to 10,240 MB'],
  ['memory above 10,240 MB', { memorySize: 10_241 }, 'F3', 'memorySize', '10,241 MB', 'from 128 to 10,240 MB'],
  ['memory not whole', { memorySize: 512.5 }, 'F3', 'memorySize', '512.5 MB', 'a whole number'],
  ['timeout above 900 s', { timeout: Duration.minutes(16) }, 'F4', 'timeout', '960 s', 'from 1 to 900 s'],
  ['timeout below 1 s', { timeout: Duration.millis(500) }, 'F4', 'timeout', '0.5 s', 'from 1 to 900 s'],
  ['ephemeral storage below 512 MiB', { ephemeralStorageSize: Size.mebibytes(256) }, 'F12', 'ephemeralStorageSize', '256 MiB', 'from 512 to 10,240 MiB'],
  ['ephemeral storage above 10,240 MiB', { ephemeralStorageSize: Size.gibibytes(11) }, 'F12', 'ephemeralStorageSize', '11,264 MiB', 'from 512 to 10,240 MiB'],
  ['environment over 4 KB', { environment: { AA: 'x'.repeat(3000), BB: 'y'.repeat(1200) } }, 'F12', 'environment', '4,204 bytes', 'at most 4,096 bytes'],
  ['environment key with a hyphen', { environment: { 'my-var': 'x' } }, 'F12', "environment['my-var']", 'not a valid key', '[a-zA-Z][a-zA-Z0-9_]+'],
  ['environment key of one letter', { environment: { A: 'x' } }, 'F12', "environment['A']", 'not a valid key', 'at least one more'],
  ['reserved environment key', { environment: { AWS_REGION: 'eu-west-1' } }, 'F12', 'environment.AWS_REGION', 'a key the Lambda runtime reserves', '_HANDLER'],
  ['description over 256 characters', { description: 'd'.repeat(257) }, 'X4', 'description', '257 characters', 'at most 256 characters'],
  ['fractional ephemeral storage', { ephemeralStorageSize: Size.kibibytes(524800) }, 'F12', 'ephemeralStorageSize', '512.5 MiB', 'a whole number'],
  ['fractional timeout', { timeout: Duration.millis(1500) }, 'F4', 'timeout', '1.5 s', 'a whole number from 1 to 900 s'],
  ['allowAllOutbound without a VPC', { allowAllOutbound: false }, 'V1', 'allowAllOutbound', 'set without vpc', 'only for a function in a VPC'],
  ['async settings on a function that is not async', { retryAttempts: 1, maxEventAge: Duration.hours(1), invokedAsynchronously: false }, 'F11', 'retryAttempts, maxEventAge',
    'set together with invokedAsynchronously: false', 'only on a function invoked asynchronously'],
  ['alarm period of 10 s (high resolution, which Lambda metrics are not)', { alarms: { period: Duration.seconds(10) } }, 'F15', 'alarms.period', '10 s', 'a multiple of 60 s from 60 s to 604,800 s'],
  ['alarm period over 7 days', { alarms: { period: Duration.days(8) } }, 'F15', 'alarms.period', '691,200 s', 'a multiple of 60 s'],
  ['a schedule with neither min nor max', pcSchedule({}), 'F9', "provisionedConcurrency.schedules['peak']", 'a schedule with neither minCapacity nor maxCapacity', 'changes minCapacity, maxCapacity or both'],
  ['a schedule whose min is above its max', pcSchedule({ minCapacity: 8, maxCapacity: 4 }), 'F9', "provisionedConcurrency.schedules['peak'].minCapacity", '8 (the range from then on would be 8–4)',
    'a minimum no higher than the maximum'],
  ['a schedule min above the target max', pcSchedule({ minCapacity: 20 }), 'F9', "provisionedConcurrency.schedules['peak'].minCapacity", '20 (the range from then on would be 20–10)',
    'counting the target\'s values'],
  ['a schedule max below the target min', pcSchedule({ maxCapacity: 1 }), 'F9', "provisionedConcurrency.schedules['peak'].maxCapacity", '1 (the range from then on would be 2–1)', 'a minimum no higher'],
  ['a schedule in an unknown time zone', pcSchedule({ minCapacity: 4, timeZone: TimeZone.of('Europe/Nowhere') }), 'F9', "provisionedConcurrency.schedules['peak'].timeZone",
    "'Europe/Nowhere' (not an IANA time zone)", 'an IANA time-zone name'],
  ['a schedule name with a slash', pcSchedule({ minCapacity: 4 }, 'peak/hours'), 'F9', 'provisionedConcurrency.schedules[].name', "'peak/hours'", 'without :, /, |'],
  ['a runtime AWS no longer accepts', { runtime: lambda.Runtime.NODEJS_20_X }, 'F2', 'runtime', 'nodejs20.x (AWS blocks creating functions on it since 2026-06-01; deprecated 2026-04-30)',
    'a runtime AWS still accepts'],
  ['six layers', { layers: [1, 2, 3, 4, 5, 6].map(layer) }, 'F12', 'layers', '6 layers', 'at most 5 layers'],
  ['retries above 2', { retryAttempts: 3 }, 'F11', 'retryAttempts', '3', 'from 0 to 2'],
  ['event age below 60 s', { maxEventAge: Duration.seconds(30) }, 'F11', 'maxEventAge', '30 s', 'from 60 to 21,600 s'],
  ['event age above 6 h', { maxEventAge: Duration.hours(7) }, 'F11', 'maxEventAge', '25,200 s', 'from 60 to 21,600 s'],
  ['utilization target above 0.9', { provisionedConcurrency: { minCapacity: 1, maxCapacity: 5, utilizationTarget: 0.95 } }, 'F9', 'provisionedConcurrency.utilizationTarget', '0.95', 'from 0.1 to 0.9'],
  ['utilization target below 0.1', { provisionedConcurrency: { minCapacity: 1, maxCapacity: 5, utilizationTarget: 0.05 } }, 'F9', 'provisionedConcurrency.utilizationTarget', '0.05', 'from 0.1 to 0.9'],
  ['provisioned min above max', { provisionedConcurrency: { minCapacity: 5, maxCapacity: 2 } }, 'F9', 'provisionedConcurrency.minCapacity', '5 with maxCapacity 2', 'minCapacity <= maxCapacity'],
  ['provisioned min of 0', { provisionedConcurrency: { minCapacity: 0 } }, 'F9', 'provisionedConcurrency.minCapacity', '0', 'from 1 to'],
  ['utilization target without maxCapacity', { provisionedConcurrency: { minCapacity: 2, utilizationTarget: 0.5 } }, 'F9', 'provisionedConcurrency.utilizationTarget', '0.5 without maxCapacity', 'only together with maxCapacity'],
  ['provisioned above reserved', { reservedConcurrentExecutions: 5, provisionedConcurrency: { minCapacity: 2, maxCapacity: 10 } }, 'F10', 'provisionedConcurrency.maxCapacity', '10 with reservedConcurrentExecutions 5', 'no higher than'],
  ['negative reserved concurrency', { reservedConcurrentExecutions: -1 }, 'F10', 'reservedConcurrentExecutions', '-1', 'from 0 to'],
  ['literal password', { environment: { DB_PASSWORD: 'hunter2' } }, 'F13', 'environment.DB_PASSWORD', 'a literal value (not shown)', 'no secrets in environment variables'],
  ['literal api key', { environment: { STRIPE_API_KEY: 'sk_live_abc' } }, 'F13', 'environment.STRIPE_API_KEY', 'a literal value (not shown)', 'no secrets in environment variables'],
  ['literal token', { environment: { GITHUB_TOKEN: 'ghp_123' } }, 'F13', 'environment.GITHUB_TOKEN', 'a literal value (not shown)', 'no secrets in environment variables'],
  ['infinite log retention', { logRetention: logs.RetentionDays.INFINITE }, 'F6', 'logRetention', 'INFINITE', 'a finite retention'],
  ['bad alias name', { aliasName: '$LATEST' }, 'F8', 'aliasName', "'$LATEST'", '1–128 letters'],
  ['numeric alias name', { aliasName: '42' }, 'F8', 'aliasName', "'42'", 'not only digits'],
  ['deployment without alarms', { alarms: { enabled: false }, deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES } }, 'F16', 'deployment', 'set while alarms.enabled is false', 'only together with the function\'s alarms'],
  ['duration threshold above 100%', { alarms: { durationThresholdPercent: 120 } }, 'F15', 'alarms.durationThresholdPercent', '120 %', 'from 1 to 100 %'],
  ['errors threshold of 0', { alarms: { errorsThreshold: 0 } }, 'F15', 'alarms.errorsThreshold', '0', 'from 1 to'],
];

describe('ServerlessFunction bad input (BP-X4)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const message = errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), ...props }));
    expectViolation(message, rule, 'TestStack/Fn', prop, value, allowed);
  });

  test('BP-X4: code and entry together, or neither, is refused', () => {
    expect(errorOf(() => new ServerlessFunction(testStack(), 'Fn', {}))).toMatch(/code \/ entry is neither given; allowed: exactly one of them/);
    expect(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), entry: 'x.ts' }))).toMatch(/code \/ entry is both given/);
  });

  test('BP-X4: unresolved tokens are not checked', () => {
    const stack = testStack();
    const memory = Lazy.number({ produce: () => 64 });
    expect(() => new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(), memorySize: memory, environment: { DB_PASSWORD: Lazy.string({ produce: () => 'from-somewhere' }) },
    })).not.toThrow();
  });

  test('BP-F13: a Secrets Manager dynamic reference fails under any name', () => {
    const stack = testStack();
    const secret = new secretsmanager.Secret(stack, 'S');
    const message = errorOf(() => new ServerlessFunction(stack, 'Fn', { code: inlineCode(), environment: { CONFIG: secret.secretValue.unsafeUnwrap() } }));
    expect(message).toContain('[F13] TestStack/Fn: environment.CONFIG is a Secrets Manager dynamic reference');
    expect(message).toMatch(/Fix: pass the secret's ARN instead/);
    // the ARN itself is fine
    expect(() => new ServerlessFunction(stack, 'Ok', { code: inlineCode(), environment: { CONFIG_ARN: secret.secretArn } })).not.toThrow();
  });

  test('BP-F13: the secret value never appears in the message', () => {
    const message = errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), environment: { DB_PASSWORD: 'hunter2' } }));
    expect(message).not.toContain('hunter2');
    expect(message).toMatch(/Secrets Manager/);
  });
});
