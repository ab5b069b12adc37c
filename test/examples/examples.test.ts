/**
 * Every example app under examples/ is synthesized with the CDK CLI, exactly as a user would
 * (`cdk synth` in its folder), with aws-cdk-lib's built-in validation on and the cdk-nag
 * AwsSolutions and Serverless plugins the app registers itself: a finding fails the synth.
 * The written templates then face cfn-lint and the Control Tower report (BP-X2, X3).
 *
 * Every app is synthesized first (beforeAll), then cfn-lint and cfn-guard each run once over all the templates (each
 * process costs 1-2 s to start, per example before); each example's test asserts on its own synth and its own
 * templates' findings, as before.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cfnLint, controlTowerFindings, printControlTowerReport, readValidationReport, serverlessRules } from '../judges';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');

const examples = fs.readdirSync(EXAMPLES_DIR).filter(d => fs.existsSync(path.join(EXAMPLES_DIR, d, 'cdk.json'))).sort();
/**
 * The TypeScript apps; examples/python, examples/java and examples/go are synthesized by their own tests (pytest,
 * JUnit, go test) against the packages the release publishes (issue #25).
 */
const typescriptExamples = examples.filter(d => fs.existsSync(path.join(EXAMPLES_DIR, d, 'app.ts')));

// beforeAll synthesizes every example (about 6 s each alone, twice that beside the language builds on CI).
jest.setTimeout(900_000);

interface Synth { readonly outdir: string; readonly templates: string[]; readonly error?: string }
const synths = new Map<string, Synth>();
let lintFindings: string[] = [];

beforeAll(() => {
  const project = examplesProject();
  for (const name of typescriptExamples) synths.set(name, synthesize(name, project));
  const templates = [...synths.values()].flatMap(s => s.templates);
  lintFindings = cfnLint(templates);
  // The Control Tower report is informative (a goal of a later hardened profile), printed for all the examples at once.
  printControlTowerReport('examples', controlTowerFindings(templates));
});

describe('examples, synthesized with the CDK CLI', () => {
  test('there is an example for ServerlessFunction', () => {
    expect(examples).toContain('serverless-function');
  });

  test('the apps without app.ts are the Python, Java and Go ones, and CI runs the tests of each', () => {
    expect(examples.filter(d => !typescriptExamples.includes(d))).toEqual(['go', 'java', 'python']);
    const tasks = JSON.parse(fs.readFileSync(path.join(ROOT, '.projen', 'tasks.json'), 'utf8')).tasks;
    const ciSteps = tasks.ci.steps.map((s: { spawn?: string; exec?: string }) => s.spawn ?? s.exec);
    expect(ciSteps).toEqual(expect.arrayContaining(['python:pytest', 'java:junit', 'go:gotest']));
    expect(tasks['java:junit'].steps[0].exec).toBe('bash scripts/java-test.sh');
    expect(tasks['go:gotest'].steps[0].exec).toBe('bash scripts/go-test.sh');
    // The packages they test are built beside jest, before them.
    expect(fs.readFileSync(path.join(ROOT, 'scripts', 'beside-languages.sh'), 'utf8')).toContain('builds=(python:venv package:java package:go)');
  });

  test.each(typescriptExamples)('BP-X2/X3: examples/%s synthesizes with zero cdk-nag findings and passes cfn-lint', (name) => {
    const synth = synths.get(name)!;
    if (synth.error) throw new Error(synth.error);
    expect(synth.templates.length).toBeGreaterThan(0);
    expect(readValidationReport(synth.outdir)).toEqual([]);
    expect(lintFindings.filter(l => synth.templates.some(t => l.startsWith(`${t}:`)))).toEqual([]);
    if (name === 'multi-stack') expectNetworkFirst(synth.outdir);
    // The hand-written app passes the peer pack too: AWS Serverless Rules, with its two wrong verdicts acknowledged
    // in the template's metadata with the reason (issue #23).
    if (name === 'audit-app') expect(serverlessRules(synth.templates)).toEqual([]);
  });

  test('the batched cfn-lint run reports the file of each finding (so each example sees its own)', () => {
    // A template cfn-lint must flag (E3012: a string where an integer belongs), linted with the examples' templates.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'example-lint-'));
    const bad = path.join(dir, 'Bad.template.json');
    fs.writeFileSync(bad, JSON.stringify({ Resources: { Q: { Type: 'AWS::SQS::Queue', Properties: { DelaySeconds: 'soon' } } } }));
    const first = synths.get(typescriptExamples[0])!.templates;
    const findings = cfnLint([...first, bad]);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every(l => l.startsWith(`${bad}:`))).toBe(true);
  });

  test.each(examples)('examples/%s/cdk.json carries the feature flags `cdk init` writes for this aws-cdk-lib', (name) => {
    const flags = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'recommended-feature-flags.json'), 'utf8'));
    const cdkJson = JSON.parse(fs.readFileSync(path.join(EXAMPLES_DIR, name, 'cdk.json'), 'utf8'));
    expect(cdkJson.context).toEqual(flags);
  });
});

