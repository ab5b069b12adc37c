/**
 * The oracle of the property-based input-contract test (issue: "the input contract"). Every generated case
 * either synthesizes — with zero unacknowledged cdk-nag findings on the library's resources (a finding the
 * user opted into must come with the library's warning), and every value the user set in the template — or
 * throws the library's error: a rule tag, and a prop the user set (BP-X2, X4).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { TEST_ENV } from '../helpers';
import { nagFindings } from '../judges';

/** What one case did. */
export interface Outcome {
  readonly refused?: string;
  readonly template?: any;
  readonly templatePath?: string;
  readonly warnings: string[];
  readonly nag: string[];
}

/** A cdk-nag finding the user may opt into, if the library says so in a warning (an opt-out made visible). */
const OPT_OUTS: [RegExp, RegExp][] = [
  [/^(AwsSolutions-L1|Serverless-LambdaLatestVersion) /, /\[F2\] runtime /],
  [/^Serverless-LambdaTracing /, /\[F5\] tracing /],
];

/** Errors that are not the library's: aws-cdk-lib's own validation errors and JavaScript's. */
const FOREIGN = /^(TypeError|RangeError|ReferenceError|SyntaxError)|«[A-Za-z]+»|ValidationError|Resolution error/;

/** Builds a stack with `build` in a fresh app and synthesizes it. */
export function runCase(build: (stack: Stack) => void): Outcome {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'contract-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'TestStack', { env: TEST_ENV });
  try {
    build(stack);
    const assembly = app.synth();
    const artifact = assembly.getStackByName('TestStack');
    const warnings = artifact.messages.filter(m => m.level === 'warning').map(m => String(m.entry.data));
    return { template: artifact.template, templatePath: artifact.templateFullPath, warnings, nag: nagFindings(stack) };
  } catch (e) {
    return { refused: (e as Error).message ?? String(e), warnings: [], nag: [] };
  }
}

/** The props a message names relate to a prop the user set: equal, or one a path prefix of the other. */
function relates(named: string, set: string): boolean {
  const norm = (p: string) => p.replace(/^functionProps\./, '').replace(/^routes\['[^']*'\]\./, '').replace(/\[(\d+|'[^']*')\]/g, '.$1');
  const [a, b] = [norm(named), norm(set)];
  return a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`) || a.startsWith(`${b}[`) || named === set;
}

/**
 * Judges one outcome. `setProps` are the prop paths the case set (`memorySize`, `functionProps.timeout`,
 * `environment.DB_PASSWORD`); `facts` check that what was set reached the template. Returns what is wrong, or
 * undefined when the promise held.
 */
export function verdictOf(o: Outcome, setProps: string[], facts: ((template: any) => string | undefined)[]): string | undefined {
  // The library's resources: those under its constructs, and what it adds to a VPC of the user's (endpoints).
  const own = (finding: string) => !/ at TestStack\/(Db|Data|Vpc\/(Resource|p|FlowLog))/.test(finding);
  if (o.refused !== undefined) {
    const m = o.refused;
    if (FOREIGN.test(m) && !/\[[A-Z]\d{1,2}\] /.test(m)) return `refused with an error that is not the library's: ${m.slice(0, 400)}`;
    const tagged = [...m.matchAll(/\[([A-Z]\d{1,2})\] .*?: ([^:]+?) is /g)];
    if (tagged.length === 0) return `refused without a rule tag and a prop: ${m.slice(0, 400)}`;
    const names = tagged.flatMap(t => t[2].split(/, | \/ /));
    const first = m.split('\n').find(l => /\[[A-Z]\d{1,2}\] /.test(l)) ?? m;
    const ok = names.some(n => setProps.some(p => relates(n, p))) || setProps.some(p => first.includes(p));
    if (!ok) return `refused naming ${JSON.stringify(names)}, none of the props set (${setProps.join(', ')}): ${m.slice(0, 400)}`;
    if (!/Fix: \S/.test(m) && !/Fix:/.test(first)) return `refused without a fix: ${m.slice(0, 400)}`;
    return undefined;
  }
  const unexplained = o.nag.filter(own).filter(f => !OPT_OUTS.some(([finding, warning]) => finding.test(f) && o.warnings.some(w => warning.test(w))));
  if (unexplained.length > 0) return `synthesized with unacknowledged cdk-nag findings: ${unexplained.join(' | ').slice(0, 600)}`;
  for (const fact of facts) {
    const missing = fact(o.template);
    if (missing) return `synthesized, but ${missing}`;
  }
  return undefined;
}

/** All resources of a type in a template. */
export function resources(template: any, type: string): any[] {
  return Object.values(template.Resources ?? {}).filter((r: any) => r.Type === type).map((r: any) => r.Properties ?? {});
}

/** A fact: some resource of `type` has `value` at `key` (a dotted path), else a description of what is missing. */
export function has(type: string, key: string, value: unknown): (template: any) => string | undefined {
  return template => {
    const found = resources(template, type).some(p => JSON.stringify(key.split('.').reduce((v: any, k) => v?.[k], p)) === JSON.stringify(value));
    return found ? undefined : `no ${type} has ${key} = ${JSON.stringify(value)}`;
  };
}
