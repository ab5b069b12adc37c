import { Annotations, Duration, Lazy, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import { ApiAlarmsOptions, createApiAlarms } from '../api/api-alarms';
import { ApiAuthorization } from '../api/authorization';
import { ApiCorsOptions, restCorsOptions } from '../api/cors';
import { routeFunction } from '../api/route-function';
import { parseRouteKey, ParsedRouteKey, routeConstructId } from '../api/route-key';
import { ApiThrottleOptions, RouteOptions } from '../api/serverless-api';
import { apiRow, IMonitoredConstruct } from '../dashboard/widgets';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { acknowledge } from '../private/nag';
import { definedOnly } from '../private/props';
import { checkArguments } from '../private/runtime-types';
import { checkStructKeys, refuseStructsInCollectionsFrom } from '../private/struct-keys';
import { checkDurationRange, checkLength, checkRange, fail, isKnown, secondsOf } from '../private/validation';

/** Defaults of ServerlessRestApi (BP-R2, R3, R6). */
export const SERVERLESS_REST_API_DEFAULTS = {
  /** 10 s: a request should be answered quickly. */
  timeout: Duration.seconds(10),
  /** REST integrations time out at 29 s unless a Regional or private API's quota is raised (API Gateway quotas). */
  integrationTimeout: Duration.seconds(29),
  rateLimit: 100,
  burstLimit: 200,
  accessLogRetention: logs.RetentionDays.ONE_MONTH,
  stageName: 'prod',
};

/** A REST route's options, beside its function's props (BP-R2, R5–R7, R9). */
export interface RestRouteOptions extends RouteOptions {
  /**
   * Throttling of this method, instead of the stage's (BP-R2).
   * @default - the stage's throttling
   */
  readonly throttle?: ApiThrottleOptions;
  /**
   * Require an API key of the API's usage plan (needs `usagePlan`, BP-R7).
   * @default false
   */
  readonly apiKeyRequired?: boolean;
  /**
   * A model the JSON request body must match, validated by API Gateway before the function runs (BP-R7); create it
   * with `api.restApi.addModel(...)`.
   * @default - the body is not validated
   */
  readonly requestModel?: apigw.IModel;
  /**
   * Request parameters that must be present, validated by API Gateway (BP-R7), e.g.
   * `['method.request.querystring.page', 'method.request.header.X-Tenant']`.
   * @default - none
   */
  readonly requiredParameters?: string[];
  /**
   * The integration timeout, 50 ms – 29 s; the function's timeout must be at least 1 s shorter (BP-R6).
   * @default Duration.seconds(29)
   */
  readonly integrationTimeout?: Duration;
}

/** A REST route: its function's props and its options, in one struct (Python: keyword arguments of `add_route`). */
export interface RestRouteProps extends ServerlessFunctionProps, RestRouteOptions {}

/** A usage plan for API keys (BP-R7). */
export interface RestUsagePlanOptions {
  /**
   * Throttling per API key.
   * @default - the stage's throttling only
   */
  readonly throttle?: ApiThrottleOptions;
  /**
   * Requests per API key per period.
   * @default - no quota
   */
  readonly quota?: apigw.QuotaSettings;
}

/** Properties of a ServerlessRestApi. */
export interface ServerlessRestApiProps {
  /**
   * Routes as `'METHOD /path'` keys (BP-R1). Refused from Python (use `add_route`), as for ServerlessApi.
   * @default - none; add them with `addRoute`
   */
  readonly routes?: { [routeKey: string]: RestRouteProps };
  /**
   * Props every route's function starts from; a route's own props win (environment is merged).
   * @default - 10 s timeout
   */
  readonly functionDefaults?: ServerlessFunctionProps;
  /**
   * Authorization of every route unless overridden (BP-R5): `iam()`, `cognito(...)`, `lambdaAuthorizer(...)`, `none(reason)`.
   * @default ApiAuthorization.iam()
   */
  readonly authorization?: ApiAuthorization;
  /**
   * Stage-wide throttling, written as the `*`/`/*` method setting (BP-R2).
   * @default - rate 100 requests/s, burst 200
   */
  readonly throttle?: ApiThrottleOptions;
  /**
   * CORS with explicit origins (BP-A7, R7).
   * @default - none
   */
  readonly cors?: ApiCorsOptions;
  /**
   * Retention of the access log group (BP-R3).
   * @default RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * Alarms on 5xx rate and p99 latency (BP-R8).
   * @default - enabled, no actions
   */
  readonly alarms?: ApiAlarmsOptions;
  /**
   * The endpoint type. PRIVATE needs `policy` (who may call it through which VPC endpoint).
   * @default EndpointType.REGIONAL
   */
  readonly endpointType?: apigw.EndpointType;
  /**
   * A resource policy.
   * @default - none
   */
  readonly policy?: iam.PolicyDocument;
  /**
   * A usage plan with one API key, for routes with `apiKeyRequired` (BP-R7).
   * @default - none
   */
  readonly usagePlan?: RestUsagePlanOptions;
  /**
   * The ARN of a REGIONAL-scope AWS WAF web ACL to associate with the stage (BP-R7).
   * @default - none (AwsSolutions-APIG3 is acknowledged with the reason: WAF is opt-in)
   */
  readonly webAclArn?: string;
  /**
   * Create the account-level role API Gateway writes execution logs with (`AWS::ApiGateway::Account`: one per account
   * and region, shared by every API). aws-cdk-lib recommends managing it once (feature flag
   * `@aws-cdk/aws-apigateway:disableCloudWatchRole`); execution logging needs it to exist in the account.
   * @default false
   */
  readonly cloudWatchRole?: boolean;
  /**
   * The stage name.
   * @default 'prod'
   */
  readonly stageName?: string;
  /**
   * The API's name.
   * @default - the construct's ID
   */
  readonly restApiName?: string;
}

const REQUIRED_PARAMETER = /^method\.request\.(querystring|header)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const REGIONAL_WEB_ACL = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[^/]+\/[^/]+$/;

/**
 * A REST API (API Gateway v1) whose routes each run their own ServerlessFunction on its alias (BP-R1–R9): stage-wide
 * throttling, JSON access logs with the request ID, execution logs at ERROR without data trace, X-Ray tracing, a
 * REGIONAL endpoint, IAM authorization by default (Cognito, Lambda authorizers, open routes with a reason), request
 * validation, optional API keys with a usage plan, WAF and CORS, and 5xx and latency alarms.
 *
 * @example
 * const api = new ServerlessRestApi(stack, 'Orders', {
 *   routes: { 'GET /orders/{id}': { entry: 'src/get-order.ts' } },
 * });
 * api.addRoute('POST /orders', { entry: 'src/create-order.ts' });
 */
export class ServerlessRestApi extends Construct implements IMonitoredConstruct {
  /** The REST API. */
  public readonly restApi: apigw.RestApi;
  /** The stage. */
  public readonly stage: apigw.Stage;
  /** The stage's URL. */
  public readonly url: string;
  /** The access log group (BP-R3). */
  public readonly accessLogGroup: logs.LogGroup;
  /** The usage plan, when `usagePlan` is given. */
  public readonly usagePlan?: apigw.UsagePlan;
  /** The API key of the usage plan, when `usagePlan` is given. */
  public readonly apiKey?: apigw.IApiKey;
  /** The API's alarms (5xx rate, p99 latency); each function also has its own. */
  public readonly alarms: cloudwatch.IAlarm[] = [];

  private readonly props: ServerlessRestApiProps;
  private readonly routeFunctions: { [routeKey: string]: ServerlessFunction } = {};
  private readonly defaultAuthorization: ApiAuthorization;
  private readonly authorizers = new Map<string, apigw.IAuthorizer | undefined>();
  private readonly validator: apigw.RequestValidator;
  private readonly routeSettings: apigw.CfnStage.MethodSettingProperty[] = [];
  private readonly preflights = new Set<apigw.Method>();

  constructor(scope: Construct, id: string, props: ServerlessRestApiProps = {}) {
    super(scope, id);
    checkArguments(this, 'ServerlessRestApi', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    this.props = props;
    const d = SERVERLESS_REST_API_DEFAULTS;
    const throttle = { rateLimit: d.rateLimit, burstLimit: d.burstLimit, ...definedOnly(props.throttle) };
    checkRestApiProps(this, props, throttle);
    refuseStructsInCollectionsFrom(this, 'routes', props.routes !== undefined && Object.keys(props.routes).length > 0,
      'api.add_route("GET /orders/{id}", code=..., memory_size=..., authorization=...)');
    this.defaultAuthorization = props.authorization ?? ApiAuthorization.iam();

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: props.accessLogRetention ?? SERVERLESS_REST_API_DEFAULTS.accessLogRetention });
    const endpointType = props.endpointType ?? apigw.EndpointType.REGIONAL;
    this.restApi = new apigw.RestApi(this, 'RestApi', {
      restApiName: props.restApiName,
      endpointConfiguration: { types: [endpointType] },
      policy: props.policy,
      cloudWatchRole: props.cloudWatchRole ?? false,
      defaultCorsPreflightOptions: restCorsOptions(this, props.cors),
      deployOptions: {
        stageName: props.stageName ?? SERVERLESS_REST_API_DEFAULTS.stageName,
        // Stage-wide (`*` on `/*`) throttling (BP-R2), execution logs at ERROR without data trace, tracing (BP-R3, R4).
        throttlingRateLimit: throttle.rateLimit,
        throttlingBurstLimit: throttle.burstLimit,
        loggingLevel: apigw.MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        accessLogDestination: new apigw.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigw.AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          extendedRequestId: '$context.extendedRequestId',
          ip: '$context.identity.sourceIp',
          caller: '$context.identity.caller',
          requestTime: '$context.requestTime',
          httpMethod: '$context.httpMethod',
          resourcePath: '$context.resourcePath',
          status: '$context.status',
          protocol: '$context.protocol',
          responseLength: '$context.responseLength',
          responseLatency: '$context.responseLatency',
          integrationLatency: '$context.integrationLatency',
          integrationError: '$context.integration.error',
          authorizerError: '$context.authorizer.error',
        })),
      },
    });
    this.stage = this.restApi.deploymentStage;
    this.url = this.restApi.url;
    if (props.cloudWatchRole) {
      acknowledge(this.restApi.node.findChild('CloudWatchRole'),
        'API Gateway\'s account-level role for execution logs: AWS documents the managed policy AmazonAPIGatewayPushToCloudWatchLogs for it (one per account and region).',
        'AwsSolutions-IAM4');
    }
    // Per-route throttling overrides join the stage-wide setting (BP-R2).
    const cfnStage = this.stage.node.defaultChild as apigw.CfnStage;
    const stageWide = cfnStage.methodSettings;
    cfnStage.methodSettings = Lazy.any({ produce: () => [...(Array.isArray(stageWide) ? stageWide : []), ...this.routeSettings] });

    // Request validation on every method (BP-R7, AwsSolutions-APIG2): bodies against their model, required parameters.
    this.validator = this.restApi.addRequestValidator('RequestValidator', { validateRequestBody: true, validateRequestParameters: true });

    if (props.usagePlan) {
      this.usagePlan = this.restApi.addUsagePlan('UsagePlan', {
        throttle: props.usagePlan.throttle,
        quota: props.usagePlan.quota,
        apiStages: [{ api: this.restApi, stage: this.stage }],
      });
      this.apiKey = this.restApi.addApiKey('ApiKey');
      this.usagePlan.addApiKey(this.apiKey);
    }
    if (props.webAclArn) {
      new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: this.stage.stageArn, webAclArn: props.webAclArn });
    } else {
      acknowledge(this.stage, 'WAF is opt-in (webAclArn): a web ACL is billed per ACL and per request. Stage throttling, IAM authorization by default and request validation stand in front of the functions.',
        'AwsSolutions-APIG3');
    }

    for (const [routeKey, routeProps] of Object.entries(props.routes ?? {})) this.addRoute(routeKey, routeProps);
    if (props.alarms?.enabled ?? true) {
      const period = Duration.minutes(5);
      this.alarms.push(...createApiAlarms(this, 'R8', {
        serverErrors: this.restApi.metricServerError({ period, statistic: 'Sum' }),
        requests: this.restApi.metricCount({ period, statistic: 'SampleCount' }),
        latency: this.restApi.metricLatency({ period, statistic: 'p99' }),
      }, props.alarms ?? {}));
    }
  }

  /** The routes' functions, by normalized route key (`'GET /orders/{id}'`). */
  public get functions(): { [routeKey: string]: ServerlessFunction } {
    return { ...this.routeFunctions };
  }

  /**
   * Adds a route with its own function (or an existing one, `function`), built from the API's `functionDefaults` and
   * the route's props; the integration targets the function's alias (BP-R1, R9).
   */
  public addRoute(routeKey: string, props: RestRouteProps): ServerlessFunction {
    checkArguments(this, 'ServerlessRestApi.addRoute', [routeKey, props]); // BP-F20
    const route = parseRouteKey(this, routeKey);
    checkStructKeys(this, props, `routes['${routeKey}']`);
    const {
      authorization: routeAuthorization, function: existing, throttle, apiKeyRequired, requestModel, requiredParameters, integrationTimeout,
      ...functionProps
    } = props;
    if (this.routeFunctions[route.key]) {
      fail(this, { rule: 'R1', prop: 'routes', value: `'${route.key}' twice`, allowed: 'each route key once', fix: 'remove the duplicate, or give one of them another method or path.' });
    }
    checkRouteOptions(this, route.key, props, this.props);
    const timeout = integrationTimeout ?? SERVERLESS_REST_API_DEFAULTS.integrationTimeout;
    const fn = routeFunction(this, functionProps, existing, {
      routeKey: route.key,
      id: routeConstructId(route),
      defaults: this.props.functionDefaults,
      defaultTimeout: SERVERLESS_REST_API_DEFAULTS.timeout,
      maxTimeout: isKnown(timeout) ? Duration.millis(Math.max(0, timeout.toMilliseconds() - 1000)) : SERVERLESS_REST_API_DEFAULTS.integrationTimeout,
      timeoutRule: 'R6',
      timeoutLimit: `the REST integration times out at ${isKnown(timeout) ? secondsOf(timeout) : 29} s (at least 1 s of it for API Gateway)`,
    });

    const authorization = routeAuthorization ?? this.defaultAuthorization;
    authorization._validate(this, `authorization of '${route.key}'`, 'REST');
    const resource = this.restApi.root.resourceForPath(route.path);
    const method = resource.addMethod(route.method, new apigw.LambdaIntegration(fn.alias, { proxy: true, timeout: integrationTimeout }), {
      authorizationType: authorization._restAuthorizationType(),
      authorizer: this.authorizerFor(authorization),
      authorizationScopes: authorization._scopes(),
      apiKeyRequired,
      requestValidator: this.validator,
      requestModels: requestModel ? { 'application/json': requestModel } : undefined,
      requestParameters: requiredParameters ? Object.fromEntries(requiredParameters.map(p => [p, true])) : undefined,
    });
    acknowledgeAuthorization(method, authorization);
    if (throttle) this.routeSettings.push(routeSetting(route, throttle));
    this.acknowledgePreflights();
    this.routeFunctions[route.key] = fn;
    return fn;
  }

  /** The function of a route (`'GET /orders/{id}'`); fails for an unknown route. */
  public functionFor(routeKey: string): ServerlessFunction {
    checkArguments(this, 'ServerlessRestApi.functionFor', [routeKey]); // BP-F20
    const key = parseRouteKey(this, routeKey).key;
    const fn = this.routeFunctions[key];
    if (!fn) {
      fail(this, {
        rule: 'R1',
        prop: 'functionFor(routeKey)',
        value: `'${routeKey}'`,
        allowed: `one of ${Object.keys(this.routeFunctions).map(k => `'${k}'`).join(', ') || 'no routes yet'}`,
        fix: 'add the route first, or check the method and path.',
      });
    }
    return fn;
  }

  private authorizerFor(authorization: ApiAuthorization): apigw.IAuthorizer | undefined {
    const key = authorization._authorizerKey();
    if (!this.authorizers.has(key)) {
      const kind = authorization.kind === 'COGNITO' ? 'CognitoAuthorizer' : 'LambdaAuthorizer';
      const count = [...this.authorizers.keys()].filter(k => k.startsWith(authorization.kind)).length;
      this.authorizers.set(key, authorization._createRestAuthorizer(this, count === 0 ? kind : `${kind}${count + 1}`));
    }
    return this.authorizers.get(key);
  }

  /** CORS preflight methods carry no credentials (browsers send OPTIONS without them): nothing to authorize (BP-A7). */
  private acknowledgePreflights(): void {
    if (!this.props.cors) return;
    for (const c of this.restApi.root.node.findAll()) {
      if (c instanceof apigw.Method && c.httpMethod === 'OPTIONS' && !this.preflights.has(c)) {
        acknowledge(c, 'A CORS preflight: browsers send OPTIONS without credentials, and the mock integration answers only the CORS headers.',
          'AwsSolutions-APIG4', 'AwsSolutions-COG4');
        this.preflights.add(c);
      }
    }
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return apiRow(this, 'ServerlessRestApi', this.restApi, this.alarms, this.functions);
  }
}

