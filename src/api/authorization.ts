import { Duration, Token } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct, IConstruct } from 'constructs';
import { functionFrom } from '../function/function-source';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { checkArguments } from '../private/runtime-types';
import { checkDurationRange, fail, isKnown } from '../private/validation';

/** A REST API Lambda authorizer's input (HTTP API Lambda authorizers always receive the request). */
export enum LambdaAuthorizerType {
  /** One header carries a token (`method.request.header.Authorization`). */
  TOKEN = 'TOKEN',
  /** The authorizer receives the request's headers, query string, context and stage variables. */
  REQUEST = 'REQUEST',
}

/** A Lambda authorizer (BP-A6, R5): its own ServerlessFunction on its alias, with cached results. */
export interface LambdaAuthorizationOptions {
  /**
   * Props of the authorizer function the API creates (its timeout defaults to 5 s). Give this or `function`.
   * @default - none: `function` must be given
   */
  readonly functionProps?: ServerlessFunctionProps;
  /**
   * An existing authorizer function. Give this or `functionProps`.
   * @default - none: `functionProps` must be given
   */
  readonly function?: ServerlessFunction;
  /**
   * Where the identity is read from. HTTP APIs: `$request.header.<name>`, `$request.querystring.<name>`,
   * `$context.<name>`, `$stageVariables.<name>`. REST APIs: `method.request.header.<name>` (exactly one for TOKEN),
   * `method.request.querystring.<name>`, `method.request.multivalueheader.<name>`,
   * `method.request.multivaluequerystring.<name>`, `context.<name>`, `stageVariables.<name>` (REQUEST).
   * @default - the Authorization header
   */
  readonly identitySources?: string[];
  /**
   * How long API Gateway caches an authorizer's answer per identity, 0 (off) – 3,600 s.
   * @default Duration.minutes(5) (the service default, written explicitly)
   */
  readonly resultsCacheTtl?: Duration;
  /**
   * REST APIs: the authorizer's input.
   * @default LambdaAuthorizerType.TOKEN
   */
  readonly authorizerType?: LambdaAuthorizerType;
  /**
   * REST TOKEN authorizers: a regular expression the token must match before the function is invoked.
   * @default - none
   */
  readonly validationRegex?: string;
}

/** A Cognito user-pool authorizer (REST APIs; BP-R5). */
export interface CognitoAuthorizationOptions {
  /** The user pools whose tokens are accepted (of any stack, or imported). */
  readonly userPools: cognito.IUserPool[];
  /**
   * OAuth scopes an access token must carry for the route; without scopes API Gateway expects an ID token.
   * @default - none
   */
  readonly scopes?: string[];
  /**
   * The header the token is read from.
   * @default 'method.request.header.Authorization'
   */
  readonly identitySource?: string;
}

/** The library's default authorizer cache TTL and authorizer-function timeout (BP-R5). */
export const LAMBDA_AUTHORIZER_DEFAULTS = { resultsCacheTtl: Duration.minutes(5), timeout: Duration.seconds(5) };

const HTTP_IDENTITY = /^\$(request\.(header|querystring)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|context\.[A-Za-z0-9._]+|stageVariables\.[A-Za-z0-9_]+)$/;
const REST_HEADER = /^method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const REST_REQUEST = /^(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+|context\.[A-Za-z0-9._]+|stageVariables\.[A-Za-z0-9_]+)$/;
let lambdaAuthorizations = 0;

/** A JWT authorizer's settings (BP-A6). */
export interface JwtAuthorizationOptions {
  /** The token issuer, e.g. `https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc` or your IdP's URL. */
  readonly issuer: string;
  /** Accepted `aud` (or Cognito `client_id`) values; at least one. */
  readonly audiences: string[];
  /**
   * Scopes a token must carry for the route.
   * @default - none
   */
  readonly scopes?: string[];
  /**
   * Where the token is read from.
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
}

/**
 * How callers of a route prove who they are (BP-A6). Authorization is required: IAM (SigV4) or a
 * JWT. An open route exists only through `ApiAuthorization.none(reason)`, and the reason is what
 * acknowledges cdk-nag's AwsSolutions-APIG4 finding on that route.
 */
export class ApiAuthorization {
  /** IAM authorization: callers sign requests with SigV4 and need `execute-api:Invoke`. */
  public static iam(): ApiAuthorization {
    return new ApiAuthorization('IAM', undefined, undefined);
  }

  /** JWT authorization, e.g. Amazon Cognito user pools or any OIDC provider. */
  public static jwt(options: JwtAuthorizationOptions): ApiAuthorization {
    checkArguments(undefined, 'ApiAuthorization.jwt', [options]); // BP-F20
    return new ApiAuthorization('JWT', options, undefined);
  }

