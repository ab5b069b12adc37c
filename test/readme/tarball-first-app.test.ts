/**
 * The README's first app, built the way a newcomer builds it (issue #24): in a fresh directory outside this repository,
 * the library installed from its packed tarball (what npm publishes) with the README's two install lines, the Quick
 * start pasted as app.ts and synthesized by the CDK CLI. Its judges (cdk-nag's AwsSolutions and Serverless packs and
 * ServerlessPatternsChecks) are registered by the app itself: any finding fails `cdk synth`.
 *
 * The peers are pinned to the versions this repository is built with (the README's lines name no version, so a user
 * gets the newest; pinning keeps this test about the package, not about tomorrow's aws-cdk-lib). Packages come from
 * the npm registry, through npm's cache.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Quick start (TypeScript)'), README.indexOf('## Multi-stack'));
const install = /```sh\n([\s\S]*?)```/.exec(section)![1].trim().split('\n');
const firstApp = /```ts nofixture\n([\s\S]*?)```/.exec(section)![1];
const version = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version as string;

jest.setTimeout(600_000);

/** lib/ is the compiled library the tarball ships: newer than every source file, or this test would pack old code. */
function newestSource(dir: string): number {
  return Math.max(...fs.readdirSync(dir, { withFileTypes: true }).map(e => (e.isDirectory()
    ? newestSource(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)));
}

describe('README: the first app, from the packed tarball in a fresh directory', () => {
  let dir: string;
  let tarball: string;

  beforeAll(() => {
    const lib = path.join(ROOT, 'lib', 'index.js');
    if (!fs.existsSync(lib) || fs.statSync(lib).mtimeMs < newestSource(path.join(ROOT, 'src'))) {
      throw new Error('lib/ is older than src/: run `npx projen compile` first (the CI task does)');
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-app-'));
    const packed = execFileSync('npm', ['pack', '--silent', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n').pop()!;
    tarball = path.join(dir, packed);
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'first-app', version: '0.1.0', private: true }));
  });

  test('the README installs the library, its peers, cdk-nag and esbuild in two lines', () => {
    expect(install).toEqual([
      'npm install cdk-serverless-patterns aws-cdk-lib constructs cdk-nag@^3',
      'npm install --save-dev esbuild',
    ]);
  });

  test('the tarball ships the compiled library and its assembly, not the sources or the tests', () => {
    const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n');
    expect(listing).toEqual(expect.arrayContaining(['package/lib/index.js', 'package/lib/index.d.ts', 'package/.jsii', 'package/README.md']));
    expect(listing.filter(f => /^package\/(src|test|examples)\//.test(f))).toEqual([]);
  });

  test('installed with the README\'s lines and synthesized by the CDK CLI, the first app passes every judge it registers', () => {
    const pins: Record<string, string> = {
      'cdk-serverless-patterns': tarball,
      'aws-cdk-lib': `aws-cdk-lib@${version('aws-cdk-lib')}`,
      'constructs': `constructs@${version('constructs')}`,
      'cdk-nag@^3': `cdk-nag@${version('cdk-nag')}`,
      'esbuild': `esbuild@${version('esbuild')}`,
    };
    const npm = (args: string[]) => {
      const r = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--prefer-offline'], { cwd: dir, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
    };
    for (const line of install) {
      const words = line.split(' ').slice(2);
      npm(['install', ...words.map(w => pins[w] ?? w)]);
    }
    // What `cdk init app --language typescript` brings: the CLI and ts-node.
    npm(['install', '--save-dev', `aws-cdk@${version('aws-cdk')}`, `ts-node@${version('ts-node')}`, `typescript@${version('typescript')}`, `@types/node@${version('@types/node')}`]);
    fs.writeFileSync(path.join(dir, 'app.ts'), firstApp);
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'get-order.ts'), 'export const handler = async () => ({ statusCode: 200, body: \'{}\' });\n');
    fs.writeFileSync(path.join(dir, 'cdk.json'), JSON.stringify({ app: 'npx ts-node --transpile-only app.ts' }));
    // The compiler options `cdk init app --language typescript` writes (the parts ts-node reads).
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['es2022'], strict: true, esModuleInterop: true, skipLibCheck: true, types: ['node'] },
    }));
    const installed = JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', 'cdk-serverless-patterns', 'package.json'), 'utf8'));
    expect(installed.name).toBe('cdk-serverless-patterns');
    // Nothing resolves to this repository: the library is the tarball's.
    expect(fs.realpathSync(path.join(dir, 'node_modules', 'cdk-serverless-patterns')).startsWith(ROOT)).toBe(false);

    const synth = spawnSync(path.join(dir, 'node_modules', '.bin', 'cdk'), ['synth', '-q', '--no-notices', '-o', 'cdk.out'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: undefined, CDK_DISABLE_VERSION_CHECK: '1' } as NodeJS.ProcessEnv,
    });
    expect({ status: synth.status, stderr: synth.status === 0 ? '' : synth.stderr }).toEqual({ status: 0, stderr: '' });
    const report = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'validation-report.json'), 'utf8'));
    expect(report.pluginReports.flatMap((p: { violations: unknown[] }) => p.violations)).toEqual([]);
    const template = JSON.parse(fs.readFileSync(path.join(dir, 'cdk.out', 'Orders.template.json'), 'utf8'));
    expect(Object.values(template.Resources).filter((r: any) => r.Type === 'AWS::Lambda::Url').map((r: any) => r.Properties.AuthType)).toEqual(['AWS_IAM']);

    // The judges are on: the same app with a plain topic and an open function URL fails `cdk synth`, naming both.
    fs.writeFileSync(path.join(dir, 'broken.ts'), `${firstApp}
new sns.Topic(stack, 'Plain');
const lambda = require('aws-cdk-lib/aws-lambda');
new lambda.Function(stack, 'Raw', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') })
  .addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
`);
    const broken = spawnSync(path.join(dir, 'node_modules', '.bin', 'cdk'), ['synth', '-q', '--no-notices', '-o', 'cdk.broken', '--app', 'npx ts-node --transpile-only broken.ts'], {
      cwd: dir, encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: undefined, CDK_DISABLE_VERSION_CHECK: '1' } as NodeJS.ProcessEnv,
    });
    expect(broken.status).not.toBe(0);
    expect(`${broken.stdout}${broken.stderr}`).toMatch(/AwsSolutions-SNS3/);
    expect(`${broken.stdout}${broken.stderr}`).toMatch(/SP-F17/);
  });
});
