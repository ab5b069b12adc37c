import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ApiAlarmsOptions, createApiAlarms } from './api-alarms';
import { ApiAuthorization } from './authorization';
import { ApiCorsOptions, corsPreflight } from './cors';
import { routeFunction } from './route-function';
import { parseRouteKey, routeConstructId } from './route-key';
import { apiRow, IMonitoredConstruct } from '../dashboard/widgets';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { acknowledge } from '../private/nag';
import { definedOnly } from '../private/props';
import { checkArguments } from '../private/runtime-types';
import { checkStructKeys, refuseStructsInCollectionsFrom } from '../private/struct-keys';
import { checkDurationRange, checkLength, checkRange, fail } from '../private/validation';

/** Defaults of ServerlessApi (BP-A3, A4, A5, A9). */
export const SERVERLESS_API_DEFAULTS = {
  /** 10 s: well inside the 30 s HTTP API integration timeout. */
  timeout: Duration.seconds(10),
  /** The longest function timeout that leaves room inside the integration timeout. */
  maxTimeout: Duration.seconds(29),
  rateLimit: 100,
  burstLimit: 200,
  accessLogRetention: logs.RetentionDays.ONE_MONTH,
};

/** Stage throttling (BP-A4). */
export interface ApiThrottleOptions {
  /**
   * Steady-state requests per second.
   * @default 100
   */
  readonly rateLimit?: number;
  /**
   * Burst capacity (requests).
   * @default 200
   */
  readonly burstLimit?: number;
}

/** Per-route options, beside the route function's props. */
export interface RouteOptions {
  /**
   * The route's authorization.
   * @default - the API's `authorization`
   */
  readonly authorization?: ApiAuthorization;
  /**
   * An existing function for the route (e.g. a VpcFunction's `.function`), instead of one the API creates: give no
   * function props with it. Its timeout must fit the integration timeout (BP-A3, R6, R9).
   * @default - the API creates the route's function from its props
   */
  readonly function?: ServerlessFunction;
}

/**
 * A route: its function's props and its own options, in one struct (one struct, so that jsii converts it in
 * every language: Python's `add_route(route_key, code=..., memory_size=..., authorization=...)` takes them as
 * keyword arguments, and a misspelled one is a TypeError, never a lost setting).
 */
export interface ApiRouteProps extends ServerlessFunctionProps, RouteOptions {}

/** Properties of a ServerlessApi. */
export interface ServerlessApiProps {
  /**
   * Routes as `'METHOD /path'` keys, each with its own function and optional authorization (BP-A8).
   *
   * Refused from Python, where jsii would drop a snake_case key inside this map before the library could see
   * it: there, call `add_route(route_key, code=..., memory_size=...)` for each route.
   * @default - none; add them with `addRoute`
   */
  readonly routes?: { [routeKey: string]: ApiRouteProps };
  /**
   * Props every route's function starts from; a route's own props win (environment is merged).
   * @default - the ServerlessApi defaults (10 s timeout)
   */
  readonly functionDefaults?: ServerlessFunctionProps;
  /**
   * Authorization of every route unless overridden (BP-A6).
   * @default ApiAuthorization.iam()
   */
  readonly authorization?: ApiAuthorization;
  /**
   * Stage throttling (BP-A4).
   * @default - rate 100 requests/s, burst 200
   */
  readonly throttle?: ApiThrottleOptions;
  /**
   * CORS for browsers (BP-A7).
   * @default - none
   */
  readonly cors?: ApiCorsOptions;
  /**
   * Retention of the access log group (BP-A5).
   * @default RetentionDays.ONE_MONTH
   */
  readonly accessLogRetention?: logs.RetentionDays;
  /**
   * Alarms on 5xx rate and p99 latency (BP-A9).
   * @default - enabled, no actions
   */
  readonly alarms?: ApiAlarmsOptions;
  /**
   * A custom domain for the stage.
   * @default - only the execute-api endpoint
   */
  readonly domainMapping?: apigwv2.DomainMappingOptions;
  /**
   * The API's name.
   * @default - the construct's ID
   */
  readonly apiName?: string;
}

/**
 * An HTTP API (API Gateway v2) whose routes each run their own ServerlessFunction (BP-A1–A9):
 * integrations on the alias with payload format 2.0, timeouts inside the integration timeout,
 * authorization required, explicit throttling, JSON access logs, alarms.
 *
 * @example
 * const api = new ServerlessApi(stack, 'Orders', {
 *   routes: { 'GET /orders/{id}': { entry: 'src/get-order.ts' } },
 *   authorization: ApiAuthorization.jwt({ issuer, audiences: [clientId] }),
 * });
 * api.addRoute('POST /orders', { entry: 'src/create-order.ts' });
 */
