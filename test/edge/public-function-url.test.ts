import { App, CfnParameter, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { PublicFunctionUrl, PublicFunctionUrlProps, ServerlessFunction, ServerlessPatternsChecks } from '../../src';
import { errorOf, expectViolation, inlineCode, TEST_ENV, testStack } from '../helpers';

const EU = { account: '123456789012', region: 'eu-west-1' };
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';
const ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/api/0a1b2c3d-4e5f-6789-abcd-ef0123456789';

function front(props: Partial<PublicFunctionUrlProps> = {}, env = EU) {
  const app = new App();
  const stack = new Stack(app, 'Front', { env });
  const fn = new ServerlessFunction(stack, 'Api', { code: inlineCode() });
  const pub = new PublicFunctionUrl(stack, 'Public', { function: fn, ...props });
  return { app, stack, fn, pub, t: Template.fromStack(stack) };
}

describe('PublicFunctionUrl (BP-L7, F17)', () => {
  test('BP-L7/F17: the URL keeps AWS_IAM on the alias; only this distribution may call it (OAC, both permissions scoped to it)', () => {
    const { t } = front();
    t.resourceCountIs('AWS::Lambda::Url', 1);
    t.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM', Qualifier: 'live' });
    t.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: { OriginAccessControlOriginType: 'lambda', SigningBehavior: 'always', SigningProtocol: 'sigv4' },
    });
    const [distributionId] = Object.keys(t.findResources('AWS::CloudFront::Distribution'));
    const permissions = Object.values(t.findResources('AWS::Lambda::Permission')) as any[];
    expect(permissions.map(p => p.Properties.Action).sort()).toEqual(['lambda:InvokeFunction', 'lambda:InvokeFunctionUrl']);
    for (const p of permissions) {
      expect(p.Properties.Principal).toBe('cloudfront.amazonaws.com');
      expect(JSON.stringify(p.Properties.SourceArn)).toContain(`{"Ref":"${distributionId}"}`);
    }
  });

  test('BP-L7: HTTPS only, security headers, nothing cached, the viewer Host not forwarded, HTTP/2 and 3, access logs', () => {
    const { t } = front();
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        DefaultCacheBehavior: {
          ViewerProtocolPolicy: 'https-only',
          CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
          OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
          ResponseHeadersPolicyId: '67f7725c-6f97-4210-82d7-5512b31e9d03', // Managed-SecurityHeadersPolicy
          AllowedMethods: Match.arrayWith(['PUT', 'PATCH', 'POST', 'DELETE']),
        },
        HttpVersion: 'http2and3',
        Logging: { Bucket: Match.anyValue(), Prefix: 'cloudfront/' },
        Origins: [Match.objectLike({ CustomOriginConfig: Match.objectLike({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 30 }) })],
      },
    });
    t.hasResourceProperties('AWS::S3::Bucket', {
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90 })] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
  });

  test('BP-L7: a custom domain gets TLSv1.2_2021 with SNI; a WAF ACL and geo restriction reach the distribution', () => {
    const { t, pub } = front({
      domainNames: ['api.example.com'],
      certificate: acm.Certificate.fromCertificateArn(new Stack(), 'C', CERT),
      webAclArn: ACL,
      geoRestriction: cloudfront.GeoRestriction.allowlist('DE', 'FR'),
    });
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: {
        Aliases: ['api.example.com'],
        WebACLId: ACL,
        ViewerCertificate: { AcmCertificateArn: CERT, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' },
        Restrictions: { GeoRestriction: { Locations: ['DE', 'FR'], RestrictionType: 'whitelist' } },
      },
    });
    expect(pub.url).toBe('https://api.example.com');
  });

  test('an imported log bucket synthesizes; a readTimeout from a CfnParameter gets the library\'s message (aws-cdk-lib\'s origin needs a known value)', () => {
    const stack = testStack();
    new PublicFunctionUrl(stack, 'Public', {
      function: new ServerlessFunction(stack, 'Api', { code: inlineCode() }),
      logBucket: s3.Bucket.fromBucketName(stack, 'Logs', 'my-cloudfront-logs'),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: { Logging: { Bucket: Match.stringLikeRegexp('^my-cloudfront-logs\\.s3\\.') } },
    });
    const seconds = new CfnParameter(stack, 'ReadTimeout', { type: 'Number', default: 60 }).valueAsNumber;
    const message = errorOf(() => new PublicFunctionUrl(stack, 'Tokened', {
      function: new ServerlessFunction(stack, 'Api2', { code: inlineCode() }), readTimeout: Duration.seconds(seconds),
    }));
    expectViolation(message, 'L7', 'TestStack/Tokened', 'readTimeout', 'a token', 'a known Duration');
  });

  test('two stacks: the front in its own stack depends on the function\'s stack, never the reverse', () => {
    const app = new App();
    const backend = new Stack(app, 'Backend', { env: EU });
    const edge = new Stack(app, 'Edge', { env: EU });
    const fn = new ServerlessFunction(backend, 'Api', { code: inlineCode() });
    new PublicFunctionUrl(edge, 'Public', { function: fn });
    app.synth();
    expect(edge.dependencies).toContain(backend);
    expect(backend.dependencies).not.toContain(edge);
    Template.fromStack(backend).resourceCountIs('AWS::Lambda::Url', 1);
    Template.fromStack(edge).resourceCountIs('AWS::Lambda::Permission', 2);
  });

  test('SP-F8: a permission on the URL of the unqualified function ($LATEST) is still a finding', () => {
    const stack = testStack();
    const fn = new lambda.Function(stack, 'Raw', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: inlineCode() });
    const url = fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    new lambda.CfnPermission(stack, 'Cdn', { action: 'lambda:InvokeFunctionUrl', principal: 'cloudfront.amazonaws.com', functionName: url.functionArn });
    const f8 = new ServerlessPatternsChecks().validateScope(stack).violations.find(v => v.ruleName === 'SP-F8');
    expect(f8?.description).toContain('TestStack/Cdn: it names the unqualified function ($LATEST)');
  });

  test('BP-L7: the audit pack finds nothing, SP-F8 included (the permissions name the alias URL)', () => {
    const { app } = front();
    expect(new ServerlessPatternsChecks().validateScope(app).violations).toEqual([]);
  });
});

