import { App, CfnParameter, Duration, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { EdgeFunction, EdgeFunctionProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

const VIEWER = cloudfront.LambdaEdgeEventType.VIEWER_REQUEST;
const layer = (s: Stack) => lambda.LayerVersion.fromLayerVersionArn(s, 'L', 'arn:aws:lambda:us-east-1:123456789012:layer:deps:1');

/** [what, props (given the stack), rule, prop, value shown, allowed shown] (BP-X4). */
const rows: [string, (s: Stack) => Partial<EdgeFunctionProps>, string, string, string, string][] = [
  ['L4: environment variables', () => ({ environment: { STAGE: 'prod' } }), 'L4', 'environment', '1 variable(s) (STAGE)', 'not on Lambda@Edge'],
  ['L4: a VPC', s => ({ vpc: new ec2.Vpc(s, 'Vpc') }), 'L4', 'vpc', 'given', 'not on Lambda@Edge'],
  ['L4: layers', s => ({ layers: [layer(s)] }), 'L4', 'layers', '1 layer(s)', 'not on Lambda@Edge'],
  ['L4: arm64', () => ({ architecture: lambda.Architecture.ARM_64 }), 'L4', 'architecture', 'arm64', 'not on Lambda@Edge'],
  ['L4: X-Ray', () => ({ tracing: lambda.Tracing.ACTIVE }), 'L4', 'tracing', 'Active', 'not on Lambda@Edge'],
  ['L4: a dead-letter queue', s => ({ deadLetterQueue: new sqs.Queue(s, 'Q') }), 'L4', 'deadLetterQueue', 'given', 'not on Lambda@Edge'],
  ['L4: an on-failure destination', () => ({ retryAttempts: 1 }), 'L4', 'retryAttempts', 'given', 'not on Lambda@Edge'],
  ['L4: runtime management other than Auto', () => ({ runtimeManagementMode: lambda.RuntimeManagementMode.FUNCTION_UPDATE }), 'L4', 'runtimeManagementMode', 'FunctionUpdate', 'not on Lambda@Edge'],
  ['L4: ephemeral storage above 512 MiB', () => ({ ephemeralStorageSize: Size.mebibytes(1024) }), 'L4', 'ephemeralStorageSize', '1,024 MiB', 'at most 512 MiB'],
  ['L4: a fractional size above 512 MiB (checked before conversion)', () => ({ ephemeralStorageSize: Size.kibibytes(524_800) }), 'L4', 'ephemeralStorageSize', '512.5 MiB', 'at most 512 MiB'],
  ['L4: a container image', () => ({ code: lambda.Code.fromEcrImage({ repositoryUri: 'r', repositoryName: 'r' } as any) }), 'L4', 'code', 'a container image', 'not on Lambda@Edge'],
  ['L4: a Java runtime', () => ({ runtime: lambda.Runtime.JAVA_21, handler: 'a.B' }), 'L4', 'runtime', 'java21', 'a Node.js or Python runtime'],
  ['L4: a customer managed key for the package', s => ({ code: lambda.Code.fromAsset(__dirname, { sourceKMSKey: new kms.Key(s, 'K') }) }), 'L4', 'code', 'a .zip package encrypted with a customer managed key', 'not on Lambda@Edge'],
  ['L5: a timeout above 30 s', () => ({ timeout: Duration.seconds(31) }), 'L5', 'timeout', '31 s', 'from 1 to 30 s'],
  ['L5: a fractional timeout (checked before conversion)', () => ({ timeout: Duration.millis(2500) }), 'L5', 'timeout', '2.5 s', 'a whole number from 1 to 30 s'],
  ['L5: memory above 10,240 MB', () => ({ memorySize: 10_241 }), 'L5', 'memorySize', '10,241 MB', 'from 128 to 10,240 MB'],
  ['L5: includeBody on a response event', () => ({ eventType: cloudfront.LambdaEdgeEventType.VIEWER_RESPONSE, includeBody: true }), 'L5', 'includeBody', 'true for viewer-response', 'only for viewer-request and origin-request'],
  ['F20: an unknown event type (plain JavaScript)', () => ({ eventType: 'viewer' as any }), 'F20', 'eventType', "the string 'viewer'", 'a member of cloudfront.LambdaEdgeEventType'],
  ['L3: a role of its own', s => ({ role: new iam.Role(s, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') }) }), 'L3', 'role', 'given', 'the role the construct creates'],
  ['L3: a log group of its own (from another region it could not be used; in every region the name is the construct\'s)', s => ({ logGroup: new logs.LogGroup(s, 'Logs') }),
    'L3', 'logGroup', 'given', 'the log group the construct creates'],
  ['F6: infinite log retention', () => ({ logRetention: 9999 as any }), 'F6', 'logRetention', 'INFINITE', 'a finite retention'],
  ['X4: neither code nor entry', () => ({ code: undefined }), 'X4', 'code / entry', 'neither given', 'exactly one of them'],
  ['F20: a number for the timeout (plain JavaScript)', () => ({ timeout: 5 as any }), 'F20', 'timeout', 'the number 5', 'a Duration'],
];

describe('EdgeFunction bad input (BP-X4, L3–L5)', () => {
  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new EdgeFunction(stack, 'Edge', { eventType: VIEWER, code: inlineCode(), ...props(stack) }));
    expectViolation(message, rule, 'TestStack/Edge', prop, value, allowed);
  });

  test('BP-L2: an environment-agnostic stack is refused: the version must be read from us-east-1', () => {
    const message = errorOf(() => new EdgeFunction(new Stack(new App(), 'Agnostic'), 'Edge', { eventType: VIEWER, code: inlineCode() }));
    expectViolation(message, 'L2', 'Agnostic/Edge', "the stack's env.region", 'not set (an environment-agnostic stack)', 'a stack with an explicit region');
  });

  test('BP-L8: an alarm topic outside us-east-1 is refused when the function goes there', () => {
    const app = new App();
    const site = new Stack(app, 'Site', { env: { account: '123456789012', region: 'eu-west-1' } });
    const message = errorOf(() => new EdgeFunction(site, 'Edge', { eventType: VIEWER, code: inlineCode(), alarms: { topic: new sns.Topic(site, 'Alerts') } }));
    expectViolation(message, 'L8', 'Site/Edge', 'alarms.topic', 'a topic in eu-west-1', 'a topic in us-east-1');
  });

  test('BP-L3: from eu-west-1, a grant on a resource of that region fails with the fix; an import by ARN is granted in us-east-1', () => {
    const app = new App();
    const site = new Stack(app, 'Site', { env: { account: '123456789012', region: 'eu-west-1' } });
    const fn = new EdgeFunction(site, 'Edge', { eventType: VIEWER, code: inlineCode() });
    const own = new s3.Bucket(site, 'Config');
    const message = errorOf(() => own.grantRead(fn));
    expectViolation(message, 'L3', 'Site/Edge', 'a grant to the function', 'on Site/Config/Resource (a resource of a stack in eu-west-1)', 'resources in us-east-1');
    s3.Bucket.fromBucketArn(fn, 'Imported', 'arn:aws:s3:::my-config').grantRead(fn);
    const edge = app.node.findChild('Site-edge') as Stack;
    Template.fromStack(edge).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Resource: Match.arrayWith(['arn:aws:s3:::my-config']) })]) },
    });
  });

  test('BP-L5: tokens for memory and timeout are not judged at synth time, and synthesize', () => {
    const stack = testStack();
    const memory = new CfnParameter(stack, 'Memory', { type: 'Number' }).valueAsNumber;
    const seconds = new CfnParameter(stack, 'Seconds', { type: 'Number' }).valueAsNumber;
    const fn = new EdgeFunction(stack, 'Edge', { eventType: VIEWER, code: inlineCode(), memorySize: memory, timeout: Duration.seconds(seconds), alarms: { enabled: false } });
    expect(fn.memorySize).toBe(memory);
    expect(() => Template.fromStack(stack)).not.toThrow();
  });
});
