/**
 * BP-F13 both ways, table-tested: names that merely mention a secret word pass, secrets under any name fail,
 * and token values are never resolved during construction (a Lazy set later works).
 */
import { App, CfnDynamicReference, CfnDynamicReferenceService, Lazy, SecretValue, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { ServerlessFunction } from '../../src';
import { namesASecret } from '../../src/function/limits';
import { errorOf, inlineCode, TEST_ENV, testStack } from '../helpers';

const fnWith = (environment: { [key: string]: string }) => () =>
  new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), environment });

describe('BP-F13: not secrets, accepted', () => {
  test.each([
    ['TOKEN_BUCKET', 'my-bucket'],
    ['SESSION_TOKEN_TTL_SECONDS', '3600'],
    ['JWT_TOKEN_ISSUER', 'https://issuer.example.com/'],
    ['DB_SECRET_ARN', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db'],
    ['AWS_ACCESS_KEY_ID_PARAM', '/app/key-id'],
    ['API_KEY_HEADER', 'x-api-key'],
    ['PASSWORD_MIN_LENGTH', '12'],
    ['tokenEndpoint', 'https://auth.example.com/oauth2/token'],
    ['OAUTH_TOKEN', 'https://auth.example.com/oauth2/token'],
    ['DB_PASSWORD', ''],
    ['CONFIG', '{{resolve:ssm:/app/config}}'],
    ['DATABASE_URL', 'postgres://db.example.com:5432/orders'],
  ])('%s = %j', (key, value) => {
    expect(fnWith({ [key]: value })).not.toThrow();
  });
});

describe('BP-F13: secrets, refused', () => {
  test.each([
    ['DB_PASSWORD', 'hunter2', 'a literal value (not shown)'],
    ['STRIPE_SECRET_KEY', 'sk_live_123', 'a literal value (not shown)'],
    ['GITHUB_TOKEN', 'ghp_123', 'a literal value (not shown)'],
    ['privateKeyPem', '-----BEGIN', 'a literal value (not shown)'],
    ['BACKUP_SECRET_ACCESS_KEY', 'wJalrXUtnFEMI', 'a literal value (not shown)'],
    ['CONFIG', '{{resolve:secretsmanager:prod/db:SecretString:password}}', 'a Secrets Manager dynamic reference ({{resolve:secretsmanager:…}})'],
    ['SETTINGS', 'x{{resolve:ssm-secure:/prod/db:1}}', 'an SSM SecureString dynamic reference ({{resolve:ssm-secure:…}})'],
    ['DATABASE_URL', 'postgres://app:hunter2@db.example.com/orders', 'a URL with a password in it (not shown)'],
  ])('%s', (key, value, described) => {
    const message = errorOf(fnWith({ [key]: value }));
    expect(message).toContain(`[F13] TestStack/Fn: environment.${key} is ${described}`);
    if (!value.startsWith('{{')) expect(message).not.toContain(value.slice(3));
  });

  test('an ssm-secure CfnDynamicReference token, under any name', () => {
    const ref = new CfnDynamicReference(CfnDynamicReferenceService.SSM_SECURE, '/prod/db:1').toString();
    expect(errorOf(fnWith({ CONFIG: ref }))).toContain('environment.CONFIG is an SSM SecureString dynamic reference');
  });

  test('a SecretValue token, under any name', () => {
    expect(errorOf(fnWith({ CONFIG: SecretValue.secretsManager('prod/db').unsafeUnwrap() }))).toContain('environment.CONFIG is a Secrets Manager dynamic reference');
  });
});

describe('BP-F13: tokens are not resolved during construction', () => {
  test('a Lazy whose value is set after the function is created works', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: TEST_ENV });
    let endpoint: string | undefined;
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), environment: { ENDPOINT: Lazy.string({ produce: () => endpoint }) } });
    fn.addEnvironment('LATER', Lazy.string({ produce: () => endpoint }));
    endpoint = 'https://orders.example.com';
    const vars = app.synth().getStackByName('S').template.Resources;
    const env = Object.values(vars).find((r: any) => r.Type === 'AWS::Lambda::Function') as any;
    expect(env.Properties.Environment.Variables).toMatchObject({ ENDPOINT: 'https://orders.example.com', LATER: 'https://orders.example.com' });
  });

  test('a Lazy that turns out to hold a secret fails at synth, with the library\'s message', () => {
    const app = new App();
    const stack = new Stack(app, 'S', { env: TEST_ENV });
    const secret = new secretsmanager.Secret(stack, 'Secret');
    let value = 'placeholder';
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), environment: { CONFIG: Lazy.string({ produce: () => value }), DB_PASSWORD: Lazy.string({ produce: () => 'hunter2' }) } });
    value = secret.secretValue.unsafeUnwrap();
    const message = errorOf(() => app.synth());
    expect(message).toContain('[F13] S/Fn: environment.CONFIG is a Secrets Manager dynamic reference');
    expect(message).toContain('[F13] S/Fn: environment.DB_PASSWORD is a literal value (not shown)');
  });
});

test('BP-F13: the name rule, word by word', () => {
  expect(['DB_PASSWORD', 'dbPassword', 'API_KEY', 'apiKey', 'CLIENT_SECRET', 'SIGNING_KEY_B64'].filter(namesASecret)).toHaveLength(6);
  expect(['TOKEN_BUCKET', 'SECRET_NAME', 'KEY_ID', 'MONKEY', 'TOKENIZER_MODEL', 'ACCESS_KEY_ID'].filter(namesASecret)).toEqual([]);
});