  /**
   * A Lambda authorizer, for HTTP and REST APIs (BP-A6, R5): its own ServerlessFunction on its alias, answers cached
   * per identity (5 minutes unless `resultsCacheTtl`). HTTP APIs use simple responses (`{ isAuthorized: true }`);
   * REST APIs expect an IAM policy document.
   */
  public static lambdaAuthorizer(options: LambdaAuthorizationOptions): ApiAuthorization {
    checkArguments(undefined, 'ApiAuthorization.lambdaAuthorizer', [options]); // BP-F20
    return new ApiAuthorization('LAMBDA', undefined, undefined, options);
  }

  /** Amazon Cognito user pools, for REST APIs (BP-R5); HTTP APIs use `jwt()` with the pool's issuer. */
  public static cognito(options: CognitoAuthorizationOptions): ApiAuthorization {
    checkArguments(undefined, 'ApiAuthorization.cognito', [options]); // BP-F20
    return new ApiAuthorization('COGNITO', undefined, undefined, undefined, options);
  }

  /**
   * No authorization, for a route that must be public (a health check, a webhook that verifies its own
   * signature). The reason is recorded as the cdk-nag acknowledgement.
   */
  public static none(reason: string): ApiAuthorization {
    checkArguments(undefined, 'ApiAuthorization.none', [reason]); // BP-F20
    return new ApiAuthorization('NONE', undefined, reason);
  }

  /** `IAM`, `JWT`, `LAMBDA`, `COGNITO` or `NONE`. */
  public readonly kind: string;
  /** The JWT settings, for `JWT`. */
  public readonly jwtOptions?: JwtAuthorizationOptions;
  /** Why the route is open, for `NONE`. */
  public readonly reason?: string;
  /** The Lambda authorizer's settings, for `LAMBDA`. */
  public readonly lambdaOptions?: LambdaAuthorizationOptions;
  /** The user pools, for `COGNITO`. */
  public readonly cognitoOptions?: CognitoAuthorizationOptions;

  /** One Lambda authorization is one authorizer (and one function) per API, however many routes use it. */
  private readonly instance: number;

  private constructor(kind: string, jwtOptions: JwtAuthorizationOptions | undefined, reason: string | undefined,
    lambdaOptions?: LambdaAuthorizationOptions, cognitoOptions?: CognitoAuthorizationOptions) {
    this.kind = kind;
    this.jwtOptions = jwtOptions;
    this.reason = reason;
    this.lambdaOptions = lambdaOptions;
    this.cognitoOptions = cognitoOptions;
    this.instance = kind === 'LAMBDA' ? ++lambdaAuthorizations : 0;
  }

  /**
   * Validates the settings for the route named in `prop` (BP-A6).
   * @internal
   */
  public _validate(scope: IConstruct, prop: string, api: 'HTTP' | 'REST' = 'HTTP'): void {
    if (this.kind === 'JWT' && api === 'REST') {
      fail(scope, {
        rule: 'R5',
        prop,
        value: 'ApiAuthorization.jwt(...) on a REST API',
        allowed: 'on a REST API: iam(), cognito(), lambda() or none(reason) (REST APIs have no JWT authorizer)',
        fix: 'use ApiAuthorization.cognito({ userPools }) for Cognito tokens, or lambda(...) to verify other JWTs.',
      });
    }
    if (this.kind === 'COGNITO' && api === 'HTTP') {
      fail(scope, {
        rule: 'A6',
        prop,
        value: 'ApiAuthorization.cognito(...) on an HTTP API',
        allowed: 'on an HTTP API: iam(), jwt(), lambda() or none(reason)',
        fix: 'use ApiAuthorization.jwt({ issuer: \'https://cognito-idp.<region>.amazonaws.com/<pool id>\', audiences: [appClientId] }).',
      });
    }
    if (this.kind === 'LAMBDA') this.validateLambda(scope, prop, api);
    if (this.kind === 'COGNITO') this.validateCognito(scope, prop);
    if (this.kind === 'NONE' && (this.reason ?? '').trim().length < 10) {
      fail(scope, {
        rule: 'A6',
        prop,
        value: `ApiAuthorization.none('${this.reason ?? ''}')`,
        allowed: 'an open route only with a reason of at least 10 characters, recorded as the cdk-nag acknowledgement',
        fix: 'say why the route must be public (e.g. "health check for the load balancer"), or use ApiAuthorization.iam() / .jwt().',
      });
    }
    if (this.kind === 'JWT') {
      const o = this.jwtOptions!;
      if (!o.issuer || !/^https:\/\/\S+$/.test(o.issuer)) {
        fail(scope, {
          rule: 'A6',
          prop: `${prop} (jwt issuer)`,
          value: `'${o.issuer ?? ''}'`,
          allowed: 'an https:// issuer URL',
          fix: 'set issuer to your identity provider\'s issuer URL (the `iss` claim of its tokens).',
        });
      }
      // HTTP API JWT authorizers take one identity source, a header or query-string selection.
      const sources = o.identitySource;
      if (sources !== undefined && (sources.length !== 1 || !sources.every(src => Token.isUnresolved(src) || /^\$request\.(header|querystring)\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(src)))) {
        fail(scope, {
          rule: 'A6',
          prop: `${prop} (jwt identitySource)`,
          value: JSON.stringify(sources),
          allowed: 'exactly one selection of a header or query-string parameter, e.g. [\'$request.header.Authorization\']',
          fix: 'omit identitySource (the Authorization header is used), or give one $request.header.<name> or $request.querystring.<name>.',
        });
      }
      if (!o.audiences || o.audiences.length === 0 || o.audiences.some(a => !a)) {
        fail(scope, {
          rule: 'A6',
          prop: `${prop} (jwt audiences)`,
          value: JSON.stringify(o.audiences ?? []),
          allowed: 'at least one non-empty audience',
          fix: 'set audiences to the app client IDs (Cognito) or the API identifier your tokens carry in `aud`.',
        });
      }
    }
  }