/** The route's method setting: its throttling, and the stage's logging (a method setting replaces the stage's). */
function routeSetting(route: ParsedRouteKey, throttle: ApiThrottleOptions): apigw.CfnStage.MethodSettingProperty {
  return {
    // CloudFormation's MethodSetting ResourcePath: each `/` encoded as `~1` after the leading one (the root is `/`).
    resourcePath: route.path === '/' ? '/' : `/${route.path.replace(/\//g, '~1')}`,
    httpMethod: route.method === 'ANY' ? '*' : route.method,
    throttlingRateLimit: throttle.rateLimit ?? SERVERLESS_REST_API_DEFAULTS.rateLimit,
    throttlingBurstLimit: throttle.burstLimit ?? SERVERLESS_REST_API_DEFAULTS.burstLimit,
    loggingLevel: apigw.MethodLoggingLevel.ERROR,
    dataTraceEnabled: false,
    metricsEnabled: true,
  };
}

/** The cdk-nag findings a method's authorization answers (BP-R5): an open route's reason, another scheme than Cognito. */
function acknowledgeAuthorization(method: apigw.Method, authorization: ApiAuthorization): void {
  if (authorization.kind === 'NONE') {
    acknowledge(method, `Open route by decision: ${authorization.reason}`, 'AwsSolutions-APIG4', 'AwsSolutions-COG4', 'SP-A6');
  } else if (authorization.kind !== 'COGNITO') {
    acknowledge(method, authorization.kind === 'IAM'
      ? 'The method requires IAM (SigV4) authorization; a Cognito user pool is one choice among several (ApiAuthorization.cognito).'
      : 'A Lambda authorizer verifies the caller; a Cognito user pool is one choice among several (ApiAuthorization.cognito).', 'AwsSolutions-COG4');
  }
}

