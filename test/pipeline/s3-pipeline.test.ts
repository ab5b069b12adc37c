import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { S3Pipeline, S3PipelineProps } from '../../src';
import { errorOf, expectViolation, inlineCode, logicalIdsOf, testStack } from '../helpers';

function pipeline(extra: Partial<S3PipelineProps> = {}) {
  const stack = testStack();
  const p = new S3Pipeline(stack, 'Pipeline', { functionProps: { code: inlineCode() }, ...extra });
  return { stack, p, t: Template.fromStack(stack) };
}
const id = (t: Template, type: string, prefix: string) => logicalIdsOf(t, type).find(k => k.startsWith(prefix))!;

describe('S3Pipeline', () => {
  test('BP-P1: input and output buckets encrypted, Block Public Access, versioned, access-logged; TLS-only policies', () => {
    const { t } = pipeline();
    t.resourceCountIs('AWS::S3::Bucket', 3);
    const logs = id(t, 'AWS::S3::Bucket', 'PipelineAccessLogs');
    for (const name of ['PipelineInputBucket', 'PipelineOutputBucket']) {
      const b = t.findResources('AWS::S3::Bucket')[id(t, 'AWS::S3::Bucket', name)] as { Properties: Record<string, unknown>; DeletionPolicy: string };
      expect(b.Properties).toMatchObject({
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: logs } },
      });
      expect(b.Properties.AccessControl).toBeUndefined();
      expect(b.DeletionPolicy).toBe('Retain');
    }
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    t.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logs },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject' })]) },
    });
  });

  test('BP-P2: EventBridge on the input bucket (no custom resource), a rule to the worker\'s queue with retries and the DLQ', () => {
    const { t, p, stack } = pipeline();
    t.hasResourceProperties('AWS::S3::Bucket', { NotificationConfiguration: { EventBridgeConfiguration: { EventBridgeEnabled: true } } });
    t.resourceCountIs('Custom::S3BucketNotifications', 0);
    t.resourceCountIs('AWS::Lambda::Function', 1);
    t.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { 'source': ['aws.s3'], 'detail-type': ['Object Created'], 'detail': { bucket: { name: [{ Ref: id(t, 'AWS::S3::Bucket', 'PipelineInputBucket') }] } } },
      Targets: [Match.objectLike({
        Arn: stack.resolve(p.worker.queue.queueArn),
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: { Arn: stack.resolve(p.worker.deadLetterQueue!.queueArn) },
      })],
    });
  });

  test('BP-P2: every Q rule holds through the composed QueueWorker', () => {
    const { t } = pipeline({ worker: { maxConcurrency: 4, batchSize: 5 } });
    t.hasResourceProperties('AWS::Lambda::EventSourceMapping', { BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'], ScalingConfig: { MaximumConcurrency: 4 } });
    t.hasResourceProperties('AWS::SQS::Queue', { VisibilityTimeout: 180, RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }) });
  });

  test('BP-P3: prefix, suffix and both as EventBridge key filters', () => {
    const key = (t: Template) => (Object.values(t.findResources('AWS::Events::Rule'))[0] as { Properties: { EventPattern: { detail: { object?: { key: unknown } } } } }).Properties.EventPattern.detail.object?.key;
    expect(key(pipeline({ inputPrefix: 'incoming/' }).t)).toEqual([{ prefix: 'incoming/' }]);
    expect(key(pipeline({ inputSuffix: '.jpg' }).t)).toEqual([{ suffix: '.jpg' }]);
    expect(key(pipeline({ inputPrefix: 'incoming/', inputSuffix: '.jpg' }).t)).toEqual([{ wildcard: 'incoming/*.jpg' }]);
    expect(key(pipeline().t)).toBeUndefined();
  });

  test('BP-P4: one bucket with disjoint prefixes is accepted; the worker reads the input prefix and writes the output prefix only', () => {
    const stack = testStack();
    const bucket = new s3.Bucket(stack, 'Shared', { enforceSSL: true });
    new S3Pipeline(stack, 'Pipeline', { functionProps: { code: inlineCode() }, inputBucket: bucket, outputBucket: bucket, inputPrefix: 'incoming/', outputPrefix: 'processed/' });
    const t = Template.fromStack(stack);
    const b = id(t, 'AWS::S3::Bucket', 'Shared');
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineWorkerFunctionServiceRoleDefaultPolicy'),
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: ['s3:GetObject', 's3:GetObjectVersion'], Effect: 'Allow', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [b, 'Arn'] }, '/incoming/*']] } },
          { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [b, 'Arn'] }, '/processed/*']] } },
        ]),
      },
    });
    const all = JSON.stringify(t.findResources('AWS::IAM::Policy'));
    expect(all).not.toMatch(/"s3:\*"|s3:GetObject\*|s3:List\*|s3:DeleteObject/);
  });

  test('BP-P4/F7: recursive loop detection stays on', () => {
    pipeline().t.hasResourceProperties('AWS::Lambda::Function', { RecursiveLoop: 'Terminate' });
  });

  test('BP-P6: reconciliation is a ScheduledJob running the bundled handler, with list-only access and send to the queue', () => {
    const { t, p, stack } = pipeline({ inputPrefix: 'in/', outputPrefix: 'out/', reconciliation: { schedule: undefined, minimumAge: Duration.minutes(30) } });
    expect(p.reconciliation).toBeDefined();
    t.resourceCountIs('AWS::Scheduler::Schedule', 1);
    t.hasResourceProperties('AWS::Scheduler::Schedule', { ScheduleExpression: 'rate(1 hour)' });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Handler: 'index.handler',
      Environment: { Variables: Match.objectLike({ INPUT_PREFIX: 'in/', OUTPUT_PREFIX: 'out/', MINIMUM_AGE_SECONDS: '1800', QUEUE_URL: stack.resolve(p.worker.queue.queueUrl) }) },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineReconciliationFunctionServiceRoleDefaultPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:ListBucket', Condition: { StringLike: { 's3:prefix': ['in/*'] } } })]) },
    });
  });

  test('BP-P6: minimumAge defaults to the worker\'s retry window plus the queue wait; a shorter one is refused', () => {
    // 30 s timeout → 180 s visibility × 5 receives = 900 s in flight, + 15 min queue wait = 1,800 s.
    const { t, p } = pipeline({ reconciliation: {} });
    expect(p.worker.retryWindow?.toSeconds()).toBe(900);
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MINIMUM_AGE_SECONDS: '1800', MAX_ATTEMPTS: '3' }) } });
    // A longer function timeout and more receives widen the window.
    const wide = pipeline({
      functionProps: { code: inlineCode(), timeout: Duration.minutes(2) }, worker: { maxReceiveCount: 8 }, reconciliation: {},
    });
    wide.t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MINIMUM_AGE_SECONDS: String(8 * 720 + 900) }) } });
    const message = errorOf(() => pipeline({ reconciliation: { minimumAge: Duration.minutes(10) } }));
    expectViolation(message, 'P6', 'TestStack/Pipeline', 'reconciliation.minimumAge', '600 s', 'at least 900 s, the worker\'s retry window');
  });

  test('BP-P6: giving up is visible: tagging access for the attempt count, and an alarm on ObjectsGivenUp', () => {
    const { t } = pipeline({ inputPrefix: 'in/', outputPrefix: 'out/', reconciliation: { maxAttempts: 5 } });
    t.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ MAX_ATTEMPTS: '5' }) } });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^PipelineReconciliationFunctionServiceRoleDefaultPolicy'),
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['s3:GetObjectTagging', 's3:PutObjectTagging'], Resource: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/in/*'])]) }) })]) },
    });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'CdkServerlessPatterns/S3Pipeline',
      MetricName: 'ObjectsGivenUp',
      Threshold: 1,
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: Match.stringLikeRegexp('^PipelineReconciliationFunction') } }],
    });
    expect(errorOf(() => pipeline({ reconciliation: { maxAttempts: 0 } }))).toContain('[P6] TestStack/Pipeline: reconciliation.maxAttempts is 0');
  });

  test('BP-P6/F15: the reconciliation job\'s alarms use the worker\'s alarm actions', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts');
    new S3Pipeline(stack, 'Pipeline', { functionProps: { code: inlineCode(), alarms: { topic } }, reconciliation: {} });
    const t = Template.fromStack(stack);
    const alarms = Object.values(t.findResources('AWS::CloudWatch::Alarm')) as { Properties: { AlarmActions?: unknown[] } }[];
    expect(alarms.length).toBeGreaterThan(10);
    for (const a of alarms) expect(a.Properties.AlarmActions).toEqual([{ Ref: id(t, 'AWS::SNS::Topic', 'Alerts') }]);
  });

  test('an in-app input bucket gets EventBridge through aws-cdk-lib; an imported one gets a warning', () => {
    const stack = testStack();
    new S3Pipeline(stack, 'Pipeline', { functionProps: { code: inlineCode() }, inputBucket: s3.Bucket.fromBucketName(stack, 'Imported', 'uploads') });
    Annotations.fromStack(stack).hasWarning('/TestStack/Pipeline', Match.stringLikeRegexp('\\[P2\\] The imported input bucket must have Amazon EventBridge'));
  });

  test('exposes the buckets and the worker', () => {
    const { p } = pipeline();
    expect(p.worker.function.function.node.path).toBe('TestStack/Pipeline/Worker/Function/Function');
    expect(p.inputBucket).not.toBe(p.outputBucket);
    expect(p.accessLogBucket).toBeDefined();
  });
});
