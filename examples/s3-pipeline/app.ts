/**
 * An S3Pipeline: text files uploaded under `uploads/` are normalized by a worker and written under
 * `normalized/` in a second bucket — the shape of a thumbnail or ETL pipeline. Reconciliation runs
 * hourly and re-enqueues any upload that has no output.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { S3Pipeline, ServerlessPatternsChecks } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'S3PipelineExample', {
  description: 'cdk-serverless-patterns example: S3 -> EventBridge -> SQS -> Lambda -> S3',
});

const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});

const pipeline = new S3Pipeline(stack, 'Normalizer', {
  functionProps: {
    entry: path.join(__dirname, 'handler.ts'),
    timeout: Duration.seconds(60),
    alarms: { topic: alerts },
  },
  inputPrefix: 'uploads/',
  inputSuffix: '.txt',
  outputPrefix: 'normalized/',
  worker: { maxConcurrency: 5 },
  reconciliation: { minimumAge: Duration.minutes(30) },
});

new CfnOutput(stack, 'InputBucket', { value: pipeline.inputBucket.bucketName });
new CfnOutput(stack, 'OutputBucket', { value: pipeline.outputBucket.bucketName });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
