import { Duration, Size, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { checkDurationRange, checkRange, fail, fmt, isKnown } from '../private/validation';

/** Documented AWS Lambda limits the library checks at synth time (BP-F3, F4, F12, F11). */
export const LAMBDA_LIMITS = {
  memoryMinMb: 128,
  memoryMaxMb: 10_240,
  timeoutMinSeconds: 1,
  timeoutMaxSeconds: 900,
  ephemeralStorageMinMb: 512,
  ephemeralStorageMaxMb: 10_240,
  environmentMaxBytes: 4 * 1024,
  maxLayers: 5,
  asyncRetryAttemptsMax: 2,
  asyncMaxEventAgeMinSeconds: 60,
  asyncMaxEventAgeMaxSeconds: 21_600,
};

/** The values `checkFunctionLimits` looks at. */
export interface FunctionLimitInput {
  readonly memorySize?: number;
  readonly timeout?: Duration;
  readonly ephemeralStorageSize?: Size;
  readonly environment?: { [key: string]: string };
  readonly layers?: lambda.ILayerVersion[];
  readonly reservedConcurrentExecutions?: number;
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
}

/** Validates the documented limits of one function. Unresolved tokens are skipped. */
export function checkFunctionLimits(scope: IConstruct, p: FunctionLimitInput): void {
  checkRange(scope, p.memorySize, {
    prop: 'memorySize',
    min: LAMBDA_LIMITS.memoryMinMb,
    max: LAMBDA_LIMITS.memoryMaxMb,
    unit: 'MB',
    rule: 'F3',
    advice: 'CPU scales with memory (1,769 MB = 1 vCPU); measure with AWS Lambda Power Tuning',
  });
  if (isKnown(p.timeout)) {
    checkDurationRange(scope, p.timeout, {
      prop: 'timeout',
      min: LAMBDA_LIMITS.timeoutMinSeconds,
      max: LAMBDA_LIMITS.timeoutMaxSeconds,
      rule: 'F4',
      integer: true,
      advice: 'use p99 duration plus a buffer; work longer than 15 minutes belongs in Step Functions or Fargate',
    });
  }
  if (isKnown(p.ephemeralStorageSize)) {
    const mb = p.ephemeralStorageSize.toMebibytes();
    checkRange(scope, mb, {
      prop: 'ephemeralStorageSize', min: LAMBDA_LIMITS.ephemeralStorageMinMb, max: LAMBDA_LIMITS.ephemeralStorageMaxMb, unit: 'MiB', rule: 'F12',
    });
  }
  checkEnvironment(scope, p.environment ?? {});
  if (p.layers && p.layers.length > LAMBDA_LIMITS.maxLayers) {
    fail(scope, {
      rule: 'F12',
      prop: 'layers',
      value: `${p.layers.length} layers`,
      allowed: `at most ${LAMBDA_LIMITS.maxLayers} layers per function`,
      fix: 'merge layers, or bundle the dependencies into the function code.',
    });
  }
  checkRange(scope, p.reservedConcurrentExecutions, {
    prop: 'reservedConcurrentExecutions',
    min: 0,
    max: 1_000_000,
    rule: 'F10',
    advice: '0 is the kill switch (no invocations); leave it unset for the account\'s unreserved pool',
  });
  checkRange(scope, p.retryAttempts, {
    prop: 'retryAttempts', min: 0, max: LAMBDA_LIMITS.asyncRetryAttemptsMax, rule: 'F11',
  });
  checkDurationRange(scope, p.maxEventAge, {
    prop: 'maxEventAge', min: LAMBDA_LIMITS.asyncMaxEventAgeMinSeconds, max: LAMBDA_LIMITS.asyncMaxEventAgeMaxSeconds, rule: 'F11', integer: true,
  });
}

/**
 * Environment variables: at most 4 KB in total (BP-F12) and no literal secrets (BP-F13).
 * Exported so that `addEnvironment` checks the same way as the props do.
 */
export function checkEnvironment(scope: IConstruct, environment: { [key: string]: string }): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(environment)) {
    bytes += Buffer.byteLength(key, 'utf8');
    if (!Token.isUnresolved(value)) bytes += Buffer.byteLength(value, 'utf8');
    checkNoLiteralSecret(scope, key, value);
  }
  if (bytes > LAMBDA_LIMITS.environmentMaxBytes) {
    fail(scope, {
      rule: 'F12',
      prop: 'environment',
      value: `${fmt(bytes)} bytes of keys and values`,
      allowed: `at most ${fmt(LAMBDA_LIMITS.environmentMaxBytes)} bytes in total`,
      fix: 'move large configuration to SSM Parameter Store or AWS AppConfig and pass only its name.',
    });
  }
}

/** Names that say "this is a secret". */
const SECRET_NAME = /(PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CLIENT_?SECRET|CREDENTIALS?|AUTH_?KEY|SIGNING_?KEY)/i;
/** Suffixes that say "this names where the secret is", which is the right thing to pass. */
const REFERENCE_SUFFIX = /(_ARN|_NAME|_ID|_PARAM|_PARAMETER|_PATH|_URL|_URI|_ENDPOINT|_TABLE|_HEADER|_FIELD|_TTL|_TYPE|_REGION)$/i;
/** Values that are references, not secrets: an ARN, an SSM parameter path, a dynamic reference. */
const REFERENCE_VALUE = /^(arn:aws[a-z-]*:|\/|\{\{resolve:ssm:)/;

/**
 * Fails when a variable named like a secret carries a literal value, or when any variable carries a
 * Secrets Manager dynamic reference: CloudFormation resolves it at deploy time and the plaintext
 * secret lands in the function's configuration (BP-F13).
 */
export function checkNoLiteralSecret(scope: IConstruct, key: string, value: string): void {
  if (Token.isUnresolved(value) && JSON.stringify(Stack.of(scope).resolve(value)).includes('{{resolve:secretsmanager:')) {
    fail(scope, {
      rule: 'F13',
      prop: `environment.${key}`,
      value: 'a Secrets Manager dynamic reference ({{resolve:secretsmanager:…}})',
      allowed: 'no secret values in environment variables: CloudFormation writes the plaintext into the function configuration',
      fix: `pass the secret's ARN instead (e.g. ${key}_ARN: secret.secretArn), grant read access with secret.grantRead(fn), ` +
        'and fetch it at run time (the Parameters and Secrets Lambda extension caches it).',
    });
  }
  if (!SECRET_NAME.test(key) || REFERENCE_SUFFIX.test(key)) return;
  if (Token.isUnresolved(value) || value.length === 0 || REFERENCE_VALUE.test(value)) return;
  fail(scope, {
    rule: 'F13',
    prop: `environment.${key}`,
    value: 'a literal value (not shown)',
    allowed: 'no secrets in environment variables: they are readable by anyone who can read the function configuration',
    fix: `store the value in AWS Secrets Manager or SSM Parameter Store (SecureString), pass its name or ARN (e.g. ${key}_ARN), ` +
      'grant the function read access, and fetch it at run time (the Parameters and Secrets Lambda extension caches it).',
  });
}
