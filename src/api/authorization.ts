import { Token } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { IConstruct } from 'constructs';
import { fail } from '../private/validation';

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
    return new ApiAuthorization('JWT', options, undefined);
  }

  /**
   * No authorization, for a route that must be public (a health check, a webhook that verifies its own
   * signature). The reason is recorded as the cdk-nag acknowledgement.
   */
  public static none(reason: string): ApiAuthorization {
    return new ApiAuthorization('NONE', undefined, reason);
  }

  /** `IAM`, `JWT` or `NONE`. */
  public readonly kind: string;
  /** The JWT settings, for `JWT`. */
  public readonly jwtOptions?: JwtAuthorizationOptions;
  /** Why the route is open, for `NONE`. */
  public readonly reason?: string;

  private constructor(kind: string, jwtOptions: JwtAuthorizationOptions | undefined, reason: string | undefined) {
    this.kind = kind;
    this.jwtOptions = jwtOptions;
    this.reason = reason;
  }

  /**
   * Validates the settings for the route named in `prop` (BP-A6).
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
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
    if (this.kind !== 'JWT') return this.kind;
    const o = this.jwtOptions!;
    return `JWT ${JSON.stringify([o.issuer, [...o.audiences].sort(), o.identitySource ?? []])}`;
  }

  /**
   * A new route authorizer for one API (an authorizer belongs to exactly one API).
   * @internal
   */
  public _createAuthorizer(id: string): apigwv2.IHttpRouteAuthorizer {
    if (this.kind === 'IAM') return new authorizers.HttpIamAuthorizer();
    if (this.kind === 'NONE') return new apigwv2.HttpNoneAuthorizer();
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
    return this.kind === 'JWT' ? this.jwtOptions!.scopes : undefined;
  }
}