export class ServerlessApi extends Construct implements IMonitoredConstruct {
  /** The HTTP API. */
  public readonly httpApi: apigwv2.HttpApi;
  /** The `$default` stage. */
  public readonly stage: apigwv2.HttpStage;
  /** The stage's URL. */
  public readonly url: string;
  /** The access log group (BP-A5). */
  public readonly accessLogGroup: logs.LogGroup;
  /** The API's alarms (5xx rate, p99 latency); each function also has its own. */
  public readonly alarms: cloudwatch.IAlarm[] = [];

  private readonly props: ServerlessApiProps;
  private readonly routeFunctions: { [routeKey: string]: ServerlessFunction } = {};
  private readonly defaultAuthorization: ApiAuthorization;
  private readonly authorizers = new Map<string, apigwv2.IHttpRouteAuthorizer>();

  constructor(scope: Construct, id: string, props: ServerlessApiProps = {}) {
    super(scope, id);
    checkArguments(this, 'ServerlessApi', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    this.props = props;
    const throttle = { rateLimit: SERVERLESS_API_DEFAULTS.rateLimit, burstLimit: SERVERLESS_API_DEFAULTS.burstLimit, ...definedOnly(props.throttle) };
    checkApiProps(this, props, throttle);
    // From Python a route's settings inside this map reach the library without the names jsii does not know.
    refuseStructsInCollectionsFrom(this, 'routes', props.routes !== undefined && Object.keys(props.routes).length > 0,
      'api.add_route("GET /orders/{id}", code=..., memory_size=..., authorization=...)');
    this.defaultAuthorization = props.authorization ?? ApiAuthorization.iam();

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: props.apiName,
      createDefaultStage: false,
      corsPreflight: corsPreflight(this, props.cors),
    });