/** [what, props, prop, value shown, allowed shown] — every row is BP-L7 unless the rule says otherwise (BP-X4). */
const rows: [string, (s: Stack) => Partial<PublicFunctionUrlProps>, string, string, string, string][] = [
  ['a function slower than CloudFront waits', s => ({ function: new ServerlessFunction(s, 'Slow', { code: inlineCode(), timeout: Duration.seconds(60) }) }),
    'L7', 'function.timeout', '1 minute (CloudFront waits 30 seconds)', 'at most readTimeout'],
  ['a readTimeout below the function timeout', s => ({ function: new ServerlessFunction(s, 'F', { code: inlineCode(), timeout: Duration.seconds(20) }), readTimeout: Duration.seconds(15) }),
    'L7', 'function.timeout', '20 seconds (CloudFront waits 15 seconds)', 'at most readTimeout'],
  ['a fractional readTimeout (checked before conversion)', () => ({ readTimeout: Duration.millis(30_500) }), 'L7', 'readTimeout', '30.5 s', 'a whole number'],
  ['a regional web ACL', () => ({ webAclArn: 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/api/0a1b' }), 'L7', 'webAclArn', "'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/api/0a1b'", 'scope CLOUDFRONT'],
  ['domain names without a certificate', () => ({ domainNames: ['api.example.com'] }), 'L7', 'domainNames', 'given without the other', 'domainNames and certificate together'],
  ['the function URL opened to the world', () => ({ functionUrlOptions: { authType: 'NONE' as any } }), 'F17', 'addFunctionUrl(options).authType', 'NONE', 'AWS_IAM only'],
  ['no function (plain JavaScript)', () => ({ function: undefined as any }), 'F20', 'function', 'missing', 'a ServerlessFunction'],
];

describe('PublicFunctionUrl bad input (BP-X4, L7)', () => {
  test('a function that has its URL already: the URL is reused (two fronts, one URL); with new URL options it fails', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Api', { code: inlineCode() });
    fn.addFunctionUrl();
    new PublicFunctionUrl(stack, 'Public', { function: fn });
    new PublicFunctionUrl(stack, 'Partners', { function: fn });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::Lambda::Url', 1);
    t.resourceCountIs('AWS::CloudFront::Distribution', 2);
    t.resourceCountIs('AWS::Lambda::Permission', 4);
    const message = errorOf(() => new PublicFunctionUrl(stack, 'Cors', { function: fn, functionUrlOptions: { invokeMode: lambda.InvokeMode.RESPONSE_STREAM } }));
    expectViolation(message, 'L7', 'TestStack/Cors', 'functionUrlOptions', 'given for a function that has its URL already', 'options only when this construct creates the URL');
  });

  test('a function of a stack in another region fails: its URL\'s permissions must live in its region', () => {
    const app = new App();
    const backend = new Stack(app, 'Backend', { env: EU });
    const frontStack = new Stack(app, 'Front', { env: TEST_ENV });
    const fn = new ServerlessFunction(backend, 'Api', { code: inlineCode() });
    const message = errorOf(() => new PublicFunctionUrl(frontStack, 'Public', { function: fn }));
    expectViolation(message, 'L7', 'Front/Public', 'function', 'Backend/Api (in eu-west-1; this stack is in us-east-1)', 'a function of a stack in this stack\'s region');
  });


  test.each(rows)('%s', (_what, props, rule, prop, value, allowed) => {
    const stack = testStack();
    const message = errorOf(() => new PublicFunctionUrl(stack, 'Public', { function: new ServerlessFunction(stack, 'Api', { code: inlineCode() }), ...props(stack) }));
    expectViolation(message, rule, rule === 'F17' ? 'TestStack/Api' : 'TestStack/Public', prop, value, allowed);
  });

  test('in us-east-1 too, defaults synthesize', () => {
    expect(() => front({}, TEST_ENV)).not.toThrow();
  });
});
