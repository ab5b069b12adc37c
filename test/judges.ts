/**
 * The judges every construct's default configuration and every example must pass (BP-X2, X3):
 *
 * - cdk-nag AwsSolutions and Serverless packs: zero unacknowledged findings;
 * - aws-cdk-lib's built-in CloudFormation validation: no violations;
 * - cfn-lint on the written template: no errors and no warnings (W3005 ignored);
 * - AWS Control Tower proactive controls through cfn-guard: a report per construct (printed and
 *   returned; a goal of a later hardened profile, not a failure today).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { App, IPolicyValidationContextBeta1, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';

/** One Control Tower control that a resource does not meet. */
export interface ControlTowerFinding {
  /** e.g. CT.SQS.PR.2 */
  readonly control: string;
  readonly rule: string;
  readonly description: string;
  readonly fix: string;
  /** The CDK construct paths of the resources that fail it. */
  readonly paths: string[];
}

/** What the judges found. */
export interface Verdict {
  readonly nag: string[];
  readonly builtinValidation: string[];
  readonly cfnLint: string[];
  readonly controlTower: ControlTowerFinding[];
}

/** cdk-nag AwsSolutions and Serverless findings on a scope that no acknowledgement covers. */
export function nagFindings(scope: IConstruct): string[] {
  const out: string[] = [];
  for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
    const report = pack.validateScope(scope);
    for (const v of report.violations) {
      for (const r of v.violatingResources) {
        out.push(`${v.ruleName} at ${(r as { constructPath?: string }).constructPath ?? r.resourceLogicalId}: ${v.description}`);
      }
    }
  }
  return out;
}

let cfnLintAvailable: boolean | undefined;

/** cfn-lint errors and warnings on the templates (W3005 ignored); [] with one notice when cfn-lint is missing. */
export function cfnLint(templatePaths: string[]): string[] {
  if (templatePaths.length === 0) return [];
  if (cfnLintAvailable === undefined) {
    // Looked up on PATH: `cfn-lint --version` starts Python and loads every rule (about 2 s, once per test file).
    cfnLintAvailable = (process.env.PATH ?? '').split(path.delimiter).some(d => d !== '' && fs.existsSync(path.join(d, 'cfn-lint')));
    if (!cfnLintAvailable) {
      process.stdout.write('NOTICE: cfn-lint is not installed on this machine; the cfn-lint judge (BP-X3) is skipped. Install it with `pip install cfn-lint`.\n');
    }
  }
  if (!cfnLintAvailable) return [];
  const r = spawnSync('cfn-lint', ['--format', 'parseable', '--ignore-checks', 'W3005', '--', ...templatePaths], { encoding: 'utf8' });
  if (r.error) throw r.error;
  // parseable: file:line:col:endline:endcol:RULE:message; E and W rules fail, I (informational) does not.
  return r.stdout.split('\n').filter(l => /:[EW]\d{4}:/.test(l));
}

/** The Control Tower proactive controls each resource of the templates does not meet. */
export function controlTowerFindings(templatePaths: string[]): ControlTowerFinding[] {
  if (templatePaths.length === 0) return [];
  const validator = new CfnGuardValidator({ maxBuffer: 64 * 1024 * 1024 });
  const report = validator.validate({ templatePaths } as IPolicyValidationContextBeta1);
  const cdkPath = pathLookup();
  return report.violations.map(v => ({
    control: /\[(CT\.[A-Z0-9]+\.PR\.\d+)\]/.exec(v.description)?.[1] ?? v.ruleName,
    rule: v.ruleName,
    description: v.description.replace(/^\[CT\.[^\]]+\]:\s*/, ''),
    fix: v.fix ?? '',
    paths: [...new Set(v.violatingResources.map(r => cdkPath(r.templatePath, r.resourceLogicalId)))].sort(),
  })).sort((a, b) => a.control.localeCompare(b.control));
}

/** Prints the Control Tower report of one judged subject, grouped by construct. */
export function printControlTowerReport(label: string, findings: ControlTowerFinding[]): void {
  const byConstruct = new Map<string, string[]>();
  for (const f of findings) {
    for (const p of f.paths) {
      const owner = p.split('/').slice(0, 2).join('/');
      const list = byConstruct.get(owner) ?? [];
      list.push(`${f.control} ${f.description} (${p.slice(owner.length + 1) || p}) — fix: ${f.fix}`);
      byConstruct.set(owner, list);
    }
  }
  const lines = [`Control Tower proactive controls — ${label}: ${findings.length} control(s) not met`];
  for (const [owner, list] of [...byConstruct.entries()].sort()) {
    lines.push(`  ${owner}`);
    for (const l of [...new Set(list)]) lines.push(`    - ${l}`);
  }
  process.stdout.write(lines.join('\n') + '\n');
}