  /**
   * What makes two authorizers the same: routes whose authorizations share it share one authorizer
   * (JWT scopes are per route, not per authorizer).
   * @internal
   */
  public _authorizerKey(): string {
    if (this.kind === 'LAMBDA') return `LAMBDA#${this.instance}`;
    if (this.kind === 'COGNITO') {
      const o = this.cognitoOptions!;
      return `COGNITO ${JSON.stringify([o.userPools.map(p => p.node.path).sort(), o.identitySource ?? ''])}`;
    }
    if (this.kind !== 'JWT') return this.kind;
    const o = this.jwtOptions!;
    return `JWT ${JSON.stringify([o.issuer, [...o.audiences].sort(), o.identitySource ?? []])}`;
  }

  /**
   * A new route authorizer for one API (an authorizer belongs to exactly one API).
   * @internal
   */
  public _createAuthorizer(scope: Construct, id: string): apigwv2.IHttpRouteAuthorizer {
    if (this.kind === 'IAM') return new authorizers.HttpIamAuthorizer();
    if (this.kind === 'NONE') return new apigwv2.HttpNoneAuthorizer();
    if (this.kind === 'LAMBDA') {
      const o = this.lambdaOptions!;
      // The authorizer invokes the function's alias (BP-F8), with simple responses and explicit caching.
      return new authorizers.HttpLambdaAuthorizer(id, this.authorizerFunction(scope, id).alias, {
        responseTypes: [authorizers.HttpLambdaResponseType.SIMPLE],
        identitySource: o.identitySources ?? ['$request.header.Authorization'],
        resultsCacheTtl: o.resultsCacheTtl ?? LAMBDA_AUTHORIZER_DEFAULTS.resultsCacheTtl,
      });
    }
    return new authorizers.HttpJwtAuthorizer(id, this.jwtOptions!.issuer, {
      jwtAudience: this.jwtOptions!.audiences,
      identitySource: this.jwtOptions!.identitySource,
    });
  }

  /**
   * The scopes a route demands (JWT only).
   * @internal
   */
  public _scopes(): string[] | undefined {
    if (this.kind === 'COGNITO') return this.cognitoOptions!.scopes;
    return this.kind === 'JWT' ? this.jwtOptions!.scopes : undefined;
  }

  /**
   * A new authorizer for one REST API (IAM and NONE need none).
   * @internal
   */
  public _createRestAuthorizer(scope: Construct, id: string): apigw.IAuthorizer | undefined {
    if (this.kind === 'COGNITO') {
      const o = this.cognitoOptions!;
      return new apigw.CognitoUserPoolsAuthorizer(scope, id, { cognitoUserPools: o.userPools, identitySource: o.identitySource });
    }
    if (this.kind !== 'LAMBDA') return undefined;
    const o = this.lambdaOptions!;
    const handler = this.authorizerFunction(scope, id).alias;
    const resultsCacheTtl = o.resultsCacheTtl ?? LAMBDA_AUTHORIZER_DEFAULTS.resultsCacheTtl;
    if ((o.authorizerType ?? LambdaAuthorizerType.TOKEN) === LambdaAuthorizerType.TOKEN) {
      return new apigw.TokenAuthorizer(scope, id, {
        handler, resultsCacheTtl, identitySource: o.identitySources?.[0] ?? 'method.request.header.Authorization', validationRegex: o.validationRegex,
      });
    }
    return new apigw.RequestAuthorizer(scope, id, { handler, resultsCacheTtl, identitySources: o.identitySources ?? ['method.request.header.Authorization'] });
  }

