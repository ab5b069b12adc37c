import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ServerlessFunction } from '../../src';
import { errorOf, inlineCode, logicalIdsOf, testStack } from '../helpers';

function defaults() {
  const stack = testStack();
  const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
  return { stack, fn, template: Template.fromStack(stack) };
}

describe('ServerlessFunction defaults', () => {
  test('BP-F1: arm64 by default, overridable', () => {
    const { template } = defaults();
    template.hasResourceProperties('AWS::Lambda::Function', { Architectures: ['arm64'] });

    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), architecture: lambda.Architecture.X86_64 });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Architectures: ['x86_64'] });
  });

  test('BP-F2: the newest Node.js runtime aws-cdk-lib defines', () => {
    const { template } = defaults();
    const known = Object.values(lambda.Runtime)
      .filter((r): r is lambda.Runtime => r instanceof lambda.Runtime && /^nodejs\d+\.x$/.test(r.name))
      .map(r => Number(/\d+/.exec(r.name)![0]));
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: `nodejs${Math.max(...known)}.x` });
  });

  test('BP-F3/F4: memory and timeout always explicit (1,024 MB, 10 s)', () => {
    const { template, fn } = defaults();
    template.hasResourceProperties('AWS::Lambda::Function', { MemorySize: 1024, Timeout: 10 });
    expect(fn.timeout.toSeconds()).toBe(10);
    expect(fn.memorySize).toBe(1024);
  });

  test('BP-F5: active X-Ray tracing; its wildcard in the role\'s own inline policy, not the DefaultPolicy', () => {
    const { template } = defaults();
    template.hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'Active' } });
    template.hasResourceProperties('AWS::IAM::Role', {
      Policies: [{
        PolicyName: 'ServerlessFunction',
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], Resource: '*' })]) },
      }],
    });
    // no separate policy resource for a plain function
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });

  test('BP-F6: JSON logs at INFO into a log group the stack owns, with finite retention', () => {
    const { template } = defaults();
    const [logGroup] = logicalIdsOf(template, 'AWS::Logs::LogGroup');
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', ApplicationLogLevel: 'INFO', SystemLogLevel: 'INFO', LogGroup: { Ref: logGroup } },
    });
    // No LogRetention custom resource, ever.
    template.resourceCountIs('Custom::LogRetention', 0);
  });

  test('BP-F6: logRetention sets the retention of the owned log group', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), logRetention: logs.RetentionDays.ONE_WEEK });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
    t.resourceCountIs('Custom::LogRetention', 0);
  });

  test('BP-F7: recursive loop detection is Terminate; ALLOW warns', () => {
    const { template } = defaults();
    template.hasResourceProperties('AWS::Lambda::Function', { RecursiveLoop: 'Terminate' });

    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), recursiveLoop: lambda.RecursiveLoop.ALLOW });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[F7\\] recursiveLoop is ALLOW'));
  });

  test('BP-F8: a published version and an alias named live', () => {
    const { template, fn } = defaults();
    template.resourceCountIs('AWS::Lambda::Version', 1);
    const [version] = logicalIdsOf(template, 'AWS::Lambda::Version');
    template.hasResourceProperties('AWS::Lambda::Alias', { Name: 'live', FunctionVersion: { 'Fn::GetAtt': [version, 'Version'] } });
    expect(fn.alias.aliasName).toBe('live');
  });

  test('BP-F8: grantInvoke and event sources target the alias, not $LATEST', () => {
    const stack = testStack();
    // SNS invokes asynchronously: addEventSource refuses an SNS source on a function without async config (BP-F11, F19).
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), invokedAsynchronously: true });
    const topic = new sns.Topic(stack, 'T');
    fn.grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
    fn.addEventSource(new sources.SnsEventSource(topic));
    const t = Template.fromStack(stack);
    const [alias] = logicalIdsOf(t, 'AWS::Lambda::Alias');
    t.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', FunctionName: { Ref: alias } });
    t.hasResourceProperties('AWS::SNS::Subscription', { Endpoint: { Ref: alias } });
  });

  test('BP-F14: its own role, no managed policy, writes only its own log group', () => {
    const { template } = defaults();
    template.resourceCountIs('AWS::IAM::Role', 1);
    const role = Object.values(template.findResources('AWS::IAM::Role'))[0] as { Properties: { ManagedPolicyArns?: unknown; Policies: { PolicyDocument: { Statement: unknown[] } }[] } };
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const [logGroup] = logicalIdsOf(template, 'AWS::Logs::LogGroup');
    expect(role.Properties.Policies[0].PolicyDocument.Statement[0]).toEqual({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [logGroup, 'Arn'] },
    });
  });

  test('BP-F14: a role the user brings gets the same permissions in a policy of its own', () => {
    const stack = testStack();
    const mine = new iam.Role(stack, 'Mine', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), role: mine });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('^FnServerlessFunctionPolicy'),
      Roles: [{ Ref: logicalIdsOf(t, 'AWS::IAM::Role')[0] }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'] })]) },
    });
  });

  test('BP-F15: alarms on errors, throttles and p99 duration at 80% of the timeout', () => {
    const { template, fn } = defaults();
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', Threshold: 1, Statistic: 'Sum', ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Throttles', Threshold: 1 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', ExtendedStatistic: 'p99', Threshold: 8000 });
    expect(fn.alarms).toHaveLength(3);
  });

  test('BP-F15: alarm actions go to the given topic; alarms can be turned off', () => {
    const stack = testStack();
    const topic = new sns.Topic(stack, 'Alerts');
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), timeout: Duration.seconds(20), alarms: { topic, durationThresholdPercent: 50 } });
    const t = Template.fromStack(stack);
    const [topicId] = logicalIdsOf(t, 'AWS::SNS::Topic');
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Errors', AlarmActions: [{ Ref: topicId }], OKActions: [{ Ref: topicId }] });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Duration', Threshold: 10000 });

    const quiet = testStack();
    const fn = new ServerlessFunction(quiet, 'Fn', { code: inlineCode(), alarms: { enabled: false } });
    Template.fromStack(quiet).resourceCountIs('AWS::CloudWatch::Alarm', 0);
    expect(fn.alarms).toEqual([]);
  });

  test('BP-F17: function URLs only with AWS_IAM, on the alias', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    fn.addFunctionUrl();
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', Qualifier: 'live' });
    expect(errorOf(() => fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE })))
      .toMatch(/\[F17\] TestStack\/Fn: addFunctionUrl\(options\)\.authType is NONE; allowed: AWS_IAM only/);
  });

  test('BP-F17: a public URL added behind the construct\'s back fails synth', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    fn.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    expect(() => Template.fromStack(stack)).toThrow(/\[F17\] .*authType NONE; allowed: AWS_IAM only/);
  });

  test('BP-F12/F13: addEnvironment is checked like the props', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    fn.addEnvironment('TABLE_NAME', 'orders');
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: { TABLE_NAME: 'orders' } } });
    expect(errorOf(() => fn.addEnvironment('DB_PASSWORD', 'hunter2'))).toMatch(/\[F13\] .*environment\.DB_PASSWORD/);
    expect(errorOf(() => fn.addEnvironment('BLOB', 'x'.repeat(5000)))).toMatch(/\[F12\] .*environment is 5,\d{3} bytes/);
  });

  test('BP-F13: references to secrets are allowed', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(),
      environment: {
        DB_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db',
        API_KEY_PARAMETER: '/prod/api-key',
        TOKEN: '{{resolve:ssm:/prod/token}}',
      },
    });
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('BP-F2: entry is bundled locally with esbuild for the chosen runtime', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { entry: `${__dirname}/fixtures/hello.ts` });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Function', { Handler: 'index.handler', Architectures: ['arm64'] });
  });
});