    // JSON access logs with the request ID, into a log group with retention (BP-A5).
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? SERVERLESS_API_DEFAULTS.accessLogRetention,
    });
    this.stage = new apigwv2.HttpStage(this, 'Stage', {
      httpApi: this.httpApi,
      autoDeploy: true,
      throttle, // BP-A4
      detailedMetricsEnabled: true,
      domainMapping: props.domainMapping,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: apigw.AccessLogFormat.custom(JSON.stringify({
          requestId: '$context.requestId',
          extendedRequestId: '$context.extendedRequestId',
          ip: '$context.identity.sourceIp',
          requestTime: '$context.requestTime',
          httpMethod: '$context.httpMethod',
          routeKey: '$context.routeKey',
          status: '$context.status',
          protocol: '$context.protocol',
          responseLength: '$context.responseLength',
          responseLatency: '$context.responseLatency',
          integrationLatency: '$context.integrationLatency',
          integrationError: '$context.integrationErrorMessage',
          authorizerError: '$context.authorizer.error',
        })),
      },
    });
    this.url = this.stage.url;

    for (const [routeKey, routeProps] of Object.entries(props.routes ?? {})) {
      this.addRoute(routeKey, routeProps);
    }
    if ((props.alarms?.enabled ?? true)) {
      const period = Duration.minutes(5);
      this.alarms.push(...createApiAlarms(this, 'A9', {
        serverErrors: this.httpApi.metricServerError({ period, statistic: 'Sum' }),
        requests: this.httpApi.metricCount({ period, statistic: 'SampleCount' }),
        latency: this.httpApi.metricLatency({ period, statistic: 'p99' }),
      }, props.alarms ?? {}));
    }
  }

  /** The routes' functions, by normalized route key (`'GET /orders/{id}'`). */
  public get functions(): { [routeKey: string]: ServerlessFunction } {
    return { ...this.routeFunctions };
  }

  /**
   * Adds a route with its own function, built from the API's `functionDefaults` and the route's function props;
   * `authorization` overrides the API's for this route (BP-A8).
   */
  public addRoute(routeKey: string, props: ApiRouteProps): ServerlessFunction {
    checkArguments(this, 'ServerlessApi.addRoute', [routeKey, props]); // BP-F20
    const route = parseRouteKey(this, routeKey);
    // A plain JavaScript object is passed as written (in the `routes` map or here): refuse names that are not the API's.
    checkStructKeys(this, props, `routes['${routeKey}']`);
    const { authorization: routeAuthorization, function: existing, ...functionProps } = props;
    if (this.routeFunctions[route.key]) {
      fail(this, {
        rule: 'A8',
        prop: 'routes',
        value: `'${route.key}' twice`,
        allowed: 'each route key once',
        fix: 'remove the duplicate, or give one of them another method or path.',
      });
    }
    const id = routeConstructId(route);
    const fn = routeFunction(this, functionProps, existing, {
      routeKey: route.key,
      id,
      defaults: this.props.functionDefaults,
      defaultTimeout: SERVERLESS_API_DEFAULTS.timeout,
      maxTimeout: SERVERLESS_API_DEFAULTS.maxTimeout,
      timeoutRule: 'A3',
      timeoutLimit: 'the HTTP API integration times out at 30 s',
    });
    const authorization = routeAuthorization ?? this.defaultAuthorization;
    authorization._validate(this, `authorization of '${route.key}'`, 'HTTP');
    const authorizer = this.authorizerFor(authorization);
    const [httpRoute] = this.httpApi.addRoutes({
      path: route.path,
      methods: [route.method],
      // BP-A2: the integration targets the alias, payload format 2.0.
      integration: new integrations.HttpLambdaIntegration(`${id} Integration`, fn.alias, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      }),
      authorizer,
      authorizationScopes: authorization._scopes(),
    });
    if (authorization.kind === 'NONE') {
      // BP-A6: the reason the user gave is the acknowledgement.
      acknowledge(httpRoute, `Open route by decision: ${authorization.reason}`, 'AwsSolutions-APIG4', 'SP-A6');
    }
    this.routeFunctions[route.key] = fn;
    return fn;
  }

  /** The function of a route (`'GET /orders/{id}'`); fails for an unknown route. */
  public functionFor(routeKey: string): ServerlessFunction {
    checkArguments(this, 'ServerlessApi.functionFor', [routeKey]); // BP-F20
    const key = parseRouteKey(this, routeKey).key;
    const fn = this.routeFunctions[key];
    if (!fn) {
      fail(this, {
        rule: 'A8',
        prop: 'functionFor(routeKey)',
        value: `'${routeKey}'`,
        allowed: `one of ${Object.keys(this.routeFunctions).map(k => `'${k}'`).join(', ') || 'no routes yet'}`,
        fix: 'add the route first, or check the method and path.',
      });
    }
    return fn;
  }

  /** One authorizer per distinct issuer/audiences/identity source, or per Lambda authorization, on this API (BP-A6). */
  private authorizerFor(authorization: ApiAuthorization): apigwv2.IHttpRouteAuthorizer {
    const key = authorization._authorizerKey();
    let authorizer = this.authorizers.get(key);
    if (!authorizer) {
      const kind = authorization.kind === 'LAMBDA' ? 'LambdaAuthorizer' : 'JwtAuthorizer';
      const count = [...this.authorizers.keys()].filter(k => k.startsWith(authorization.kind)).length;
      authorizer = authorization._createAuthorizer(this, count === 0 ? kind : `${kind}${count + 1}`);
      this.authorizers.set(key, authorizer);
    }
    return authorizer;
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return apiRow(this, 'ServerlessApi', this.httpApi, this.alarms, this.functions);
  }
}

function checkApiProps(scope: Construct, props: ServerlessApiProps, throttle: ApiThrottleOptions): void {
  checkRange(scope, throttle.rateLimit, { prop: 'throttle.rateLimit', min: 1, max: 1_000_000, unit: 'requests/s', rule: 'A4', integer: false });
  checkRange(scope, throttle.burstLimit, { prop: 'throttle.burstLimit', min: 1, max: 1_000_000, unit: 'requests', rule: 'A4' });
  if (props.accessLogRetention === logs.RetentionDays.INFINITE) {
    fail(scope, {
      rule: 'A5',
      prop: 'accessLogRetention',
      value: 'INFINITE',
      allowed: 'a finite retention',
      fix: 'choose a RetentionDays value (default one month), and export logs you must keep to S3.',
    });
  }
  checkRange(scope, props.alarms?.serverErrorRatePercent, { prop: 'alarms.serverErrorRatePercent', min: 0.01, max: 100, unit: '%', rule: 'A9', integer: false });
  checkDurationRange(scope, props.alarms?.latencyP99, { prop: 'alarms.latencyP99', min: 0.001, max: 30, rule: 'A9' });
  checkLength(scope, props.apiName, {
    prop: 'apiName', rule: 'X4', min: 1, max: 128, source: 'AWS::ApiGatewayV2::Api Name', fix: 'shorten the name, or omit it (the construct ID is used).',
  });
}
