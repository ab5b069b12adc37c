import { Duration, Stack, Token } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { functionRow, IMonitoredConstruct, ROW_PERIOD } from '../dashboard/widgets';
import { ServerlessFunction } from '../function/serverless-function';
import { acknowledge } from '../private/nag';
import { checkArguments } from '../private/runtime-types';
import { checkDurationRange, fail, isKnown, secondsOf } from '../private/validation';

/** CloudFront's default origin response timeout (`FunctionUrlOrigin`'s `readTimeout`): 30 s. */
const DEFAULT_READ_TIMEOUT = Duration.seconds(30);

/** A WAF web ACL CloudFront accepts: a WAFv2 ACL of scope CLOUDFRONT, which lives in us-east-1 ("AWS::CloudFront::Distribution WebACLId"). */
const CLOUDFRONT_WEB_ACL = /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[\w-]+\/[\w-]+$/;

/** Properties of a PublicFunctionUrl. */
export interface PublicFunctionUrlProps {
  /** The function to serve: its alias gets a function URL with `AWS_IAM` auth (BP-F17), which only this distribution may call. */
  readonly function: ServerlessFunction;
  /**
   * Options of the function URL (CORS, invoke mode). Its auth type is always `AWS_IAM`.
   * @default - buffered responses, no CORS on the URL (CloudFront answers the viewer)
   */
  readonly functionUrlOptions?: lambda.FunctionUrlOptions;
  /**
   * The ARN of a WAFv2 web ACL of scope CLOUDFRONT (in us-east-1) to put in front.
   * @default - none (cdk-nag AwsSolutions-CFR2 is acknowledged with that reason)
   */
  readonly webAclArn?: string;
  /**
   * The cache policy. An API's answers depend on the caller: nothing is cached unless you say so.
   * @default cloudfront.CachePolicy.CACHING_DISABLED
   */
  readonly cachePolicy?: cloudfront.ICachePolicy;
  /**
   * What CloudFront forwards to the function. The viewer's `Host` is never forwarded: the function URL answers only
   * to its own domain.
   * @default cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER
   */
  readonly originRequestPolicy?: cloudfront.IOriginRequestPolicy;
  /**
   * The response headers policy.
   * @default cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS (HSTS, X-Content-Type-Options, X-Frame-Options, Referrer-Policy, X-XSS-Protection)
   */
  readonly responseHeadersPolicy?: cloudfront.IResponseHeadersPolicy;
  /**
   * The HTTP methods CloudFront passes on.
   * @default cloudfront.AllowedMethods.ALLOW_ALL
   */
  readonly allowedMethods?: cloudfront.AllowedMethods;
  /**
   * How long CloudFront waits for the function; the function's timeout must fit in it (BP-L7, A3).
   * @default Duration.seconds(30)
   */
  readonly readTimeout?: Duration;
  /**
   * The bucket CloudFront writes its access logs to (BP-L7, cdk-nag AwsSolutions-CFR3). It must have ACLs enabled
   * (object ownership BUCKET_OWNER_PREFERRED or OBJECT_WRITER), as CloudFront standard logging requires.
   * @default - a bucket of its own: encrypted, TLS only, public access blocked, logs expire after 90 days
   */
  readonly logBucket?: s3.IBucket;
  /**
   * Custom domain names; give `certificate` with them.
   * @default - the distribution's cloudfront.net domain
   */
  readonly domainNames?: string[];
  /**
   * The certificate (in us-east-1) for `domainNames`; viewers then need TLS 1.2 or newer (TLSv1.2_2021).
   * @default - CloudFront's default certificate
   */
  readonly certificate?: acm.ICertificate;
  /**
   * Where viewers may call from.
   * @default - anywhere (cdk-nag AwsSolutions-CFR1 is acknowledged with that reason)
   */
  readonly geoRestriction?: cloudfront.GeoRestriction;
  /**
   * The price class.
   * @default cloudfront.PriceClass.PRICE_CLASS_ALL
   */
  readonly priceClass?: cloudfront.PriceClass;
}