function checkRestApiProps(scope: Construct, props: ServerlessRestApiProps, throttle: ApiThrottleOptions): void {
  checkThrottle(scope, throttle, 'throttle', 'R2');
  if (props.accessLogRetention === logs.RetentionDays.INFINITE) {
    fail(scope, {
      rule: 'R3', prop: 'accessLogRetention', value: 'INFINITE', allowed: 'a finite retention', fix: 'choose a RetentionDays value (default one month), and export logs you must keep to S3.',
    });
  }
  checkRange(scope, props.alarms?.serverErrorRatePercent, { prop: 'alarms.serverErrorRatePercent', min: 0.01, max: 100, unit: '%', rule: 'R8', integer: false });
  checkDurationRange(scope, props.alarms?.latencyP99, { prop: 'alarms.latencyP99', min: 0.001, max: 29, rule: 'R8' });
  checkLength(scope, props.restApiName, { prop: 'restApiName', rule: 'X4', min: 1, max: 1024, source: 'AWS::ApiGateway::RestApi Name' });
  if (isKnown(props.stageName) && !/^[A-Za-z0-9_-]{1,128}$/.test(props.stageName)) {
    fail(scope, { rule: 'X4', prop: 'stageName', value: `'${props.stageName}'`, allowed: '1–128 letters, digits, - and _ (AWS::ApiGateway::Stage StageName)', fix: 'use a name such as \'prod\'.' });
  }
  if (props.endpointType === apigw.EndpointType.PRIVATE && !props.policy) {
    fail(scope, {
      rule: 'R5',
      prop: 'endpointType',
      value: 'PRIVATE without policy',
      allowed: 'a private API with a resource policy that names who may call it (API Gateway refuses to deploy one without)',
      fix: 'give policy, allowing execute-api:Invoke with a condition on aws:SourceVpce.',
    });
  }
  if (props.usagePlan) {
    if (props.usagePlan.throttle) checkThrottle(scope, props.usagePlan.throttle, 'usagePlan.throttle', 'R7');
    checkRange(scope, props.usagePlan.quota?.limit, { prop: 'usagePlan.quota.limit', min: 1, max: 2_147_483_647, unit: 'requests', rule: 'R7' });
    checkRange(scope, props.usagePlan.quota?.offset, { prop: 'usagePlan.quota.offset', min: 0, max: 2_147_483_647, rule: 'R7' });
    if (props.usagePlan.quota && props.usagePlan.quota.limit !== undefined && props.usagePlan.quota.period === undefined) {
      fail(scope, { rule: 'R7', prop: 'usagePlan.quota.period', value: 'missing', allowed: 'a period (DAY, WEEK or MONTH) with a quota limit', fix: 'add period: apigw.Period.DAY.' });
    }
  }
  if (isKnown(props.webAclArn) && !REGIONAL_WEB_ACL.test(props.webAclArn)) {
    fail(scope, {
      rule: 'R7',
      prop: 'webAclArn',
      value: `'${props.webAclArn}'${props.webAclArn.includes(':global/webacl/') ? ' (a CLOUDFRONT-scope web ACL)' : ''}`,
      allowed: 'the ARN of a REGIONAL-scope AWS WAFv2 web ACL in the API\'s region (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)',
      fix: 'create the web ACL with scope REGIONAL in the API\'s region (CLOUDFRONT scope is for distributions).',
    });
  }
}

