/**
 * Audit any CDK app: a small app written with aws-cdk-lib alone (no constructs of this library), judged by
 * ServerlessPatternsChecks at synthesis. An order queue consumed by a function through its alias, and a
 * nightly function run by EventBridge Scheduler. Every rule of the pack holds, one by a recorded decision
 * (an acknowledgement with its reason). Remove a setting marked "SP-…" below and `cdk synth` fails with that rule.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServerlessPatternsChecks } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'AuditedApp', { description: 'cdk-serverless-patterns example: a hand-written app audited by ServerlessPatternsChecks' });

/** A function written the way the pack asks: arm64, tracing, JSON logs into a log group with a retention. */
function fn(id: string, timeout: Duration, architecture = lambda.Architecture.ARM_64): lambda.Function {
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture, // SP-F1
    tracing: lambda.Tracing.ACTIVE, // SP-F5
    loggingFormat: lambda.LoggingFormat.JSON, // SP-F6
    logGroup: new logs.LogGroup(stack, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH }), // SP-F6
    timeout,
  });
}

// An order queue and its consumer.
const consumer = fn('OrderConsumer', Duration.seconds(30));
const live = new lambda.Alias(consumer, 'Live', { aliasName: 'live', version: consumer.currentVersion });
const deadLetters = new sqs.Queue(stack, 'OrderDeadLetters', { retentionPeriod: Duration.days(14), enforceSSL: true });
const orders = new sqs.Queue(stack, 'Orders', {
  visibilityTimeout: Duration.seconds(180), // SP-Q2: 6 × 30 s
  deadLetterQueue: { queue: deadLetters, maxReceiveCount: 5 }, // SP-Q1
  enforceSSL: true,
});
live.addEventSource(new sources.SqsEventSource(orders, { // SP-F8: on the alias
  reportBatchItemFailures: true, // SP-Q3
  maxConcurrency: 5, // SP-Q5
}));

// A nightly job, run through its alias with a retry policy and a dead-letter queue, and an on-failure destination.
// Its code needs an x86-only native module: a decision, recorded as an acknowledgement with its reason.
const nightly = fn('Nightly', Duration.minutes(5), lambda.Architecture.X86_64);
Validations.of(nightly).acknowledge({ id: 'SP-F1', reason: 'The report renderer ships an x86_64-only native binary; revisit when it has an arm64 build.' });
const nightlyLive = new lambda.Alias(nightly, 'Live', { aliasName: 'live', version: nightly.currentVersion });
const failedRuns = new sqs.Queue(stack, 'FailedRuns', { retentionPeriod: Duration.days(14), enforceSSL: true });
nightlyLive.configureAsyncInvoke({ onFailure: new destinations.SqsDestination(failedRuns), retryAttempts: 2 }); // SP-F11
new scheduler.Schedule(stack, 'NightlySchedule', {
  schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0' }),
  target: new targets.LambdaInvoke(nightlyLive, { retryAttempts: 3, maxEventAge: Duration.hours(1), deadLetterQueue: failedRuns }), // SP-S2
});

// The audit: every rule of the catalogue that can be read from the synthesized resources.
Validations.of(app).addPlugins(new ServerlessPatternsChecks());
