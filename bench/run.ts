/**
 * `npm run bench`: synth cost of the library against the same stacks hand-written with aws-cdk-lib,
 * measured in the same run, alternating sides, each measurement in a fresh process.
 * Prints a Markdown table: median wall time and peak memory per side, their ratios, resources, bytes.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

interface Sample { side: string; stacks: number; validation: string; ms: number; maxRssMb: number; resources: number; bytes: number }

const TS_NODE = path.join(__dirname, '..', 'node_modules', '.bin', 'ts-node');
const CHILD = path.join(__dirname, 'child.ts');
const SIZES = (process.env.BENCH_SIZES ?? '1,5,20').split(',').map(Number);
const REPEAT = Number(process.env.BENCH_REPEAT ?? '5');

/**
 * The library as users run it: the compiled package (`npx projen compile` first) in a node_modules folder, found by
 * its name (NODE_PATH), not the TypeScript sources through ts-node. Only the app's own files go through ts-node, on
 * both sides, as in a CDK app made from the TypeScript template.
 */
function installLibrary(): string {
  const root = path.join(__dirname, '..');
  const modules = path.join(root, '.bench', 'node_modules');
  const target = path.join(modules, 'cdk-serverless-patterns');
  if (!fs.existsSync(path.join(root, 'lib', 'index.js'))) throw new Error('lib/ is missing: run `npx projen compile` before `npm run bench`');
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  for (const part of ['lib', 'assets', 'package.json']) fs.cpSync(path.join(root, part), path.join(target, part), { recursive: true });
  return modules;
}
const NODE_PATH = installLibrary();

function measure(side: string, stacks: number, validation: string): Sample {
  const project = path.join(__dirname, '..', 'test', 'tsconfig.json');
  const out = execFileSync(TS_NODE, ['--transpile-only', '--project', project, CHILD, side, String(stacks), validation], {
    encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NODE_PATH },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
const f1 = (n: number) => n.toFixed(1);
const f2 = (n: number) => n.toFixed(2);

const rows: string[] = [];
for (const validation of ['off', 'on']) {
  for (const stacks of SIZES) {
    // Built-in validation costs a fixed amount per template: one size is enough to show it.
    if (validation === 'on' && stacks > SIZES[0]) continue;
    const reps = REPEAT;
    const lib: Sample[] = [];
    const hand: Sample[] = [];
    for (let i = 0; i < reps; i++) {
      // alternate which side goes first, so drift in the machine hits both
      const order = i % 2 === 0 ? ['library', 'handwritten'] : ['handwritten', 'library'];
      for (const side of order) (side === 'library' ? lib : hand).push(measure(side, stacks, validation));
    }
    const lm = median(lib.map(s => s.ms)); const hm = median(hand.map(s => s.ms));
    const lr = median(lib.map(s => s.maxRssMb)); const hr = median(hand.map(s => s.maxRssMb));
    rows.push(`| ${stacks} | ${validation} | ${reps} | ${f1(lm)} | ${f1(hm)} | **${f2(lm / hm)}×** | ${f1(lr)} | ${f1(hr)} | **${f2(lr / hr)}×** | ${lib[0].resources} / ${hand[0].resources} | ${f1(lib[0].resources / stacks / 5)} | ${(lib[0].bytes / 1024).toFixed(0)} / ${(hand[0].bytes / 1024).toFixed(0)} |`);
    process.stderr.write(`done: ${stacks} stacks, validation ${validation}\n`);
  }
}

console.log('| stacks | built-in validation | runs | library ms (median) | hand-written ms | time ratio | library peak MB | hand-written peak MB | memory ratio | resources (lib / hand) | resources per pattern | template KiB (lib / hand) |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
for (const r of rows) console.log(r);
