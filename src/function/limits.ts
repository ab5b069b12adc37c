import { CfnDynamicReference, Duration, SecretValue, Size, SizeRoundingBehavior, Stack, Token, Tokenization } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { checkDurationRange, checkLength, checkRange, fail, fmt, isKnown } from '../private/validation';

/** Documented AWS Lambda limits the library checks at synth time (BP-F3, F4, F12, F11). */
export const LAMBDA_LIMITS = {
  memoryMinMb: 128,
  memoryMaxMb: 10_240,
  timeoutMinSeconds: 1,
  timeoutMaxSeconds: 900,
  ephemeralStorageMinMb: 512,
  ephemeralStorageMaxMb: 10_240,
  environmentMaxBytes: 4 * 1024,
  descriptionMaxLength: 256,
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
  readonly description?: string;
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
  if (p.ephemeralStorageSize !== undefined && !p.ephemeralStorageSize.isUnresolved()) {
    // Never aws-cdk-lib's conversion error for a fractional size (Size.kibibytes(524800) is 512.5 MiB).
    const mb = p.ephemeralStorageSize.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    checkRange(scope, mb, {
      prop: 'ephemeralStorageSize', min: LAMBDA_LIMITS.ephemeralStorageMinMb, max: LAMBDA_LIMITS.ephemeralStorageMaxMb, unit: 'MiB', rule: 'F12',
    });
  }
  checkEnvironment(scope, p.environment ?? {});
  checkLength(scope, p.description, { prop: 'description', rule: 'X4', max: LAMBDA_LIMITS.descriptionMaxLength, source: 'AWS::Lambda::Function Description' });
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
export function checkEnvironment(scope: IConstruct, environment: { [key: string]: string }, bounds: { [key: string]: number } = {}): void {
  let bytes = 0;
  for (const [key, value] of Object.entries(environment)) {
    checkEnvironmentKey(scope, key);
    bytes += Buffer.byteLength(key, 'utf8');
    // A token counts with the length of what it will become where the library knows it (a bucket name is at
    // most 63 characters), else as nothing: what a user's token becomes cannot be known here.
    bytes += Token.isUnresolved(value) ? (bounds[key] ?? 0) : Buffer.byteLength(value, 'utf8');
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

/** Lambda's pattern for environment variable keys (API `Environment.Variables`: `[a-zA-Z]([a-zA-Z0-9_])+`). */
const ENVIRONMENT_KEY = /^[a-zA-Z][a-zA-Z0-9_]+$/;

/**
 * Keys the Lambda runtime sets itself and that a function's configuration may not set ("Defined runtime
 * environment variables", docs.aws.amazon.com/lambda/latest/dg/configuration-envvars-runtime.html).
 */
export const RESERVED_ENVIRONMENT_KEYS = [
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'TZ',
];

/** An environment variable key Lambda accepts, and not one the runtime reserves (BP-F12). */
function checkEnvironmentKey(scope: IConstruct, key: string): void {
  if (Token.isUnresolved(key)) return;
  if (!ENVIRONMENT_KEY.test(key)) {
    fail(scope, {
      rule: 'F12',
      prop: `environment['${key}']`,
      value: 'not a valid key',
      allowed: 'a letter, then at least one more letter, digit or underscore ([a-zA-Z][a-zA-Z0-9_]+)',
      fix: `rename it, e.g. '${key.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^[^a-zA-Z]+/, '') || 'NAME'}${key.length < 2 ? '_X' : ''}'.`,
    });
  }
  if (RESERVED_ENVIRONMENT_KEYS.includes(key)) {
    fail(scope, {
      rule: 'F12',
      prop: `environment.${key}`,
      value: 'a key the Lambda runtime reserves',
      allowed: `none of ${RESERVED_ENVIRONMENT_KEYS.join(', ')}`,
      fix: `read the runtime's own ${key} in the handler instead, or use another name (e.g. APP_${key.replace(/^_+/, '')}).`,
    });
  }
}

/** Words that name a secret (BP-F13), after the key is split into words. */
const SECRET_WORDS = new Set(['PASSWORD', 'PASSWD', 'PASSPHRASE', 'SECRET', 'TOKEN', 'CREDENTIAL', 'CREDENTIALS',
  'APIKEY', 'PRIVATEKEY', 'ACCESSKEY', 'SECRETKEY', 'AUTHKEY', 'SIGNINGKEY', 'CLIENTSECRET']);
/** Two words that name a secret together (`API_KEY`, `PRIVATE_KEY` …). */
const SECRET_PAIRS = new Set(['API KEY', 'PRIVATE KEY', 'ACCESS KEY', 'SECRET KEY', 'AUTH KEY', 'SIGNING KEY', 'ENCRYPTION KEY', 'MASTER KEY']);
/** Words that may follow a secret word and still mean the secret itself (`DB_PASSWORD_VALUE`, `PRIVATE_KEY_PEM`). */
const SAME_SECRET = new Set(['VALUE', 'PLAIN', 'PLAINTEXT', 'RAW', 'B64', 'BASE64', 'HEX', 'PEM', 'DER', 'JSON', 'STRING', 'STR', 'DATA']);

/** `SESSION_TOKEN_TTL_SECONDS`, `sessionTokenTtl` → SESSION TOKEN TTL SECONDS. */
function wordsOf(key: string): string[] {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').split(/[^A-Za-z0-9]+/).filter(Boolean).map(w => w.toUpperCase());
}

/**
 * Whether a variable's name says that its value is a secret: a secret word (or pair) followed by nothing but
 * words that still mean the value (`DB_PASSWORD`, `STRIPE_SECRET_KEY`, `GITHUB_TOKEN`, `PRIVATE_KEY_PEM`).
 * A secret word followed by any other word names something about the secret, which is not secret
 * (`TOKEN_BUCKET`, `SESSION_TOKEN_TTL_SECONDS`, `JWT_TOKEN_ISSUER`, `DB_SECRET_ARN`, `AWS_ACCESS_KEY_ID`).
 */
export function namesASecret(key: string): boolean {
  const words = wordsOf(key);
  let lastSecretEnd = -1;
  words.forEach((w, i) => {
    if (SECRET_WORDS.has(w)) lastSecretEnd = i;
    if (i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${w}`)) lastSecretEnd = i;
  });
  if (lastSecretEnd < 0) return false;
  return words.slice(lastSecretEnd + 1).every(w => SAME_SECRET.has(w));
}

/**
 * Values that are plainly not secrets even under a secret-sounding name: an ARN, an SSM parameter path or
 * plain dynamic reference, a number, a boolean, a URL without credentials in it.
 */
const NOT_A_SECRET = /^(arn:aws[a-z-]*:|\/|\{\{resolve:ssm:|-?\d+(\.\d+)?$|true$|false$|https?:\/\/[^\s@/]+(\/[^\s@]*)?$)/i;
/** A URL with credentials in it (`postgres://user:password@host`), a secret under any name. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;
/** Dynamic references that CloudFormation resolves into plaintext in the function's configuration. */
const SECRET_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

function failSecretReference(scope: IConstruct, key: string, kind: string): never {
  return fail(scope, {
    rule: 'F13',
    prop: `environment.${key}`,
    value: kind === 'secretsmanager'
      ? 'a Secrets Manager dynamic reference ({{resolve:secretsmanager:…}})'
      : 'an SSM SecureString dynamic reference ({{resolve:ssm-secure:…}})',
    allowed: 'no secret values in environment variables: CloudFormation writes the plaintext into the function configuration',
    fix: `pass the ${kind === 'secretsmanager' ? 'secret\'s ARN' : 'parameter\'s name'} instead (e.g. ${key}_${kind === 'secretsmanager' ? 'ARN' : 'PARAM'}), ` +
      'grant read access, and fetch the value at run time (the Parameters and Secrets Lambda extension caches it).',
  });
}

/**
 * Fails when a variable named like a secret carries a literal value, when any variable carries a literal URL
 * with a password, or a Secrets Manager or SSM SecureString dynamic reference (literal, or a `SecretValue` /
 * `CfnDynamicReference` token): CloudFormation resolves it at deploy time and the plaintext secret lands in
 * the function's configuration (BP-F13).
 *
 * Other tokens (a `Lazy`, a reference) are never resolved here, during construction: `lateSecretErrors` checks
 * them when the app is synthesized.
 */
export function checkNoLiteralSecret(scope: IConstruct, key: string, value: string): void {
  if (Token.isUnresolved(value)) {
    const stack = Stack.of(scope);
    for (const token of Tokenization.reverseString(value).tokens) {
      // Only tokens that are dynamic references by construction are safe to resolve now.
      if (!(token instanceof SecretValue || token instanceof CfnDynamicReference)) continue;
      const kind = SECRET_REFERENCE.exec(JSON.stringify(stack.resolve(token)))?.[1];
      if (kind) failSecretReference(scope, key, kind);
    }
  }
  const literal = SECRET_REFERENCE.exec(value)?.[1];
  if (literal) failSecretReference(scope, key, literal);
  if (URL_WITH_PASSWORD.test(value)) {
    fail(scope, {
      rule: 'F13',
      prop: `environment.${key}`,
      value: 'a URL with a password in it (not shown)',
      allowed: 'no secrets in environment variables: they are readable by anyone who can read the function configuration',
      fix: 'pass the URL without credentials, keep the password in AWS Secrets Manager, and fetch it at run time (or use IAM authentication).',
    });
  }
  if (Token.isUnresolved(value) || !namesASecret(key) || value.length === 0 || NOT_A_SECRET.test(value)) return;
  fail(scope, {
    rule: 'F13',
    prop: `environment.${key}`,
    value: 'a literal value (not shown)',
    allowed: 'no secrets in environment variables: they are readable by anyone who can read the function configuration',
    fix: `store the value in AWS Secrets Manager or SSM Parameter Store (SecureString), pass its name or ARN (e.g. ${key}_ARN), ` +
      'grant the function read access, and fetch it at run time (the Parameters and Secrets Lambda extension caches it).',
  });
}

/**
 * What makes a resolved environment value a secret (BP-F13), for checks outside a construct (the audit pack):
 * a secret dynamic reference anywhere in it, a URL with a password, or a literal under a secret name.
 */
export function secretIn(key: string, value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  const kind = SECRET_REFERENCE.exec(text)?.[1];
  if (kind) return kind === 'secretsmanager' ? 'a Secrets Manager dynamic reference' : 'an SSM SecureString dynamic reference';
  if (typeof value !== 'string') return undefined;
  if (URL_WITH_PASSWORD.test(value)) return 'a URL with a password in it';
  if (namesASecret(key) && value.length > 0 && !NOT_A_SECRET.test(value)) return 'a literal value under a secret\'s name';
  return undefined;
}

/**
 * The F13 check of token values that could not be inspected during construction (a `Lazy`, a reference),
 * run when the app is synthesized (`node.addValidation`): what they resolve to must not be a secret.
 */
export function lateSecretErrors(scope: IConstruct, environment: { [key: string]: string }): string[] {
  const errors: string[] = [];
  for (const [key, value] of Object.entries(environment)) {
    if (!Token.isUnresolved(value)) continue;
    const resolved = Stack.of(scope).resolve(value);
    const text = typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
    try {
      // A Lazy that produced a plain string is checked like a literal; an intrinsic (a Ref, a join) only for
      // dynamic references, since what a reference names is not known here.
      if (typeof resolved === 'string') checkNoLiteralSecret(scope, key, text);
      const kind = SECRET_REFERENCE.exec(text)?.[1];
      if (kind) failSecretReference(scope, key, kind);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  return errors;
}
