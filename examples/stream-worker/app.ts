/**
 * A StreamWorker: an order-events Kinesis stream (on-demand, encrypted) consumed by a TypeScript handler that
 * uses Powertools' batch processor and reports partial batch failures. A poison record is bisected out, retried
 * three times, then described in the on-failure queue — the shard moves on.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ServerlessPatternsChecks, StreamWorker } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'StreamWorkerExample', {
  description: 'cdk-serverless-patterns example: a Kinesis stream worker',
});

const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});

const orderEvents = new StreamWorker(stack, 'OrderEvents', {
  functionProps: {
    entry: path.join(__dirname, 'handler.ts'),
    alarms: { topic: alerts },
  },
  batchSize: 200,
  maxBatchingWindow: Duration.seconds(2),
  parallelizationFactor: 2,
  iteratorAgeThreshold: Duration.minutes(2),
});

// A producer: anything that may put order events.
const producer = new iam.Role(stack, 'OrderEventProducer', {
  assumedBy: new iam.AccountRootPrincipal(),
  description: 'Puts order events on the stream',
});
orderEvents.grantWrite(producer);

new CfnOutput(stack, 'StreamName', { value: orderEvents.stream!.streamName });
new CfnOutput(stack, 'OnFailureQueueUrl', { value: orderEvents.onFailureQueue.queueUrl });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
