import * as fs from 'fs';
import * as path from 'path';
import { Annotations, AssetStaging, Stack, Token } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import { IConstruct } from 'constructs';
import { fmt, formatViolation } from '../private/validation';

/**
 * Lambda quotas ("Deployment package (.zip file archive) size"): 250 MB unzipped, "the combined size of all the files
 * you upload, including layers and custom runtimes" (BP-F12). 250 MB is read as 250 × 1,024 × 1,024 bytes.
 */
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024;

/** The ids under which aws-cdk-lib's Function imports AWS's extension layers. */
const AWS_EXTENSION_LAYER_IDS = ['LambdaInsightsLayer', 'ParamsAndSecretsLayer', 'AdotLayer'];

/** The unzipped size of a staged asset: a .zip/.jar archive's entries, or a directory's files; undefined if unknown. */
function unzippedSize(staged: string): number | undefined {
  const stat = fs.statSync(staged);
  return stat.isFile() && /\.(zip|jar)$/i.test(staged) ? zipEntriesSize(fs.readFileSync(staged)) : treeSize(staged);
}

/**
 * The bytes of the files under a directory as they are (an archive inside it counts as the archive it is). A symlink
 * to a file counts as the file; one to a directory is not followed (it may loop): the size is then unknown.
 */
function treeSize(file: string): number | undefined {
  const link = fs.lstatSync(file);
  const stat = link.isSymbolicLink() ? fs.statSync(file, { throwIfNoEntry: false }) : link;
  if (!stat) return 0;
  if (stat.isDirectory()) {
    if (link.isSymbolicLink()) return undefined;
    return fs.readdirSync(file).reduce<number | undefined>((sum, f) => {
      const size = treeSize(path.join(file, f));
      return sum === undefined || size === undefined ? undefined : sum + size;
    }, 0);
  }
  return stat.size;
}

/** Sums the uncompressed sizes in a zip's central directory; undefined for ZIP64 or an unreadable archive. */
function zipEntriesSize(zip: Buffer): number | undefined {
  // The end-of-central-directory record: signature 0x06054b50, within the last 65,557 bytes.
  for (let eocd = zip.length - 22; eocd >= Math.max(0, zip.length - 65_557); eocd--) {
    if (zip.readUInt32LE(eocd) !== 0x06054b50) continue;
    const entries = zip.readUInt16LE(eocd + 10);
    let at = zip.readUInt32LE(eocd + 16);
    let total = 0;
    for (let i = 0; i < entries; i++) {
      if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return undefined;
      const size = zip.readUInt32LE(at + 24);
      if (size === 0xffffffff) return undefined;
      total += size;
      at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    }
    return total;
  }
  return undefined;
}

/** The local assets under a construct (a function's code, a layer's content), as staged for deployment. */
function stagedAssets(scope: IConstruct): string[] {
  return scope.node.findAll()
    .filter((c): c is s3assets.Asset => c instanceof s3assets.Asset)
    .map(a => a.node.tryFindChild('Stage'))
    .filter((s): s is AssetStaging => s instanceof AssetStaging)
    .map(s => s.absoluteStagedPath);
}

/**
 * The function's code and its layers must fit in 250 MB unzipped (BP-F12). Checked at synthesis, when `entry` is
 * bundled and every layer added: the sizes of local assets are known then. A layer imported by ARN (or any code
 * whose size is not known here) gets a warning, since it counts too.
 */
export function packageSizeErrors(scope: IConstruct, fn: lambda.Function, givenLayers: lambda.ILayerVersion[] | undefined): string[] {
  const layers = layersOf(fn, givenLayers);
  const parts: Array<[string, number]> = [];
  const unknown: string[] = [];
  for (const [label, owner] of [['code', fn] as const, ...layers.map((l, i) => [`layers[${i}]`, l] as const)]) {
    // A stack left out of bundling (`cdk deploy Other --exclusively`, `aws:cdk:bundling-stacks`) is not deployed, and
    // aws-cdk-lib stages its bundled assets as their unbundled source (an `entry`'s whole project, node_modules and
    // all): nothing there to measure, nothing to warn about.
    if (!Stack.of(owner).bundlingRequired) continue;
    const assets = stagedAssets(owner);
    if (assets.length === 0) {
      // The extensions aws-cdk-lib adds from AWS's own accounts (insightsVersion, paramsAndSecrets, adotInstrumentation)
      // are a few MB each; a warning for them would be noise.
      const awsExtension = label !== 'code' && owner.node.scope === fn && AWS_EXTENSION_LAYER_IDS.includes(owner.node.id);
      if (label !== 'code' && !awsExtension) unknown.push(`${label} (${Token.isUnresolved(owner.layerVersionArn) ? owner.node.path : owner.layerVersionArn})`);
      continue;
    }
    const sizes = assets.map(unzippedSize);
    if (sizes.some(s => s === undefined)) unknown.push(label);
    else parts.push([label, sizes.reduce((a, b) => a! + b!, 0)!]);
  }
  if (unknown.length > 0) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:packageSizeUnknown',
      `[F12] The unzipped size of ${unknown.join(', ')} is not known at synthesis: the function's code and all its layers together `
      + 'must stay within 250 MB unzipped (Lambda quotas); the deployment fails beyond it.');
  }
  const total = parts.reduce((sum, [, n]) => sum + n, 0);
  if (total <= MAX_UNZIPPED_BYTES) return [];
  const mb = (n: number) => `${fmt(Math.round((n / 1024 / 1024) * 10) / 10)} MB`;
  return [formatViolation(scope, {
    rule: 'F12',
    prop: 'code / layers',
    value: `${mb(total)} unzipped (${parts.map(([l, n]) => `${l}: ${mb(n)}`).join(', ')})`,
    allowed: 'at most 250 MB unzipped, the function\'s code and all its layers together (Lambda quotas)',
    fix: 'leave the AWS SDK to the runtime, drop unused dependencies (bundle `entry` with esbuild), or package the function as a container image (10 GB).',
  })];
}

/**
 * The function's layers, those added later through `fn.function.addLayers` included: aws-cdk-lib keeps them in a
 * private `_layers` (an array, or a Box of one since 2.2xx); the props' layers where it cannot be read.
 */
function layersOf(fn: lambda.Function, given: lambda.ILayerVersion[] | undefined): lambda.ILayerVersion[] {
  const kept = (fn as any)._layers;
  if (Array.isArray(kept)) return kept;
  if (typeof kept?.get === 'function' && Array.isArray(kept.get())) return kept.get();
  return given ?? [];
}
