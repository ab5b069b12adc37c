/**
 * Audit any CDK app: a small app written with aws-cdk-lib alone (no constructs of this library), judged by
 * ServerlessPatternsChecks at synthesis. An order queue consumed by a function through its alias, and a
 * nightly function run by EventBridge Scheduler. Every rule of the pack holds, one by a recorded decision
 * (an acknowledgement with its reason). Remove a setting marked "SP-…" below and `cdk synth` fails with that rule.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import { App, CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
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

/**
 * A function written the way the pack asks: arm64, explicit memory and timeout, tracing, JSON logs into a log group
 * with a retention, and a role of its own that may write that log group only (no AWS managed policy).
 */
function fn(id: string, timeout: Duration, architecture = lambda.Architecture.ARM_64): lambda.Function {
  const logGroup = new logs.LogGroup(stack, `${id}Logs`, { retention: logs.RetentionDays.ONE_MONTH }); // SP-F6
  const role = new iam.Role(stack, `${id}Role`, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }); // SP-F14
  logGroup.grantWrite(role);
  return new lambda.Function(stack, id, {
    code: lambda.Code.fromInline('exports.handler = async () => ({ batchItemFailures: [] });'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_24_X, // SP-F2
    architecture, // SP-F1
    memorySize: 512, // SP-F3
    timeout, // SP-F4
    role,
    tracing: lambda.Tracing.ACTIVE, // SP-F5 (aws-cdk-lib adds the X-Ray statement AWS requires on "*")
    loggingFormat: lambda.LoggingFormat.JSON, // SP-F6
    logGroup,
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

// AWS Serverless Rules (cfn-lint-serverless) is right here except twice, where it does not know what AWS documents:
// the decision is recorded on the resource, where cfn-lint reads it (Metadata cfn-lint.config.ignore_checks), with why.
function acknowledgePeer(resource: CfnResource, rule: string, reason: string): void {
  const ignored = (resource.getMetadata('cfn-lint')?.config?.ignore_checks ?? []) as string[];
  resource.addMetadata('cfn-lint', { config: { ignore_checks: [...ignored, rule] } });
  resource.addMetadata(`acknowledged:${rule}`, reason);
}
for (const f of [consumer, nightly]) {
  acknowledgePeer(f.node.defaultChild as CfnResource, 'WS1004', 'The function logs to its own log group with a retention (LoggingConfig.LogGroup); WS1004 looks only for /aws/lambda/<name>.');
}
for (const q of [deadLetters, failedRuns]) {
  acknowledgePeer(q.node.defaultChild as CfnResource, 'ES6000', 'A dead-letter queue: a redrive policy of its own would move failed messages once more, to nowhere useful.');
}
const mapping = live.node.children.find(c => c instanceof lambda.EventSourceMapping) as lambda.EventSourceMapping;
acknowledgePeer(mapping.node.defaultChild as CfnResource, 'ES1001',
  'Lambda supports no on-failure destination for SQS event source mappings; failed messages go to the queue\'s dead-letter queue (Lambda docs, "Capturing discarded batches").');

// The audit: every rule of the catalogue that can be read from the synthesized resources.
Validations.of(app).addPlugins(new ServerlessPatternsChecks());
