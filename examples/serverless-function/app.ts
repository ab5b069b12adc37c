/**
 * A ServerlessFunction with every default on, a TypeScript handler bundled by esbuild (no Docker),
 * an SNS topic for its alarms, and an IAM-authenticated function URL (BP-F17).
 *
 * Synthesize: `npx cdk synth` in this folder (or `npx projen example` at the repository root).
 */
import * as path from 'path';
import { App, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ServerlessFunction, ServerlessPatternsChecks } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'ServerlessFunctionExample', {
  description: 'cdk-serverless-patterns example: one ServerlessFunction with its defaults',
});

// Alarms notify this topic (encrypted with the AWS-managed SNS key, TLS-only).
const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});

const greeter = new ServerlessFunction(stack, 'Greeter', {
  entry: path.join(__dirname, 'handler.ts'),
  environment: { GREETING: 'Hello' },
  alarms: { topic: alerts },
});

// Callers sign requests with SigV4 (AWS_IAM); NONE is refused by the construct.
const url = greeter.addFunctionUrl();

new CfnOutput(stack, 'FunctionUrl', { value: url.url });
new CfnOutput(stack, 'AliasArn', { value: greeter.alias.functionArn });

// The same judges this library is held to: any unacknowledged finding fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
