import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { EdgeFunction, ServerlessPatternsChecks } from '../../src';
import { distributionWith, inlineCode, TEST_ENV, trustEdgeLambda } from '../helpers';

const VIEWER = cloudfront.LambdaEdgeEventType.VIEWER_REQUEST;
const ORIGIN = cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST;
const EU = { account: '123456789012', region: 'eu-west-1' };

/** An app with a site stack (the distribution) in `env`, one edge function per event type given. */
function site(env = EU, events = [VIEWER]) {
  const app = new App();
  const stack = new Stack(app, 'Site', { env });
  const fns = events.map((eventType, i) => new EdgeFunction(stack, `Edge${i}`, { eventType, code: inlineCode() }));
  const distribution = new cloudfront.Distribution(stack, 'Cdn', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')), edgeLambdas: fns.map(f => f.edgeLambda) },
  });
  return { app, stack, fns, distribution };
}

const edgeStackOf = (app: App, id = 'Site-edge') => app.node.findChild(id) as Stack;

describe('EdgeFunction (BP-L1–L5, L8)', () => {
  test('BP-L1: CloudFront references the numbered version (never an alias or $LATEST), kept on replacement', () => {
    const { stack } = site(TEST_ENV);
    const t = Template.fromStack(stack);
    const versions = t.findResources('AWS::Lambda::Version');
    const [versionId] = Object.keys(versions);
    expect(versions[versionId]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.resourceCountIs('AWS::Lambda::Alias', 0);
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { LambdaFunctionAssociations: [{ EventType: 'viewer-request', IncludeBody: false, LambdaFunctionARN: { Ref: versionId } }] } },
    });
  });

  test('BP-L2: from eu-west-1 the function is in a us-east-1 stack, read back with Fn::GetStackOutput (no custom resource)', () => {
    const { app, stack } = site();
    const edge = edgeStackOf(app);
    expect(edge.region).toBe('us-east-1');
    expect(edge.account).toBe(EU.account);
    const siteTemplate = Template.fromStack(stack);
    siteTemplate.resourceCountIs('AWS::Lambda::Function', 0);
    Template.fromStack(edge).resourceCountIs('AWS::Lambda::Function', 1);
    siteTemplate.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARN: { 'Fn::GetStackOutput': { StackName: 'Site-edge', Region: 'us-east-1', OutputName: Match.anyValue() } } }] } },
    });
    for (const s of [stack, edge]) {
      const types = Object.values(Template.fromStack(s).toJSON().Resources as Record<string, { Type: string }>).map(r => r.Type);
      expect(types.filter(type => type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource')).toEqual([]);
    }
    // The site stack is deployed after the edge stack.
    expect(stack.dependencies).toContain(edge);
  });

  test('BP-L2: two edge functions of one stack share its edge stack; two site stacks get one each; stackId names it', () => {
    const { app } = site(EU, [VIEWER, ORIGIN]);
    const other = new Stack(app, 'Other', { env: { account: EU.account, region: 'ap-southeast-2' } });
    new EdgeFunction(other, 'Edge', { eventType: VIEWER, code: inlineCode(), stackId: 'EdgeForOther' });
    Template.fromStack(edgeStackOf(app, 'EdgeForOther')).resourceCountIs('AWS::Lambda::Function', 1);
    Template.fromStack(edgeStackOf(app)).resourceCountIs('AWS::Lambda::Function', 2);
  });

  test('BP-L2: the distribution in a stack of its own reads the version straight from the edge stack', () => {
    const app = new App();
    const functions = new Stack(app, 'Functions', { env: EU });
    const cdn = new Stack(app, 'Cdn', { env: EU });
    const fn = new EdgeFunction(functions, 'Auth', { eventType: VIEWER, code: inlineCode() });
    new cloudfront.Distribution(cdn, 'D', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(cdn, 'B')), edgeLambdas: [fn.edgeLambda] } });
    Template.fromStack(cdn).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { DefaultCacheBehavior: { LambdaFunctionAssociations: [{ LambdaFunctionARN: { 'Fn::GetStackOutput': Match.objectLike({ StackName: 'Functions-edge', Region: 'us-east-1' }) } }] } },
    });
    expect(cdn.dependencies.map(d => d.node.id)).toEqual(['Functions-edge']);
  });

  test('BP-L2: deep in a construct tree, from eu-west-1, the generated names stay within their limits and distinct', () => {
    const app = new App();
    const stack = new Stack(app, 'Site', { env: EU });
    let scope: Construct = stack;
    for (let i = 0; i < 8; i++) scope = new Construct(scope, `Level${i}WithAVeryLongConstructIdentifierName${i}`);
    new EdgeFunction(scope, 'Auth', { eventType: VIEWER, code: inlineCode() });
    new EdgeFunction(scope, 'Auth2', { eventType: ORIGIN, code: inlineCode() });
    const t = Template.fromStack(edgeStackOf(app));
    const names = (Object.values(t.findResources('AWS::Lambda::Function')) as any[]).map(f => f.Properties.FunctionName as string);
    expect(names.every(n => n.length <= 64 && /^[A-Za-z0-9_-]+$/.test(n))).toBe(true);
    expect(new Set(names).size).toBe(2);
    const alarms = (Object.values(t.findResources('AWS::CloudWatch::Alarm')) as any[]).map(a => a.Properties.AlarmName as string);
    expect(alarms.every(n => n.length <= 255)).toBe(true);
    expect(new Set(alarms).size).toBe(6);
    const groups = (Object.values(t.findResources('AWS::Logs::LogGroup')) as any[]).map(g => g.Properties.LogGroupName as string);
    expect(groups.every(n => n.length <= 512 && /^[\w/.#-]+$/.test(n))).toBe(true);
  });

  test('BP-L2: in a us-east-1 stack the function stays in it (no extra stack)', () => {
    const { app, stack } = site(TEST_ENV);
    expect(app.node.tryFindChild('Site-edge')).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::Lambda::Function', 1);
  });

  test('BP-L3: the role is trusted by lambda and edgelambda, writes only its own log group (any region), no managed policy', () => {
    const { app } = site();
    const t = Template.fromStack(edgeStackOf(app));
    const [role] = Object.values(t.findResources('AWS::IAM::Role')) as any[];
    expect(role.Properties.AssumeRolePolicyDocument.Statement.map((s: any) => s.Principal.Service).sort()).toEqual(['edgelambda.amazonaws.com', 'lambda.amazonaws.com']);
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = role.Properties.Policies.flatMap((p: any) => p.PolicyDocument.Statement);
    expect(statements).toHaveLength(1);
    expect(statements[0].Action).toEqual(['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents']);
    const [group] = Object.values(t.findResources('AWS::Logs::LogGroup')) as any[];
    const name = group.Properties.LogGroupName as string;
    expect(name).toMatch(/^\/aws\/lambda-edge\//);
    expect(JSON.stringify(statements[0].Resource)).toContain(':logs:*:');
    expect(JSON.stringify(statements[0].Resource)).toContain(`:log-group:${name}:*`);
    expect(group.Properties.RetentionInDays).toBe(30);
    t.hasResourceProperties('AWS::Lambda::Function', { LoggingConfig: { LogFormat: 'JSON', LogGroup: Match.anyValue() } });
  });

  test('BP-L4: x86_64, no X-Ray, no environment, no dead-letter queue', () => {
    const { app } = site();
    const [fn] = Object.values(Template.fromStack(edgeStackOf(app)).findResources('AWS::Lambda::Function')) as any[];
    expect(fn.Properties.Architectures).toEqual(['x86_64']);
    expect(fn.Properties.TracingConfig).toBeUndefined();
    expect(fn.Properties.Environment).toBeUndefined();
    expect(fn.Properties.DeadLetterConfig).toBeUndefined();
  });

  test('BP-L5: defaults by event type — viewer 128 MB / 5 s, origin 1,024 MB / 10 s; includeBody reaches the association', () => {
    const { app, stack } = site(EU, [VIEWER]);
    const origin = new EdgeFunction(stack, 'Origin', { eventType: ORIGIN, includeBody: true, code: inlineCode() });
    const fns = Object.values(Template.fromStack(edgeStackOf(app)).findResources('AWS::Lambda::Function')) as any[];
    expect(fns.map(f => [f.Properties.MemorySize, f.Properties.Timeout]).sort()).toEqual([[1024, 10], [128, 5]]);
    expect(origin.edgeLambda).toMatchObject({ eventType: ORIGIN, includeBody: true });
    expect(origin.memorySize).toBe(1024);
  });

  test('BP-L5: a viewer function above 128 MB or 5 s is kept, with a warning that names both', () => {
    const stack = new Stack(new App(), 'S', { env: TEST_ENV });
    new EdgeFunction(stack, 'Edge', { eventType: VIEWER, code: inlineCode(), memorySize: 512, timeout: Duration.seconds(10) });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('512 MB and a 10 seconds timeout exceed the 128 MB / 5 s'));
    expect(warnings).toHaveLength(1);
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { MemorySize: 512, Timeout: 10 });
  });

  test('BP-L8: errors, throttles and p99 duration alarms in us-east-1, a us-east-1 topic notified', () => {
    const app = new App();
    const stack = new Stack(app, 'Site', { env: EU });
    const topic = sns.Topic.fromTopicArn(stack, 'Alerts', 'arn:aws:sns:us-east-1:123456789012:alerts');
    const fn = new EdgeFunction(stack, 'Edge', { eventType: VIEWER, code: inlineCode(), alarms: { topic } });
    const t = Template.fromStack(edgeStackOf(app));
    t.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    for (const metric of ['Errors', 'Throttles', 'Duration']) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: metric, Namespace: 'AWS/Lambda', AlarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'] });
    }
    expect(fn.alarms).toHaveLength(3);
    expect(fn.metricErrors().region).toBe('us-east-1');
  });

  test('a grant reaches the role in us-east-1 (a bucket the function reads)', () => {
    const { app, fns } = site(TEST_ENV);
    const bucket = s3.Bucket.fromBucketName(fns[0], 'Config', 'my-config');
    bucket.grantRead(fns[0]);
    const t = Template.fromStack(app.node.findChild('Site') as Stack);
    t.hasResourceProperties('AWS::IAM::Policy', { PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['s3:GetObject*']) })]) } });
  });
});