/**
 * BP-V5/V8: in the two-stack example the service stack depends on the network stack and never the
 * reverse: the network template imports nothing, and the rules admitting the functions are in the service stack.
 */
function expectNetworkFirst(outdir: string): void {
  const read = (stack: string) => fs.readFileSync(path.join(outdir, `${stack}.template.json`), 'utf8');
  const network = read('MultiStackNetwork');
  const service = read('MultiStackService');
  expect(network).not.toContain('Fn::ImportValue');
  expect(service).toContain('Fn::ImportValue');
  const ingress = Object.values(JSON.parse(service).Resources as Record<string, { Type: string; Properties: { FromPort: number } }>)
    .filter(r => r.Type === 'AWS::EC2::SecurityGroupIngress').map(r => r.Properties.FromPort).sort();
  // Two functions to the proxy (5432), one to the SQS endpoint (443).
  expect(ingress).toEqual([443, 5432, 5432]);
}

/** `cdk synth` in the example's folder, as a user runs it; the error names the example and carries the CLI's output. */
function synthesize(name: string, project: string | undefined): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
  const r = spawnSync(CDK, ['synth', '--quiet', '--no-notices', '--ci', '--output', outdir], {
    cwd: path.join(EXAMPLES_DIR, name),
    encoding: 'utf8',
    env: {
      ...process.env,
      CDK_VALIDATION: 'true',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
      CI: 'true',
      ...(project ? { TS_NODE_PROJECT: project } : {}),
    },
  });
  const templates = r.status === 0 ? fs.readdirSync(outdir).filter(f => f.endsWith('.template.json')).map(f => path.join(outdir, f)) : [];
  const error = r.status === 0 ? undefined : `cdk synth failed in examples/${name} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`;
  return { outdir, templates, error };
}

/**
 * The examples import `cdk-serverless-patterns` by name. examples/tsconfig.json maps it to src/ (ts-node transpiles
 * the library on every synth, about 1.5 s); when lib/ (jsii's output, what the package ships) is newer than every
 * source file, examples/tsconfig.lib.json maps it there instead: the same code, compiled once. A stale or missing lib/
 * falls back to src/, so `npx projen test` without `compile` never synthesizes old code.
 */
function examplesProject(): string | undefined {
  const lib = path.join(ROOT, 'lib', 'index.js');
  if (!fs.existsSync(lib)) return undefined;
  const newestSource = (dir: string): number => fs.readdirSync(dir, { withFileTypes: true }).reduce((t, e) => {
    const p = path.join(dir, e.name);
    return Math.max(t, e.isDirectory() ? newestSource(p) : e.name.endsWith('.ts') ? fs.statSync(p).mtimeMs : 0);
  }, 0);
  if (newestSource(path.join(ROOT, 'src')) > fs.statSync(lib).mtimeMs) {
    process.stdout.write('NOTICE: lib/ is older than src/; the examples are synthesized from src/ (run `npx projen compile`).\n');
    return undefined;
  }
  return path.join(EXAMPLES_DIR, 'tsconfig.lib.json');
}
