import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { EdgeFunction, PublicFunctionUrl, ServerlessFunction } from '../../src';
import { inlineCode } from '../helpers';
import { cfnLint, CLEAN, judge, nagFindings, synthJudged } from '../judges';

jest.setTimeout(120_000);

const ACL = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/api/0a1b2c3d-4e5f-6789-abcd-ef0123456789';
const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

describe('EdgeFunction and PublicFunctionUrl under the judges (BP-X2, X3, L1–L8)', () => {
  test('BP-X2/X3: an EdgeFunction per event type in a us-east-1 stack — clean', () => {
    expect(judge('EdgeFunction-defaults', s => {
      for (const eventType of Object.values(cloudfront.LambdaEdgeEventType)) new EdgeFunction(s, eventType, { eventType, code: inlineCode() });
    })).toMatchObject(CLEAN);
  });

  test('BP-X2/X3/L2: a distribution in eu-west-1 with an edge function from us-east-1 — the app (both stacks) is clean', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'judge-'));
    const app = new App({ outdir });
    const site = new Stack(app, 'Site', { env: { account: '123456789012', region: 'eu-west-1' } });
    const auth = new EdgeFunction(site, 'Auth', { eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, code: inlineCode() });
    const bucket = new s3.Bucket(site, 'Content', { enforceSSL: true });
    new cloudfront.Distribution(site, 'Cdn', {
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        edgeLambdas: [auth.edgeLambda],
      },
      defaultRootObject: 'index.html',
    });
    // The bucket and the distribution are the app's, not the library's: their own choices (geo, WAF, logging, certificate)
    // are not judged here; everything the EdgeFunction created, in both stacks, is.
    const all = nagFindings(app);
    const nag = all.filter(f => !/ at Site\/(Cdn|Content)\//.test(f));
    expect(all.length).toBeGreaterThan(nag.length); // the filter is not vacuous: the app's own findings exist
    const { templatePaths, builtinValidation } = synthJudged(app);
    expect(templatePaths).toHaveLength(2);
    expect({ nag, builtinValidation, cfnLint: cfnLint(templatePaths) }).toMatchObject(CLEAN);
  });

  test('BP-X2/X3/L7: PublicFunctionUrl defaults — clean', () => {
    expect(judge('PublicFunctionUrl-defaults', s => new PublicFunctionUrl(s, 'Public', { function: new ServerlessFunction(s, 'Api', { code: inlineCode() }) }))).toMatchObject(CLEAN);
  });

  test('BP-X2/X3/L7: PublicFunctionUrl with a custom domain, WAF and geo restriction — clean', () => {
    expect(judge('PublicFunctionUrl-hardened', s => new PublicFunctionUrl(s, 'Public', {
      function: new ServerlessFunction(s, 'Api', { code: inlineCode() }),
      domainNames: ['api.example.com'],
      certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT),
      webAclArn: ACL,
      geoRestriction: cloudfront.GeoRestriction.allowlist('DE'),
    }))).toMatchObject(CLEAN);
  });
});
