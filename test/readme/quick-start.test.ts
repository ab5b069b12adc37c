/**
 * The README's Quick start, exactly as it stands there, is a first app that passes every judge it registers
 * (cdk-nag's AwsSolutions and Serverless packs, ServerlessPatternsChecks): issue #24's first two findings were an
 * install line without esbuild and an alerts topic that failed AwsSolutions-SNS3 (BP-X2).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runSnippet } from './snippet';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Quick start (TypeScript)'));
const snippet = /```ts nofixture\n([\s\S]*?)```/.exec(section)![1];
const install = /```sh\n([\s\S]*?)```/.exec(section)![1];

// Inside the repository, so esbuild and the lock file are found as in a user's app.
const appDir = path.join(__dirname, '..', '..', '.judges', 'readme-quick-start');

/** Runs the snippet (transpiled as it is) in the app folder and synthesizes its app. */
function synthesize(source: string): { template: any; failed: boolean; report: string } {
  fs.rmSync(appDir, { recursive: true, force: true });
  fs.mkdirSync(path.join(appDir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(appDir, 'src', 'get-order.ts'),
    'export const handler = async (event: { orderId?: string }) => ({ statusCode: 200, body: JSON.stringify({ id: event.orderId ?? null }) });\n');
  const cwd = process.cwd();
  const validation = process.env.CDK_VALIDATION;
  // As `cdk synth` runs it: validation on (test/setup-env.ts turns it off for ordinary unit tests).
  delete process.env.CDK_VALIDATION;
  process.chdir(appDir);
  try {
    const { app } = runSnippet(source, ['app']);
    // A finding fails synthesis with the validation report, as `cdk synth` does.
    try {
      const assembly = app.synth();
      return { template: assembly.getStackByName('Orders').template, failed: false, report: '' };
    } catch (e) {
      if (!/ValidationFailed/.test(String((e as Error).message) + String((e as Error).name))) throw e;
      return { template: undefined, failed: true, report: (e as Error).message };
    }
  } finally {
    process.chdir(cwd);
    if (validation === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = validation;
  }
}

describe('README Quick start (BP-X2)', () => {
  afterAll(() => fs.rmSync(appDir, { recursive: true, force: true }));

  test('the install line has everything the snippet imports, esbuild and cdk-nag 3 included', () => {
    const imported = [...snippet.matchAll(/from '([^']+)'/g)].map(m => m[1].replace(/^(aws-cdk-lib)\/.*$/, '$1'));
    for (const pkg of new Set(imported)) expect(install).toMatch(new RegExp(`\\b${pkg.replace(/[-/]/g, '\\$&')}\\b`));
    expect(install).toMatch(/npm install --save-dev esbuild/);
    expect(install).toMatch(/cdk-nag@\^3/);
  });

  test('the snippet, as the README has it, synthesizes with every judge it registers and no finding', () => {
    expect(snippet).toMatch(/Validations\.of\(app\)\.addPlugins\(new AwsSolutionsChecks\(app\), new ServerlessChecks\(app\), new ServerlessPatternsChecks\(\)\)/);
    const { template, failed, report } = synthesize(snippet);
    expect({ failed, report: failed ? report : '' }).toEqual({ failed: false, report: '' });
    const functions = Object.values(template.Resources as Record<string, any>).filter(r => r.Type === 'AWS::Lambda::Function');
    expect(functions).toHaveLength(1);
    expect(Object.values(template.Resources as Record<string, any>).some(r => r.Type === 'AWS::Lambda::Url' && r.Properties.AuthType === 'AWS_IAM')).toBe(true);
  });

  test('the judges bite: the same snippet with a plain topic (no key, not TLS-only) fails synthesis (AwsSolutions-SNS2, SNS3)', () => {
    const broken = snippet.replace(/new sns\.Topic\(stack, 'Alerts', \{[\s\S]*?\n\}\);/, "new sns.Topic(stack, 'Alerts');");
    expect(broken).not.toEqual(snippet);
    const { failed, report } = synthesize(broken);
    expect(failed).toBe(true);
    expect(report).toContain('AwsSolutions-SNS3');
  });
});
