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
import { judgeTemplates, readValidationReport } from '../judges';

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLES_DIR = path.join(ROOT, 'examples');
const CDK = path.join(ROOT, 'node_modules', '.bin', 'cdk');

const examples = fs.readdirSync(EXAMPLES_DIR).filter(d => fs.existsSync(path.join(EXAMPLES_DIR, d, 'cdk.json'))).sort();

jest.setTimeout(300_000);

describe('examples, synthesized with the CDK CLI', () => {
  test('there is an example for ServerlessFunction', () => {
    expect(examples).toContain('serverless-function');
  });

  test.each(examples)('BP-X2/X3: examples/%s synthesizes with zero cdk-nag findings and passes cfn-lint', (name) => {
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
  });
});
