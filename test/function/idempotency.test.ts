import { Duration } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { QueueWorker, ScheduledJob, ServerlessFunction, StreamWorker } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

const fnEnv = (t: Template, key: string) => Object.values(t.findResources('AWS::Lambda::Function')).map((r: any) => r.Properties.Environment?.Variables?.[key]);

describe('idempotency (BP-I1–I4)', () => {
  test('BP-I1: a table in Powertools\' shape: key id, TTL on expiration, on-demand, PITR, encrypted, retained', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), idempotency: {} });
    const t = Template.fromStack(stack);
    t.hasResource('AWS::DynamoDB::Table', {
      Properties: {
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        TimeToLiveSpecification: { AttributeName: 'expiration', Enabled: true },
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        SSESpecification: { SSEEnabled: true },
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(fn.idempotencyTable).toBeDefined();
  });

  test('BP-I2: item actions on that table only, and the table name and window in the environment', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), idempotency: {} });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], Resource: stack.resolve(fn.idempotencyTable!.tableArn) }] },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { IDEMPOTENCY_TABLE_NAME: stack.resolve(fn.idempotencyTable!.tableName), IDEMPOTENCY_EXPIRES_AFTER_SECONDS: '3600' } },
    });
    expect(fn.idempotencyWindow?.toSeconds()).toBe(3600);
  });

  test('BP-I3: the default window grows to the retry window of each trigger', () => {
    const stack = testStack();
    // Async: Lambda keeps an event up to 6 hours by default.
    const asyncFn = new ServerlessFunction(stack, 'Async', { code: inlineCode(), invokedAsynchronously: true, idempotency: {} });
    // Queue: 10 receives × (6 × 120 s) = 7,200 s.
    const worker = new QueueWorker(stack, 'Worker', { functionProps: { code: inlineCode(), timeout: Duration.minutes(2), idempotency: {} }, maxReceiveCount: 10 });
    // Stream: records retried until 2 hours old.
    const stream = new StreamWorker(stack, 'Stream', { functionProps: { code: inlineCode(), idempotency: {} }, maxRecordAge: Duration.hours(2) });
    // Schedule: Scheduler's 1 hour, and the job's asynchronous invocation (6 hours).
    const job = new ScheduledJob(stack, 'Job', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
      functionProps: { code: inlineCode(), idempotency: {}, maxEventAge: Duration.hours(2) },
    });
    const windows = [asyncFn, worker.function, stream.function, job.function].map(f => f.idempotencyWindow?.toSeconds());
    expect(windows).toEqual([21_600, 7_200, 7_200, 7_200]);
    expect(fnEnv(Template.fromStack(stack), 'IDEMPOTENCY_EXPIRES_AFTER_SECONDS').filter(Boolean).sort()).toEqual(['21600', '7200', '7200', '7200']);
  });

  test.each([
    ['an async function', (s: any) => new ServerlessFunction(s, 'Fn', { code: inlineCode(), invokedAsynchronously: true, idempotency: { expiresAfter: Duration.hours(1) } }),
      'TestStack/Fn', '3600 s, shorter than the retry window of 21600 s (asynchronous invocation: maxEventAge)'],
    ['a QueueWorker', (s: any) => new QueueWorker(s, 'W', { functionProps: { code: inlineCode(), timeout: Duration.minutes(2), idempotency: { expiresAfter: Duration.minutes(30) } } }),
      'TestStack/W', '1800 s, shorter than the retry window of 3600 s (the queue: maxReceiveCount × visibility timeout)'],
    ['a ScheduledJob', (s: any) => new ScheduledJob(s, 'J', {
      schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
      maxEventAge: Duration.hours(3),
      functionProps: { code: inlineCode(), maxEventAge: Duration.hours(1), idempotency: { expiresAfter: Duration.hours(2) } },
    }), 'TestStack/J', '7200 s, shorter than the retry window of 10800 s (the schedule: maxEventAge)'],
    ['a StreamWorker', (s: any) => new StreamWorker(s, 'S', { functionProps: { code: inlineCode(), idempotency: { expiresAfter: Duration.minutes(10) } } }),
      'TestStack/S', '600 s, shorter than the retry window of 3600 s (the stream: maxRecordAge)'],
  ])('BP-I3: a window shorter than the retry window of %s is refused, with the numbers and the fix', (_what, build, path, value) => {
    const message = errorOf(() => build(testStack()));
    expectViolation(message, 'I3', path, 'idempotency.expiresAfter', value, 'at least as long as every retry window');
    expect(message).toMatch(/Fix: raise expiresAfter to Duration\.seconds\(\d+\) or more/);
  });

  test('BP-I4: several functions share one table (Powertools prefixes keys with the function name)', () => {
    const stack = testStack();
    const table = new dynamodb.Table(stack, 'Shared', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiration' });
    new ServerlessFunction(stack, 'A', { code: inlineCode(), idempotency: { table } });
    new QueueWorker(stack, 'B', { functionProps: { code: inlineCode(), idempotency: { table } } });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::DynamoDB::Table', 1);
    expect(fnEnv(t, 'IDEMPOTENCY_TABLE_NAME')).toEqual([stack.resolve(table.tableName), stack.resolve(table.tableName)]);
  });

  test.each([
    ['a table keyed on pk', () => ({ partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiration' }), 'a table with key pk (HASH)'],
    ['a table with a sort key', () => ({ partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, sortKey: { name: 'sk', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiration' }),
      'a table with key id (HASH) + sk (RANGE)'],
    ['a table without TTL', () => ({ partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }), 'a table with no TTL'],
    ['a table with TTL on another attribute', () => ({ partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'ttl' }), "a table with TTL on 'ttl'"],
  ])('BP-I1: %s is refused', (_what, props, value) => {
    const stack = testStack();
    const table = new dynamodb.Table(stack, 'T', props());
    const message = errorOf(() => new ServerlessFunction(stack, 'Fn', { code: inlineCode(), idempotency: { table } }));
    expectViolation(message, 'I1', 'TestStack/Fn', 'idempotency.table', value, 'partition key id (string), no sort key, TTL on expiration');
  });

  test('an imported table is used as given; a fractional window gets the library\'s message', () => {
    const stack = testStack();
    expect(() => new ServerlessFunction(stack, 'Fn', { code: inlineCode(), idempotency: { table: dynamodb.Table.fromTableName(stack, 'T', 'idempotency') } })).not.toThrow();
    expect(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), idempotency: { expiresAfter: Duration.millis(1500) } })))
      .toContain('[I3] TestStack/Fn: idempotency.expiresAfter is 1.5 s');
  });
});