  /** The REST authorization type of a method. @internal */
  public _restAuthorizationType(): apigw.AuthorizationType {
    const t = apigw.AuthorizationType;
    const types: Record<string, apigw.AuthorizationType> = { IAM: t.IAM, NONE: t.NONE, COGNITO: t.COGNITO };
    return types[this.kind]
      ?? apigw.AuthorizationType.CUSTOM;
  }

  /** The authorizer's function, created once per API in `scope` (or the existing one). */
  private authorizerFunction(scope: Construct, id: string): ServerlessFunction {
    const o = this.lambdaOptions!;
    const holder = new Construct(scope, `${id}Handler`);
    return functionFrom(holder, o, { rule: 'R5', trigger: 'API Gateway', defaults: { timeout: LAMBDA_AUTHORIZER_DEFAULTS.timeout } });
  }

  private validateLambda(scope: IConstruct, prop: string, api: 'HTTP' | 'REST'): void {
    const o = this.lambdaOptions ?? ({} as LambdaAuthorizationOptions);
    checkDurationRange(scope, o.resultsCacheTtl, { prop: `${prop} (lambda resultsCacheTtl)`, min: 0, max: 3600, rule: 'R5', integer: true });
    const type = o.authorizerType ?? LambdaAuthorizerType.TOKEN;
    const sources = o.identitySources;
    const bad = (allowed: string, fix: string) => fail(scope, {
      rule: 'R5', prop: `${prop} (lambda identitySources)`, value: JSON.stringify(sources), allowed, fix,
    });
    if (api === 'HTTP') {
      if (o.authorizerType !== undefined || o.validationRegex !== undefined) {
        fail(scope, {
          rule: 'A6',
          prop: `${prop} (lambda ${o.authorizerType !== undefined ? 'authorizerType' : 'validationRegex'})`,
          value: 'set for an HTTP API',
          allowed: 'authorizerType and validationRegex only for REST API authorizers (an HTTP API authorizer always receives the request)',
          fix: 'remove it; check the token in the authorizer function.',
        });
      }
      if (sources !== undefined && (sources.length === 0 || !sources.every(x => Token.isUnresolved(x) || HTTP_IDENTITY.test(x)))) {
        bad('one or more of $request.header.<name>, $request.querystring.<name>, $context.<name>, $stageVariables.<name>',
          'omit identitySources (the Authorization header is used), or write e.g. [\'$request.header.Authorization\'].');
      }
    } else if (type === LambdaAuthorizerType.TOKEN) {
      if (sources !== undefined && (sources.length !== 1 || !(Token.isUnresolved(sources[0]) || REST_HEADER.test(sources[0])))) {
        bad('exactly one method.request.header.<name> for a TOKEN authorizer', 'write e.g. [\'method.request.header.Authorization\'], or use authorizerType REQUEST for other sources.');
      }
    } else {
      if (sources !== undefined && (sources.length === 0 || !sources.every(x => Token.isUnresolved(x) || REST_REQUEST.test(x)))) {
        bad('one or more of method.request.header|querystring|multivalueheader|multivaluequerystring.<name>, context.<name>, stageVariables.<name> (a REQUEST authorizer with caching needs at least one: it is the cache key)',
          'write e.g. [\'method.request.header.Authorization\', \'context.httpMethod\'].');
      }
      if (o.validationRegex !== undefined) {
        fail(scope, {
          rule: 'R5', prop: `${prop} (lambda validationRegex)`, value: 'set for a REQUEST authorizer', allowed: 'validationRegex only for TOKEN authorizers', fix: 'remove it, or use authorizerType TOKEN.',
        });
      }
    }
    if (isKnown(o.validationRegex)) {
      try {
        new RegExp(o.validationRegex);
      } catch {
        fail(scope, { rule: 'R5', prop: `${prop} (lambda validationRegex)`, value: `'${o.validationRegex}'`, allowed: 'a valid regular expression', fix: 'fix the expression, e.g. \'^Bearer [-0-9a-zA-Z._]+$\'.' });
      }
    }
  }

  private validateCognito(scope: IConstruct, prop: string): void {
    const o = this.cognitoOptions;
    if (!o || !Array.isArray(o.userPools) || o.userPools.length === 0) {
      fail(scope, {
        rule: 'R5', prop: `${prop} (cognito userPools)`, value: JSON.stringify(o?.userPools ?? []), allowed: 'at least one user pool', fix: 'give the pool whose tokens callers present, e.g. userPools: [pool].',
      });
    }
    if (o.identitySource !== undefined && !Token.isUnresolved(o.identitySource) && !REST_HEADER.test(o.identitySource)) {
      fail(scope, {
        rule: 'R5', prop: `${prop} (cognito identitySource)`, value: `'${o.identitySource}'`, allowed: 'method.request.header.<name>', fix: 'omit it (the Authorization header is used).',
      });
    }
  }
}
