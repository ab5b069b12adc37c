/**
 * One measurement in a fresh process: build `stacks` stacks of one side, synthesize, and print
 * JSON (wall time of construction + synthesis, peak RSS, resources, template bytes).
 * Usage: ts-node --transpile-only bench/child.ts <library|handwritten> <stacks> <validation:on|off>
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { HandwrittenStack } from './handwritten-app';
import { LibraryStack } from './library-app';

const [side, count, validation] = process.argv.slice(2);
process.env.CDK_VALIDATION = validation === 'on' ? 'true' : 'false';
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-'));
const env = { account: '123456789012', region: 'us-east-1' };

const start = process.hrtime.bigint();
const app = new App({ outdir });
for (let i = 0; i < Number(count); i++) {
  if (side === 'library') new LibraryStack(app, `Stack${i}`, { env });
  else new HandwrittenStack(app, `Stack${i}`, { env });
}
const assembly = app.synth();
const ms = Number(process.hrtime.bigint() - start) / 1e6;

let resources = 0;
let bytes = 0;
const types: Record<string, number> = {};
for (const s of assembly.stacks) {
  const text = fs.readFileSync(s.templateFullPath, 'utf8');
  bytes += Buffer.byteLength(text);
  for (const r of Object.values(JSON.parse(text).Resources as Record<string, { Type: string }>)) {
    resources++;
    types[r.Type] = (types[r.Type] ?? 0) + 1;
  }
}
fs.rmSync(outdir, { recursive: true, force: true });
process.stdout.write(JSON.stringify({ side, stacks: Number(count), validation, ms, maxRssMb: process.resourceUsage().maxRSS / 1024, resources, bytes, types }) + '\n');
