/**
 * Bundle size of every example handler through ServerlessFunction, with the AWS SDK left to the runtime (the default)
 * and bundled (`bundling: { bundleAwsSDK: true }`) (BP-F21). `npm run bench:bundles` prints the README's table.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { ServerlessFunction } from '../src';

const root = path.join(__dirname, '..');
const handlers = fs.readdirSync(path.join(root, 'examples'))
  .flatMap(d => fs.statSync(path.join(root, 'examples', d)).isDirectory()
    ? fs.readdirSync(path.join(root, 'examples', d)).filter(f => f.endsWith('.ts') && !['app.ts', 'db.ts'].includes(f)).map(f => `examples/${d}/${f}`)
    : []);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
function sizeOf(entry: string, bundleAwsSDK: boolean): { js: number; map: number } {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-')) });
  const stack = new Stack(app, 'S');
  const fn = new ServerlessFunction(stack, 'Fn', { entry: path.join(root, entry), bundling: { bundleAwsSDK } });
  const dir = app.synth().directory;
  const key = String(stack.resolve((fn.function.node.defaultChild as any).code).s3Key).replace(/\.zip$/, '');
  const js = path.join(dir, `asset.${key}`, 'index.js');
  return { js: fs.statSync(js).size, map: fs.statSync(`${js}.map`).size };
}

console.log('| handler | SDK left to the runtime (default) | SDK bundled (`bundleAwsSDK`) |');
console.log('|---|---|---|');
for (const h of handlers) {
  const [left, bundled] = [sizeOf(h, false), sizeOf(h, true)];
  console.log(`| \`${h}\` | ${kb(left.js)} (+ ${kb(left.map)} map) | ${kb(bundled.js)} (+ ${kb(bundled.map)} map) |`);
}