describe('the audit pack and CloudFront (BP-L1, L4, L6)', () => {
  const audit = (app: App) => new ServerlessPatternsChecks().validateScope(app).violations;

  test('BP-L1/L4: an EdgeFunction has no error finding, in eu-west-1 too (SP-F1, F5 and F8 know Lambda@Edge); SP-L6 hints at viewer functions', () => {
    for (const env of [EU, TEST_ENV]) {
      const { app } = site(env, [VIEWER, ORIGIN]);
      const v = audit(app);
      expect(v.filter(x => x.severity === 'error')).toEqual([]);
      expect(v.map(x => x.ruleName)).toEqual(['SP-L6']);
      expect(v[0].description).toContain('viewer-request');
    }
  });

  test('BP-L1: an alias or $LATEST associated with a distribution is SP-L1', () => {
    const stack = new Stack(new App(), 'S', { env: TEST_ENV });
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: inlineCode() });
    const alias = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: fn.currentVersion });
    distributionWith(stack, [
      { eventType: 'origin-request', lambdaFunctionArn: alias.functionArn },
      { eventType: 'origin-response', lambdaFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST' },
      { eventType: 'viewer-response', lambdaFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:f:7' },
    ]);
    const l1 = audit(stack.node.root as App).find(x => x.ruleName === 'SP-L1')!;
    expect(l1.description).toContain('the origin-request association names an alias');
    expect(l1.description).toContain("the origin-response association names '$LATEST', not a numbered version");
    expect(l1.description).not.toContain('viewer-response');
  });

  test('BP-L4: a hand-written Lambda@Edge function with environment variables and arm64 is SP-L4', () => {
    const stack = new Stack(new App(), 'S', { env: TEST_ENV });
    const fn = new lambda.Function(stack, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: inlineCode(), environment: { A: 'b' }, architecture: lambda.Architecture.ARM_64,
    });
    trustEdgeLambda(fn);
    const l4 = audit(stack.node.root as App).find(x => x.ruleName === 'SP-L4')!;
    expect(l4.description).toContain('a Lambda@Edge function with environment variables');
    expect(l4.description).toContain('a Lambda@Edge function with arm64');
  });
});
