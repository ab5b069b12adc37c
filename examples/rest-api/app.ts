/**
 * A REST API with four kinds of route, and one of them on a function that lives in another stack:
 *
 * - `GET /orders/{id}`: Cognito user-pool tokens with the `orders/read` scope;
 * - `POST /orders`: a Lambda TOKEN authorizer (its own ServerlessFunction on its alias, answers cached 5 minutes);
 * - `GET /partners/orders`: an API key of the usage plan (10 requests/s, 10,000 a day per key);
 * - `GET /reports/daily`: IAM (SigV4), served by a VpcFunction of the data stack (BP-R9).
 *
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { ApiAuthorization, ServerlessPatternsChecks, ServerlessRestApi, VpcFunction } from 'cdk-serverless-patterns';

const app = new App();

// The data stack: a function in private subnets of its own VPC (no NAT; S3 and DynamoDB gateway endpoints).
const data = new Stack(app, 'RestApiData', { description: 'cdk-serverless-patterns example: the reporting function in a VPC' });
const reports = new VpcFunction(data, 'Reports', {
  functionProps: { entry: path.join(__dirname, 'daily-report.ts'), timeout: Duration.seconds(15) },
});
// The created VPC's default security group is emptied by a custom-resource function of aws-cdk-lib's own (the
// restrictDefaultSecurityGroup flag); its runtime settings are aws-cdk-lib's, not this app's.
Validations.of(data.node.findChild('Custom::VpcRestrictDefaultSGCustomResourceProvider')).acknowledge(
  ...['SP-F1', 'SP-F5', 'SP-F6', 'SP-F14'].map(rule => ({ id: rule, reason: 'aws-cdk-lib\'s own custom-resource provider (restrictDefaultSecurityGroup); not a function of this app.' })),
);

// The service stack: the user pool and the API.
const service = new Stack(app, 'RestApiService', { description: 'cdk-serverless-patterns example: a REST API with Cognito, Lambda and API-key routes' });
const alerts = new sns.Topic(service, 'Alerts', { masterKey: kms.Alias.fromAliasName(service, 'SnsKey', 'alias/aws/sns'), enforceSSL: true });

const pool = new cognito.UserPool(service, 'Customers', {
  passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true },
  mfa: cognito.Mfa.REQUIRED,
  mfaSecondFactor: { sms: false, otp: true },
});
// Plus-tier threat protection (COG3, COG8) is billed per active user; this example stays on the Essentials plan.
Validations.of(pool).acknowledge(
  { id: 'AwsSolutions-COG3', reason: 'Threat protection needs the Plus feature plan, billed per monthly active user; the example stays on Essentials.' },
  { id: 'AwsSolutions-COG8', reason: 'The Plus feature plan is billed per monthly active user; the example stays on Essentials.' },
);
const readScope = new cognito.ResourceServerScope({ scopeName: 'read', scopeDescription: 'Read orders' });
pool.addResourceServer('Orders', { identifier: 'orders', scopes: [readScope] });

const api = new ServerlessRestApi(service, 'OrdersApi', {
  functionDefaults: { alarms: { topic: alerts } },
  alarms: { topic: alerts },
  usagePlan: { throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 10_000, period: apigw.Period.DAY } },
});
api.addRoute('GET /orders/{id}', {
  entry: path.join(__dirname, 'get-order.ts'),
  authorization: ApiAuthorization.cognito({ userPools: [pool], scopes: ['orders/read'] }),
});
api.addRoute('POST /orders', {
  entry: path.join(__dirname, 'create-order.ts'),
  authorization: ApiAuthorization.lambdaAuthorizer({
    functionProps: { entry: path.join(__dirname, 'authorizer.ts'), alarms: { topic: alerts } },
    validationRegex: '^Bearer [-0-9A-Za-z._~+/]+=*$',
  }),
});
api.addRoute('GET /partners/orders', { entry: path.join(__dirname, 'partner-orders.ts'), apiKeyRequired: true });
api.addRoute('GET /reports/daily', { function: reports.function });

new CfnOutput(service, 'ApiUrl', { value: api.url });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
