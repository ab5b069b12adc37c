import { Annotations, Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { IConstruct } from 'constructs';
import { checkDurationRange, fail } from '../private/validation';

/** CORS for browsers, opt-in with explicit origins (BP-A7). */
export interface ApiCorsOptions {
  /** Origins allowed to call the API, e.g. `['https://app.example.com']`. */
  readonly allowOrigins: string[];
  /**
   * Methods allowed.
   * @default - GET, POST, PUT, PATCH, DELETE, OPTIONS
   */
  readonly allowMethods?: apigwv2.CorsHttpMethod[];
  /**
   * Headers allowed.
   * @default ['Content-Type', 'Authorization']
   */
  readonly allowHeaders?: string[];
  /**
   * Let browsers send credentials (cookies, Authorization). Not with a `*` origin.
   * @default false
   */
  readonly allowCredentials?: boolean;
  /**
   * How long browsers may cache a preflight answer.
   * @default Duration.hours(1)
   */
  readonly maxAge?: Duration;
}

const DEFAULT_METHODS = [apigwv2.CorsHttpMethod.GET, apigwv2.CorsHttpMethod.POST, apigwv2.CorsHttpMethod.PUT,
  apigwv2.CorsHttpMethod.PATCH, apigwv2.CorsHttpMethod.DELETE, apigwv2.CorsHttpMethod.OPTIONS];

/** Validates the CORS options and returns an HTTP API's preflight settings (BP-A7). */
export function corsPreflight(scope: IConstruct, cors: ApiCorsOptions | undefined): apigwv2.CorsPreflightOptions | undefined {
  if (!cors) return undefined;
  checkCors(scope, cors);
  return {
    allowOrigins: cors.allowOrigins,
    allowMethods: cors.allowMethods ?? DEFAULT_METHODS,
    allowHeaders: cors.allowHeaders ?? ['Content-Type', 'Authorization'],
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAge ?? Duration.hours(1),
  };
}

/** Validates the CORS options and returns a REST API's preflight settings (BP-A7, R7): the same rules, REST's shape. */
export function restCorsOptions(scope: IConstruct, cors: ApiCorsOptions | undefined): apigw.CorsOptions | undefined {
  if (!cors) return undefined;
  checkCors(scope, cors);
  return {
    allowOrigins: cors.allowOrigins,
    allowMethods: (cors.allowMethods ?? DEFAULT_METHODS).map(m => String(m)),
    allowHeaders: cors.allowHeaders ?? ['Content-Type', 'Authorization'],
    allowCredentials: cors.allowCredentials,
    maxAge: cors.maxAge ?? Duration.hours(1),
  };
}

function checkCors(scope: IConstruct, cors: ApiCorsOptions): void {
  if (!cors.allowOrigins || cors.allowOrigins.length === 0) {
    fail(scope, {
      rule: 'A7',
      prop: 'cors.allowOrigins',
      value: '[]',
      allowed: 'at least one origin',
      fix: "list the origins of your web app, e.g. ['https://app.example.com'], or remove cors.",
    });
  }
  // HTTP API CORS MaxAge: 0–86,400 s (a day), whole seconds.
  checkDurationRange(scope, cors.maxAge, { prop: 'cors.maxAge', min: 0, max: 86_400, rule: 'A7', integer: true });
  const wildcard = cors.allowOrigins.includes('*');
  if (wildcard && cors.allowCredentials) {
    fail(scope, {
      rule: 'A7',
      prop: 'cors.allowCredentials',
      value: "true with allowOrigins ['*']",
      allowed: 'credentials only with explicit origins (browsers reject credentials for a * origin)',
      fix: "list the exact origins, e.g. ['https://app.example.com'].",
    });
  }
  if (wildcard) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:corsWildcard',
      '[A7] cors.allowOrigins contains *: any web page may call this API from a browser. List the origins of your web app instead.');
  }
}