/**
 * A public HTTPS front for a function (BP-L7): a CloudFront distribution with Origin Access Control in front of the
 * function's URL, which keeps `AWS_IAM` auth (BP-F17), so only this distribution may call it ("Restrict access to an
 * AWS Lambda function URL origin"). HTTPS only, security headers, nothing cached by default, access logs, and an
 * optional WAF web ACL, custom domain and geo restriction.
 *
 * Clients that send a body (`POST`, `PUT`) must send its SHA-256 in the `x-amz-content-sha256` header: CloudFront
 * signs the request for Lambda, and Lambda does not accept unsigned payloads.
 *
 * @example
 * const api = new ServerlessFunction(stack, 'Api', { code: lambda.Code.fromAsset('api') });
 * const front = new PublicFunctionUrl(stack, 'Public', { function: api });
 * new CfnOutput(stack, 'Url', { value: front.url });
 */
export class PublicFunctionUrl extends Construct implements IMonitoredConstruct {
  /** The distribution in front of the function URL. */
  public readonly distribution: cloudfront.Distribution;
  /** The function URL (AWS_IAM auth, on the alias). */
  public readonly functionUrl: lambda.IFunctionUrl;
  /** The public URL: `https://` and the distribution's domain (or the first custom domain). */
  public readonly url: string;
  /** The bucket the access logs go to. */
  public readonly logBucket: s3.IBucket;
  /** The function behind the front. */
  public readonly function: ServerlessFunction;

  constructor(scope: Construct, id: string, props: PublicFunctionUrlProps) {
    super(scope, id);
    checkArguments(this, 'PublicFunctionUrl', [scope, id, props]); // BP-F20
    const readTimeout = props.readTimeout ?? DEFAULT_READ_TIMEOUT;
    checkFront(this, props, readTimeout);

    this.function = props.function;
    this.functionUrl = functionUrlOf(this, props);
    this.logBucket = props.logBucket ?? this.createLogBucket();
    const custom = props.certificate !== undefined;
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: `Public front of ${props.function.node.path} (function URL with AWS_IAM, Origin Access Control)`.slice(0, 128),
      defaultBehavior: {
        origin: origins.FunctionUrlOrigin.withOriginAccessControl(this.functionUrl, { readTimeout }),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: props.allowedMethods ?? cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: props.cachePolicy ?? cloudfront.CachePolicy.CACHING_DISABLED,
        originRequestPolicy: props.originRequestPolicy ?? cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        responseHeadersPolicy: props.responseHeadersPolicy ?? cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: props.webAclArn,
      domainNames: props.domainNames,
      certificate: props.certificate,
      minimumProtocolVersion: custom ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
      geoRestriction: props.geoRestriction,
      priceClass: props.priceClass,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    });
    this.url = `https://${props.domainNames?.[0] ?? this.distribution.distributionDomainName}`;

    const cfn = this.distribution.node.defaultChild!;
    if (!props.geoRestriction) acknowledge(cfn, 'A public API served to viewers anywhere; give geoRestriction to limit the countries (BP-L7).', 'AwsSolutions-CFR1');
    if (!props.webAclArn) acknowledge(cfn, 'No WAF web ACL was given (opt-in: webAclArn, a CLOUDFRONT-scope WAFv2 ACL); the function URL itself only answers this distribution (BP-L7).', 'AwsSolutions-CFR2');
    if (!custom) {
      acknowledge(cfn, 'Without a custom domain CloudFront serves its default *.cloudfront.net certificate, whose security policy cannot be chosen; give domainNames and certificate for TLSv1.2_2021 (BP-L7).', 'AwsSolutions-CFR4');
    }
  }

  private createLogBucket(): s3.Bucket {
    const bucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      // CloudFront standard logging writes with an ACL ("Configure standard logging (legacy)").
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      versioned: false,
    });
    acknowledge(bucket.node.defaultChild!, 'This bucket holds the distribution\'s access logs; logging its own access would log the logging (BP-L7).', 'AwsSolutions-S1');
    return bucket;
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    const cdn = (metricName: string, label: string, statistic = 'Sum') => new cloudwatch.Metric({
      namespace: 'AWS/CloudFront',
      metricName,
      statistic,
      label,
      period: ROW_PERIOD,
      region: 'us-east-1',
      dimensionsMap: { DistributionId: this.distribution.distributionId, Region: 'Global' },
    });
    return functionRow(this, 'PublicFunctionUrl', this.function, {
      own: [{ title: 'Viewer errors (%)', left: [cdn('5xxErrorRate', '5xx', 'Average'), cdn('4xxErrorRate', '4xx', 'Average')], right: [cdn('Requests', 'requests')], region: 'us-east-1' }],
    });
  }
}

