/**
 * A ScheduledJob: a nightly report at 02:30 Berlin time (daylight saving time honoured), run by
 * EventBridge Scheduler against the function's alias, with a dead-letter queue for runs that could
 * not be delivered or failed, and no overlapping runs.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, CfnOutput, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ScheduledJob, ServerlessPatternsChecks } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'ScheduledJobExample', {
  description: 'cdk-serverless-patterns example: a nightly job on EventBridge Scheduler',
});

const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});

const nightly = new ScheduledJob(stack, 'NightlyReport', {
  schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '30' }),
  timeZone: TimeZone.EUROPE_BERLIN,
  input: scheduler.ScheduleTargetInput.fromObject({ report: 'daily-orders' }),
  functionProps: {
    entry: path.join(__dirname, 'handler.ts'),
    alarms: { topic: alerts },
  },
});

new CfnOutput(stack, 'DeadLetterQueueUrl', { value: nightly.deadLetterQueue.queueUrl });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
