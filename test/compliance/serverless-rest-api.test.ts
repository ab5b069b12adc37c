import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { ApiAuthorization, LambdaAuthorizerType, ServerlessRestApi } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('ServerlessRestApi under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props with one route — zero unacknowledged cdk-nag findings (APIG1–APIG6, COG4, Serverless), cfn-lint clean', () => {
    expect(judge('ServerlessRestApi-defaults', s => new ServerlessRestApi(s, 'Api', { routes: { 'GET /orders/{id}': { code: inlineCode() } } }))).toMatchObject(CLEAN);
  });

  test('BP-X2/X3: Cognito, Lambda and API-key routes, CORS, a route throttle and an open route — clean', () => {
    expect(judge('ServerlessRestApi-full', s => {
      // The user's pool, configured the way AwsSolutions COG1–COG8 ask (it is not the library's resource).
      const pool = new cognito.UserPool(s, 'Pool', {
        passwordPolicy: { minLength: 12, requireUppercase: true, requireDigits: true, requireSymbols: true, requireLowercase: true },
        mfa: cognito.Mfa.REQUIRED,
        mfaSecondFactor: { sms: false, otp: true },
        featurePlan: cognito.FeaturePlan.PLUS,
        standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      });
      const api = new ServerlessRestApi(s, 'Api', {
        cors: { allowOrigins: ['https://app.example.com'] },
        usagePlan: { throttle: { rateLimit: 10, burstLimit: 20 }, quota: { limit: 10_000, period: apigw.Period.DAY } },
      });
      api.addRoute('GET /orders', { code: inlineCode(), authorization: ApiAuthorization.cognito({ userPools: [pool], scopes: ['orders/read'] }) });
      api.addRoute('POST /orders', {
        code: inlineCode(),
        authorization: ApiAuthorization.lambdaAuthorizer({ functionProps: { code: inlineCode() }, authorizerType: LambdaAuthorizerType.REQUEST, identitySources: ['method.request.header.Authorization'] }),
        throttle: { rateLimit: 5, burstLimit: 10 },
      });
      api.addRoute('GET /partners/{id}', { code: inlineCode(), apiKeyRequired: true });
      api.addRoute('GET /health', { code: inlineCode(), authorization: ApiAuthorization.none('health check polled by the load balancer') });
    })).toMatchObject(CLEAN);
  });
});