/**
 * The function's URL: the one it has (a second front, or one the app added), or a new one with `AWS_IAM` (BP-F17).
 */
function functionUrlOf(scope: Construct, props: PublicFunctionUrlProps): lambda.IFunctionUrl {
  const existing = props.function.alias.node.tryFindChild('FunctionUrl');
  if (!(existing instanceof lambda.FunctionUrl)) return props.function.addFunctionUrl(props.functionUrlOptions ?? {});
  if (props.functionUrlOptions !== undefined) {
    fail(scope, {
      rule: 'L7',
      prop: 'functionUrlOptions',
      value: 'given for a function that has its URL already',
      allowed: 'options only when this construct creates the URL (a function has one URL per alias)',
      fix: 'give the options where the URL is created (fn.addFunctionUrl({...})), or remove them here.',
    });
  }
  return existing;
}

function checkFront(scope: Construct, props: PublicFunctionUrlProps, readTimeout: Duration): void {
  const here = Stack.of(scope).region;
  const there = Stack.of(props.function).region;
  if (!Token.isUnresolved(here) && !Token.isUnresolved(there) && here !== there) {
    // The URL's permissions for CloudFront are resources of this stack, and a Lambda permission lives in its function's region.
    fail(scope, {
      rule: 'L7',
      prop: 'function',
      value: `${props.function.node.path} (in ${there}; this stack is in ${here})`,
      allowed: 'a function of a stack in this stack\'s region (CloudFront is global: the front can be in any region)',
      fix: `create the PublicFunctionUrl in a stack in ${there}, e.g. the function's own stack.`,
    });
  }
  if (props.readTimeout !== undefined && props.readTimeout.isUnresolved()) {
    // aws-cdk-lib's FunctionUrlOrigin checks the value when the origin is created: it cannot wait for a parameter.
    fail(scope, {
      rule: 'L7',
      prop: 'readTimeout',
      value: 'a token',
      allowed: 'a known Duration (CloudFront\'s origin is checked at synthesis)',
      fix: 'give a literal, e.g. Duration.seconds(60).',
    });
  }
  checkDurationRange(scope, props.readTimeout, { prop: 'readTimeout', min: 1, max: 3600, rule: 'L7', integer: true });
  const fnTimeout = props.function.timeout;
  if (isKnown(fnTimeout) && isKnown(readTimeout) && secondsOf(fnTimeout) > secondsOf(readTimeout)) {
    fail(scope, {
      rule: 'L7',
      prop: 'function.timeout',
      value: `${fnTimeout.toHumanString()} (CloudFront waits ${readTimeout.toHumanString()})`,
      allowed: 'at most readTimeout: CloudFront answers 504 when the origin has not answered by then, while the function runs on',
      fix: `lower the function's timeout to ${Math.floor(secondsOf(readTimeout))} s or less, or raise readTimeout (above 120 s needs a CloudFront quota increase).`,
    });
  }
  if (props.webAclArn !== undefined && !Token.isUnresolved(props.webAclArn) && !CLOUDFRONT_WEB_ACL.test(props.webAclArn)) {
    fail(scope, {
      rule: 'L7',
      prop: 'webAclArn',
      value: `'${props.webAclArn}'`,
      allowed: 'the ARN of a WAFv2 web ACL of scope CLOUDFRONT: arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>',
      fix: 'create the web ACL with scope CLOUDFRONT in us-east-1 and give its ARN (a REGIONAL ACL cannot be attached to a distribution).',
    });
  }
  if ((props.domainNames ?? []).length > 0 !== (props.certificate !== undefined)) {
    fail(scope, {
      rule: 'L7',
      prop: props.certificate ? 'certificate' : 'domainNames',
      value: 'given without the other',
      allowed: 'domainNames and certificate together, or neither',
      fix: 'give both (the certificate in us-east-1, covering every domain name), or neither for the cloudfront.net domain.',
    });
  }
}
