/**
 * Every example app under examples/ is synthesized with the CDK CLI, exactly as a user would
 * (`cdk synth` in its folder), with aws-cdk-lib's built-in validation on and the cdk-nag
 * AwsSolutions and Serverless plugins the app registers itself: a finding fails the synth.
 * The written templates then face cfn-lint and the Control Tower report (BP-X2, X3).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { judgeTemplates, readValidationReport, serverlessRules } from '../judges';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');

const examples = fs.readdirSync(EXAMPLES_DIR).filter(d => fs.existsSync(path.join(EXAMPLES_DIR, d, 'cdk.json'))).sort();
/**
 * The TypeScript apps; examples/python, examples/java and examples/go are synthesized by their own tests (pytest,
 * JUnit, go test) against the packages the release publishes (issue #25).
 */
const typescriptExamples = examples.filter(d => fs.existsSync(path.join(EXAMPLES_DIR, d, 'app.ts')));

jest.setTimeout(300_000);

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
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), `example-${name}-`));
    const r = spawnSync(CDK, ['synth', '--quiet', '--no-notices', '--ci', '--output', outdir], {
      cwd: path.join(EXAMPLES_DIR, name),
      encoding: 'utf8',
      env: { ...process.env, CDK_VALIDATION: 'true', CDK_DISABLE_CLI_TELEMETRY: 'true', CI: 'true' },
    });
    if (r.status !== 0) throw new Error(`cdk synth failed in examples/${name} (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);

    const templates = fs.readdirSync(outdir).filter(f => f.endsWith('.template.json')).map(f => path.join(outdir, f));
    expect(templates.length).toBeGreaterThan(0);
    const verdict = judgeTemplates(`examples/${name}`, templates, readValidationReport(outdir));
    expect(verdict).toMatchObject({ builtinValidation: [], cfnLint: [] });
    if (name === 'multi-stack') expectNetworkFirst(outdir);
    // The hand-written app passes the peer pack too: AWS Serverless Rules, with its two wrong verdicts acknowledged
    // in the template's metadata with the reason (issue #23).
    if (name === 'audit-app') expect(serverlessRules(templates)).toEqual([]);
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
