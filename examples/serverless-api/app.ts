/**
 * A ServerlessApi: an HTTP API with two routes, each on its own ServerlessFunction (TypeScript,
 * bundled by esbuild), JWT authorization, CORS for one web origin, throttling and access logs.
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ApiAuthorization, ServerlessApi, ServerlessPatternsChecks } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'ServerlessApiExample', {
  description: 'cdk-serverless-patterns example: an HTTP API with one function per route',
});

const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});

const handlers = path.join(__dirname, 'orders.ts');
const api = new ServerlessApi(stack, 'OrdersApi', {
  // Tokens from the company's identity provider; the API checks issuer, audience and scopes.
  authorization: ApiAuthorization.jwt({
    issuer: 'https://auth.example.com',
    audiences: ['orders-web'],
    scopes: ['orders/read'],
  }),
  cors: { allowOrigins: ['https://orders.example.com'] },
  throttle: { rateLimit: 50, burstLimit: 100 },
  alarms: { topic: alerts },
  functionDefaults: { alarms: { topic: alerts }, environment: { POWERTOOLS_LOG_LEVEL: 'INFO' } },
  routes: {
    'GET /orders/{id}': { entry: handlers, handler: 'getOrder' },
  },
});
// POST /orders is idempotent on the client's Idempotency-Key header: a retried request gets the same order.
api.addRoute('POST /orders', {
  entry: handlers,
  handler: 'createOrder',
  memorySize: 512,
  idempotency: {},
  authorization: ApiAuthorization.jwt({ issuer: 'https://auth.example.com', audiences: ['orders-web'], scopes: ['orders/write'] }),
});

new CfnOutput(stack, 'ApiUrl', { value: api.url });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