function checkRouteOptions(scope: Construct, routeKey: string, o: RestRouteOptions, api: ServerlessRestApiProps): void {
  const prop = (name: string) => `routes['${routeKey}'].${name}`;
  if (o.throttle) checkThrottle(scope, o.throttle, prop('throttle'), 'R2');
  if (o.apiKeyRequired && !api.usagePlan) {
    fail(scope, {
      rule: 'R7',
      prop: prop('apiKeyRequired'),
      value: 'true without usagePlan',
      allowed: 'API keys only with a usage plan (a key outside a plan is refused: 403)',
      fix: 'give the API usagePlan: { throttle, quota }, or remove apiKeyRequired.',
    });
  }
  for (const p of o.requiredParameters ?? []) {
    if (Token.isUnresolved(p) || REQUIRED_PARAMETER.test(p)) continue;
    fail(scope, {
      rule: 'R7',
      prop: prop('requiredParameters'),
      value: `'${p}'`,
      allowed: 'method.request.querystring.<name> or method.request.header.<name> (path parameters are always required)',
      fix: 'write e.g. \'method.request.querystring.page\'.',
    });
  }
  checkDurationRange(scope, o.integrationTimeout, { prop: prop('integrationTimeout'), min: 0.05, max: 29, rule: 'R6' });
  if (o.integrationTimeout && isKnown(o.integrationTimeout) && secondsOf(o.integrationTimeout) < 2) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:shortIntegrationTimeout',
      `[R6] ${prop('integrationTimeout')} is under 2 s: a cold start alone can take longer; make sure the function answers in time.`);
  }
}

function checkThrottle(scope: Construct, t: ApiThrottleOptions, prop: string, rule: string): void {
  checkRange(scope, t.rateLimit, { prop: `${prop}.rateLimit`, min: 1, max: 1_000_000, unit: 'requests/s', rule, integer: false });
  checkRange(scope, t.burstLimit, { prop: `${prop}.burstLimit`, min: 1, max: 1_000_000, unit: 'requests', rule });
}
