/**
 * A static site behind CloudFront, in eu-west-1, with its edge code, and a public API:
 * - a viewer-request JWT check (EdgeFunction: Lambda@Edge, created in us-east-1 in the stack `EdgeSite-edge` and read
 *   back across regions, BP-L1–L5, L8);
 * - a header rewrite on viewer-response (a CloudFront Function, runtime 2.0: no Lambda needed, BP-L6);
 * - an API served by a function URL that keeps AWS_IAM, behind its own distribution with Origin Access Control
 *   (PublicFunctionUrl, BP-L7, F17).
 *
 * Synthesize: `npx cdk synth` in this folder. Deploy the site's files with `aws s3 sync` to the bucket.
 */
import * as path from 'path';
import { App, CfnOutput, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EdgeFunction, PublicFunctionUrl, ServerlessFunction, ServerlessPatternsChecks } from 'cdk-serverless-patterns';

const app = new App();
// Lambda@Edge needs stacks with an explicit region: the function goes to us-east-1, the stack reads its version there.
const env = { account: process.env.CDK_DEFAULT_ACCOUNT, region: 'eu-west-1' };

// ---- the site -------------------------------------------------------------------------------
const site = new Stack(app, 'EdgeSite', { env, description: 'cdk-serverless-patterns example: a site with Lambda@Edge and a CloudFront Function' });

const logs = new s3.Bucket(site, 'Logs', {
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  // CloudFront's standard logs are written with an ACL.
  objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
  lifecycleRules: [{ expiration: Duration.days(90) }],
});
Validations.of(logs).acknowledge({ id: 'AwsSolutions-S1', reason: 'The bucket that receives the access logs does not log its own access.' });

const content = new s3.Bucket(site, 'Content', {
  encryption: s3.BucketEncryption.S3_MANAGED,
  enforceSSL: true,
  serverAccessLogsBucket: logs,
  serverAccessLogsPrefix: 'content/',
});

const auth = new EdgeFunction(site, 'Auth', {
  eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST,
  entry: path.join(__dirname, 'auth.ts'),
});

const headers = new cloudfront.Function(site, 'Headers', {
  code: cloudfront.FunctionCode.fromFile({ filePath: path.join(__dirname, 'headers.js') }),
  runtime: cloudfront.FunctionRuntime.JS_2_0,
  comment: 'viewer-response header rewrite',
});

const cdn = new cloudfront.Distribution(site, 'Cdn', {
  defaultRootObject: 'index.html',
  defaultBehavior: {
    origin: origins.S3BucketOrigin.withOriginAccessControl(content),
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
    edgeLambdas: [auth.edgeLambda],
    functionAssociations: [{ function: headers, eventType: cloudfront.FunctionEventType.VIEWER_RESPONSE }],
  },
  enableLogging: true,
  logBucket: logs,
  logFilePrefix: 'cdn/',
});
Validations.of(cdn).acknowledge(
  { id: 'AwsSolutions-CFR1', reason: 'A public site, served everywhere.' },
  { id: 'AwsSolutions-CFR2', reason: 'Every request carries a verified JWT (viewer-request); add a CLOUDFRONT-scope web ACL with webAclId in production.' },
  { id: 'AwsSolutions-CFR4', reason: 'The cloudfront.net certificate; with a custom domain and certificate set minimumProtocolVersion TLSv1.2_2021.' },
  { id: 'SP-L6', reason: 'RS256 JWT verification needs public-key crypto, which CloudFront Functions do not have; the header rewrite is a CloudFront Function.' },
);

new CfnOutput(site, 'SiteUrl', { value: `https://${cdn.distributionDomainName}` });
new CfnOutput(site, 'ContentBucket', { value: content.bucketName });

// ---- the API, in a stack of its own ----------------------------------------------------------------
const apiStack = new Stack(app, 'EdgeApi', { env, description: 'cdk-serverless-patterns example: a function URL behind CloudFront with OAC' });
const api = new ServerlessFunction(apiStack, 'Api', { entry: path.join(__dirname, 'api.ts') });
const front = new PublicFunctionUrl(apiStack, 'Public', { function: api });
new CfnOutput(apiStack, 'ApiUrl', { value: `${front.url}/api/time` });

// The same judges this library is held to: any unacknowledged finding fails `cdk synth`.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
