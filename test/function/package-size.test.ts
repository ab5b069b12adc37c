/**
 * BP-F12: the function's code and all its layers within 250 MB unzipped (Lambda quotas), checked at synthesis where the
 * sizes are known (local directories, .zip/.jar assets, bundled `entry`), warned where they are not (imported layers).
 * Zip archives are written here with the sizes they declare, so no test writes 250 MB.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnParameter, Stack, SymlinkFollowMode } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ServerlessFunction } from '../../src';
import { TEST_ENV, testStack } from '../helpers';

const MB = 1024 * 1024;
/** A stored (uncompressed) zip whose entries declare the given sizes in the central directory. */
function zipDeclaring(...sizes: number[]): string {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  sizes.forEach((size, i) => {
    const name = Buffer.from(`f${i}.bin`);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(name.length, 26);
    local.push(header, name);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt32LE(0, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);
    offset += header.length + name.length;
  });
  const dir = Buffer.concat(central);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(sizes.length, 8);
  eocd.writeUInt16LE(sizes.length, 10);
  eocd.writeUInt32LE(dir.length, 12);
  eocd.writeUInt32LE(offset, 16);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'zip-')), 'code.zip');
  fs.writeFileSync(file, Buffer.concat([...local, dir, eocd]));
  return file;
}
const layerOf = (fn: ServerlessFunction, id: string, zip: string) => new lambda.LayerVersion(fn, id, { code: lambda.Code.fromAsset(zip) });
const synthError = (build: (s: ReturnType<typeof testStack>) => void) => {
  const stack = testStack();
  build(stack);
  try {
    (stack.node.root as any).synth();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe('BP-F12: code and layers within 250 MB unzipped', () => {
  test('200 MB of code and a 60 MB layer: refused at synthesis with the measured sizes', () => {
    const message = synthError(s => {
      const fn = new ServerlessFunction(s, 'Fn', { code: lambda.Code.fromAsset(zipDeclaring(150 * MB, 50 * MB)), handler: 'index.handler' });
      fn.function.addLayers(layerOf(fn, 'Deps', zipDeclaring(60 * MB)));
    });
    expect(message).toContain('[F12] TestStack/Fn: code / layers is 260 MB unzipped (code: 200 MB, layers[0]: 60 MB); '
      + 'allowed: at most 250 MB unzipped, the function\'s code and all its layers together (Lambda quotas). Fix: ');
  });

  test('240 MB in all, layers given as props: accepted', () => {
    expect(synthError(s => {
      const owner = new ServerlessFunction(s, 'Other', { code: lambda.Code.fromInline('exports.handler = async () => ({})') });
      new ServerlessFunction(s, 'Fn', {
        code: lambda.Code.fromAsset(zipDeclaring(200 * MB)), handler: 'index.handler', layers: [layerOf(owner, 'Deps', zipDeclaring(40 * MB))],
      });
    })).toBeUndefined();
  });

  test('a directory is measured file by file; an imported layer is warned about, not guessed', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({});');
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', {
      code: lambda.Code.fromAsset(dir),
      layers: [lambda.LayerVersion.fromLayerVersionArn(stack, 'Imported', 'arn:aws:lambda:us-east-1:123456789012:layer:deps:3')],
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp(
      '\\[F12\\] The unzipped size of layers\\[0\\] \\(arn:aws:lambda:us-east-1:123456789012:layer:deps:3\\) is not known at synthesis'));
  });

  test('the AWS extension layers aws-cdk-lib adds (Lambda Insights, Parameters and Secrets) are not warned about', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      insightsVersion: lambda.LambdaInsightsVersion.VERSION_1_0_333_0,
      paramsAndSecrets: lambda.ParamsAndSecretsLayerVersion.fromVersion(lambda.ParamsAndSecretsVersions.V1_0_103),
    });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('F12'));
  });

  test('a bundled entry is counted without a warning', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { entry: path.join(__dirname, 'fixtures', 'hello.ts') });
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('F12'));
  });
});

describe('BP-F12 as apps are built', () => {
  test('a stack whose bundling is skipped (`cdk deploy OtherStack --exclusively`) is not measured: no false 250 MB error', () => {
    // With bundling skipped, aws-cdk-lib stages an `entry` as its project root (node_modules and all, 500 MB here).
    const app = new App({ context: { 'aws:cdk:bundling-stacks': ['Other'] } });
    const stack = new Stack(app, 'Service', { env: TEST_ENV });
    new ServerlessFunction(stack, 'Fn', { entry: path.join(__dirname, 'fixtures', 'hello.ts') });
    expect(() => app.synth()).not.toThrow();
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('F12'));
  });

  test('a layer built in a shared stack counts for the function of a service stack', () => {
    const app = new App();
    const shared = new Stack(app, 'Shared', { env: TEST_ENV });
    const layer = new lambda.LayerVersion(shared, 'Deps', { code: lambda.Code.fromAsset(zipDeclaring(100 * MB)) });
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    new ServerlessFunction(service, 'Fn', { code: lambda.Code.fromAsset(zipDeclaring(160 * MB)), handler: 'index.handler', layers: [layer] });
    expect(() => app.synth()).toThrow(/\[F12\] Service\/Fn: code \/ layers is 260 MB unzipped \(code: 160 MB, layers\[0\]: 100 MB\)/);
  });

  test('a layer imported by a CfnParameter ARN is named by its path in the warning', () => {
    const stack = testStack();
    const arn = new CfnParameter(stack, 'DepsLayerArn').valueAsString;
    new ServerlessFunction(stack, 'Fn', {
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      layers: [lambda.LayerVersion.fromLayerVersionArn(stack, 'Deps', arn)],
    });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('The unzipped size of layers\\[0\\] \\(TestStack/Deps\\) is not known'));
  });
});

describe('BP-F12: what a directory holds', () => {
  const dirWith = (build: (dir: string) => void) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-'));
    fs.writeFileSync(path.join(dir, 'index.js'), 'exports.handler = async () => ({});');
    build(dir);
    return dir;
  };

  test('an archive inside a directory counts as the archive it is, not as its entries', () => {
    // A stored zip declaring 300 MB of entries is a few hundred bytes on disk: Lambda unzips the package, not it.
    const dir = dirWith(d => fs.copyFileSync(zipDeclaring(300 * MB), path.join(d, 'data.zip')));
    expect(synthError(s => { new ServerlessFunction(s, 'Fn', { code: lambda.Code.fromAsset(dir) }); })).toBeUndefined();
  });

  test('a symlink loop in the code directory is not followed: the size is unknown and said so, synthesis does not hang', () => {
    const dir = dirWith(d => fs.symlinkSync(d, path.join(d, 'loop')));
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: lambda.Code.fromAsset(dir, { followSymlinks: SymlinkFollowMode.NEVER }) });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('The unzipped size of code is not known at synthesis'));
  });
});
