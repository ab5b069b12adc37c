/**
 * A QueueWorker: an SQS queue with its dead-letter queue, consumed by a TypeScript handler
 * (bundled by esbuild, no Docker) that reports partial batch failures with Powertools and charges each
 * order once, through a Powertools idempotency table the construct sizes to the queue's retry window.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { QueueWorker, ServerlessPatternsChecks } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'QueueWorkerExample', {
  description: 'cdk-serverless-patterns example: an SQS queue worker',
});

const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});

const orders = new QueueWorker(stack, 'Orders', {
  functionProps: {
    entry: path.join(__dirname, 'handler.ts'),
    timeout: Duration.seconds(20), // the queue's visibility timeout becomes 6 × 20 s + 5 s = 125 s
    alarms: { topic: alerts },
    // Each order is charged once however often its message arrives: a Powertools idempotency table, with a
    // window that covers the queue's retry window (5 receives × 125 s, so Powertools' 1 hour holds).
    idempotency: {},
  },
  batchSize: 50,
  maxBatchingWindow: Duration.seconds(5),
  maxConcurrency: 5, // protects the downstream order system
});

// A producer: anything that may send orders.
const producer = new iam.Role(stack, 'OrderProducer', {
  assumedBy: new iam.AccountRootPrincipal(),
  description: 'Sends orders to the queue',
});
orders.grantSendMessages(producer);

new CfnOutput(stack, 'QueueUrl', { value: orders.queue.queueUrl });
new CfnOutput(stack, 'DeadLetterQueueUrl', { value: orders.deadLetterQueue!.queueUrl });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
