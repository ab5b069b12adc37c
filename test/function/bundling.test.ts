/**
 * BP-F21: `entry` bundles leave the runtime's AWS SDK out unless asked, minified, tree-shaken (the packages' ES module
 * builds), with source maps that map lines without embedding the sources. Measured on real bundles, which are loaded
 * and run.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { ServerlessFunction } from '../../src';
import { TEST_ENV } from '../helpers';

const entry = path.join(__dirname, 'fixtures', 'sdk-handler.ts');
// Inside the repository, so the bundle finds the SDK in node_modules as the Lambda runtime would provide it.
const outRoot = path.join(__dirname, '..', '..', '.judges', 'bundling');

function bundleOf(bundling?: nodejs.BundlingOptions): { dir: string; js: string; size: number; map: any } {
  fs.mkdirSync(outRoot, { recursive: true });
  const app = new App({ outdir: fs.mkdtempSync(path.join(outRoot, 'app-')) });
  const stack = new Stack(app, 'S', { env: TEST_ENV });
  const fn = new ServerlessFunction(stack, 'Fn', { entry, bundling });
  const assembly = app.synth();
  const key = String(stack.resolve((fn.function.node.defaultChild as any).code).s3Key).replace(/\.zip$/, '');
  const dir = path.join(assembly.directory, `asset.${key}`);
  const js = path.join(dir, 'index.js');
  return { dir, js, size: fs.statSync(js).size, map: JSON.parse(fs.readFileSync(`${js}.map`, 'utf8')) };
}

describe('BP-F21: bundles of entry', () => {
  afterAll(() => fs.rmSync(outRoot, { recursive: true, force: true }));

  test('the AWS SDK is left to the runtime by default (the newest Node.js runtime is not the variable NODEJS_LATEST)', () => {
    const b = bundleOf();
    expect(fs.readFileSync(b.js, 'utf8')).toContain('require("@aws-sdk/client-sqs")');
    expect(b.size).toBeLessThan(4 * 1024);
  });

  test('one line bundles it (bundleAwsSDK), tree-shaken through the ES module builds; both bundles run', () => {
    const bundled = bundleOf({ bundleAwsSDK: true });
    expect(fs.readFileSync(bundled.js, 'utf8')).not.toContain('require("@aws-sdk/client-sqs")');
    // Measured here: 322 KB with the ES module builds, 503 KB from the CommonJS builds (mainFields left to esbuild).
    expect(bundled.size).toBeLessThan(400 * 1024);
    const cjs = bundleOf({ bundleAwsSDK: true, mainFields: ['main'] });
    expect(bundled.size).toBeLessThan(cjs.size * 0.8);
    for (const b of [bundleOf(), bundled]) {
      // In a process of its own, as Lambda runs it (and out of jest's module registry and coverage).
      const out = execFileSync(process.execPath, ['-e', `require(${JSON.stringify(b.js)}).handler().then(r => console.log(JSON.stringify(r)))`], { encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual({ send: 'function', queueName: 'jobs' });
    }
  });

  test('minified, with a source map that maps lines but does not carry the sources', () => {
    const b = bundleOf({ bundleAwsSDK: true });
    expect(b.map.mappings.length).toBeGreaterThan(0);
    expect(b.map.sourcesContent).toBeUndefined();
    expect(b.size).toBeLessThan(bundleOf({ bundleAwsSDK: true, minify: false }).size * 0.6);
  });

  test('what the user sets wins', () => {
    const b = bundleOf({ sourcesContent: true, mainFields: ['main'] });
    expect(b.map.sourcesContent?.length).toBeGreaterThan(0);
  });
});