/**
 * Synthesizes the stage (an App) with aws-cdk-lib's built-in validation on and returns the paths of
 * the written templates and the validation violations.
 */
export function synthJudged(app: App): { templatePaths: string[]; builtinValidation: string[] } {
  const previous = process.env.CDK_VALIDATION;
  process.env.CDK_VALIDATION = 'true';
  try {
    const assembly = app.synth({ force: true });
    const templatePaths = assembly.stacks.map(s => s.templateFullPath);
    return { templatePaths, builtinValidation: readValidationReport(assembly.directory) };
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION; else process.env.CDK_VALIDATION = previous;
  }
}

/** Violations recorded in a cloud assembly's validation report (none when there is no report). */
export function readValidationReport(assemblyDir: string): string[] {
  const file = path.join(assemblyDir, 'validation-report.json');
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    pluginReports: { pluginName: string; conclusion?: string; violations: { ruleName: string; description: string }[] }[];
  };
  return report.pluginReports.flatMap(p => p.violations.map(v => `${p.pluginName} ${v.ruleName}: ${v.description}`));
}

/**
 * Builds a fresh app with `build(stack)` and runs every judge on it. Use in construct tests:
 * `expect(judge('QueueWorker defaults', s => new QueueWorker(s, 'W', {...}))).toMatchObject(CLEAN)`.
 */
export function judge(label: string, build: (stack: Stack) => void): Verdict {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'judge-'));
  // Path metadata lets the Control Tower report name the construct behind each resource.
  const app = new App({ outdir, context: { 'aws:cdk:enable-path-metadata': true } });
  const stack = new Stack(app, label.replace(/[^A-Za-z0-9-]/g, '-'), { env: { account: '123456789012', region: 'us-east-1' } });
  build(stack);
  const nag = nagFindings(app);
  const { templatePaths, builtinValidation } = synthJudged(app);
  const controlTower = controlTowerFindings(templatePaths);
  printControlTowerReport(label, controlTower);
  return { nag, builtinValidation, cfnLint: cfnLint(templatePaths), controlTower };
}

/** What a passing verdict looks like (the Control Tower report is informative). */
export const CLEAN = { nag: [], builtinValidation: [], cfnLint: [] };

function pathLookup(): (templatePath: string, logicalId: string) => string {
  const cache = new Map<string, Record<string, { Metadata?: Record<string, string> }>>();
  return (templatePath, logicalId) => {
    if (!cache.has(templatePath)) {
      const t = JSON.parse(fs.readFileSync(templatePath, 'utf8')) as { Resources?: Record<string, { Metadata?: Record<string, string> }> };
      cache.set(templatePath, t.Resources ?? {});
    }
    return cache.get(templatePath)![logicalId]?.Metadata?.['aws:cdk:path'] ?? `${path.basename(templatePath)}#${logicalId}`;
  };
}

const SERVERLESS_RULES_PYTHON = path.join(__dirname, '..', '.judges', 'serverless-rules', 'bin', 'python');

/**
 * AWS Serverless Rules (cfn-lint-serverless), a peer of the audit pack, on written templates: its findings (cfn-lint's
 * own checks excluded: the cfn-lint judge runs those). The pinned rules package is installed on first use by
 * scripts/serverless-rules-venv.sh (from PyPI, beside the machine's cfn-lint).
 */
export function serverlessRules(templatePaths: string[]): string[] {
  if (!fs.existsSync(SERVERLESS_RULES_PYTHON)) {
    const install = spawnSync('bash', [path.join(__dirname, '..', 'scripts', 'serverless-rules-venv.sh')], { encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`AWS Serverless Rules could not be installed:\n${install.stdout}\n${install.stderr}`);
  }
  const script = 'import sys\nfrom cfnlint.runner import main\nsys.argv = ["cfn-lint", "--append-rules", "cfn_lint_serverless.rules", "--format", "parseable", "--", *sys.argv[1:]]\nmain()';
  const r = spawnSync(SERVERLESS_RULES_PYTHON, ['-c', script, ...templatePaths], { encoding: 'utf8' });
  if (r.error) throw r.error;
  // The serverless rules are ES and WS codes; E/W/I codes are cfn-lint's own.
  return r.stdout.split('\n').filter(l => /:(ES|WS)\d{4}:/.test(l));
}
