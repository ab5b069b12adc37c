import * as fs from 'fs';
import * as path from 'path';
import { Token } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { fail } from './validation';

/**
 * Plain JavaScript has no compiler to catch a number where a Duration goes (BP-F20): without a check it ends in
 * `TypeError: value.toMilliseconds is not a function`, or is dropped (a string time zone: the job runs in UTC). Every
 * public constructor and method checks its arguments against the types jsii recorded for them
 * (`assets/prop-types.json`, written from the jsii assemblies by `scripts/prop-types.js` after each compile, shipped
 * in the package), before anything uses them.
 */

/** A type reference: primitive, named type, array of, map of, union of. */
interface TypeRef { readonly p?: string; readonly t?: string; readonly a?: TypeRef; readonly m?: TypeRef; readonly u?: TypeRef[] }
interface PropType { readonly type: TypeRef; readonly optional: boolean }
interface NamedType { readonly kind: 'struct' | 'class' | 'enum' | 'interface' | 'construct-interface'; readonly props?: { [name: string]: PropType } }
interface Param extends PropType { readonly name: string; readonly variadic: boolean }
interface Schema { readonly types: { [fqn: string]: NamedType }; readonly members: { [member: string]: Param[] } }

let schema: Schema | undefined;
function loadSchema(): Schema {
  if (!schema) {
    const file = path.join(__dirname, '..', '..', 'assets', 'prop-types.json');
    if (!fs.existsSync(file)) throw new Error(`${file} is missing: it is written after jsii compiles the library (npx projen compile).`);
    schema = JSON.parse(fs.readFileSync(file, 'utf8')) as Schema;
  }
  return schema;
}

/** The runtime value behind a jsii FQN (a class or an enum), or undefined for interfaces and structs. */
const runtimeCache = new Map<string, any>();
function runtimeOf(fqn: string): any {
  if (runtimeCache.has(fqn)) return runtimeCache.get(fqn);
  const [pkg, ...names] = fqn.startsWith('aws-cdk-lib.') ? ['aws-cdk-lib', ...fqn.slice(12).split('.')]
    : fqn.startsWith('constructs.') ? ['constructs', ...fqn.slice(11).split('.')]
      : ['.', ...fqn.slice(fqn.indexOf('.') + 1).split('.')];
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  let value: any = pkg === '.' ? require('../index') : require(pkg);
  for (const n of names) value = value?.[n];
  runtimeCache.set(fqn, value);
  return value;
}

/** How the documentation writes a type: `Duration`, `lambda.Runtime`, `sns.ITopic`, `QueueSubscriptionOptions`. */
function typeName(fqn: string): string {
  const parts = fqn.split('.');
  const name = parts[parts.length - 1];
  const module = parts.length > 2 ? parts[parts.length - 2] : undefined;
  return module && parts[0] === 'aws-cdk-lib' ? `${module.replace(/^aws_/, '')}.${name}` : name;
}

function isPlainObject(v: unknown): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function describeValue(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (typeof v === 'string') return `the string '${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return `the ${typeof v} ${String(v)}`;
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'function') return 'a function';
  if (isPlainObject(v)) return 'a plain object';
  const name = Object.getPrototypeOf(v).constructor?.name;
  return name ? `a ${name}` : 'an object';
}

function expected(t: TypeRef): string {
  if (t.p) return { string: 'a string', number: 'a number', boolean: 'a boolean (true or false)', date: 'a Date' }[t.p] ?? 'any value';
  if (t.a) return `a list of ${plural(t.a)}`;
  if (t.m) return `an object whose values are ${plural(t.m)}`;
  if (t.u) return t.u.map(expected).join(' or ');
  const fqn = t.t!;
  const kind = loadSchema().types[fqn]?.kind ?? 'interface';
  const name = typeName(fqn);
  switch (kind) {
    case 'class': return `${article(name)} ${name}`;
    case 'enum': return `a member of ${name} (${Object.keys(runtimeOf(fqn) ?? {}).filter(k => Number.isNaN(Number(k))).map(k => `${name}.${k}`).slice(0, 4).join(', ')}…)`;
    case 'struct': return `an object of ${name}`;
    case 'construct-interface': return `a construct (${name}), created or imported`;
    default: return `an object implementing ${name}`;
  }
}
/** 'an sns.Topic', 'an IVpc', 'a Duration': by the sound, as the names are read. */
function article(name: string): string {
  return /^(sns|sqs|s3|ssm|[aeiouAEIOU])/.test(name) ? 'an' : 'a';
}

/** Fixes for the mistakes users make with particular types, where a general one would say less. */
const HINTS: { [fqn: string]: (v: unknown) => string | undefined } = {
  'cdk-serverless-patterns.ServerlessFunction': v => (v as any)?.function instanceof runtimeOf('cdk-serverless-patterns.ServerlessFunction')
    ? 'pass its .function (e.g. vpcFunction.function), which is the ServerlessFunction.'
    : 'create the function with new ServerlessFunction(...), or give functionProps and let the pattern create it.',
  'aws-cdk-lib.aws_sns.SubscriptionFilter': v => `use sns.SubscriptionFilter.stringFilter({ allowlist: ${Array.isArray(v) ? JSON.stringify(v) : '[...]'} }) `
    + '(or numericFilter, existsFilter).',
  'aws-cdk-lib.aws_sns.FilterOrPolicy': () => 'use sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter(...)) or sns.FilterOrPolicy.policy({ ... }).',
};

function plural(t: TypeRef): string {
  return expected(t).replace(/^an? /, '').replace(/^(\S+)/, '$1s').replace(/^stringss$/, 'strings');
}

/** What to write instead, for the type and the value given. */
function fixFor(t: TypeRef, v: unknown, prop: string): string {
  if (v === undefined) return `give ${prop}.`;
  if (t.p === 'number' && typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return `write the number ${Number(v)}, without quotes.`;
  if (t.p === 'boolean' && (v === 'true' || v === 'false')) return `write ${v}, without quotes.`;
  if (t.p === 'string' && (typeof v === 'number' || typeof v === 'boolean')) return `write it as a string: '${String(v)}'.`;
  if (t.a && !Array.isArray(v)) return `give a list, e.g. [${typeof v === 'string' ? `'${v}'` : '…'}].`;
  if (t.u) return `give ${expected(t)}.`;
  const fqn = t.t;
  if (!fqn) return `give ${expected(t)}.`;
  const name = typeName(fqn);
  const hint = HINTS[fqn]?.(v);
  if (hint) return hint;
  const n = typeof v === 'number' ? v : typeof v === 'string' && !Number.isNaN(Number(v)) ? Number(v) : undefined;
  if (fqn === 'aws-cdk-lib.Duration') return `use Duration.seconds(${n ?? 30}) (or Duration.minutes, Duration.millis) from aws-cdk-lib.`;
  if (fqn === 'aws-cdk-lib.Size') return `use Size.mebibytes(${n ?? 512}) (or Size.gibibytes, Size.kibibytes) from aws-cdk-lib.`;
  if (fqn === 'aws-cdk-lib.TimeZone') return `use TimeZone.of('${typeof v === 'string' ? v : 'Europe/Berlin'}') or a constant such as TimeZone.EUROPE_BERLIN, from aws-cdk-lib.`;
  const kind = loadSchema().types[fqn]?.kind;
  const runtime = runtimeOf(fqn);
  if (kind === 'enum') return `use one of ${name}'s members, e.g. ${name}.${Object.keys(runtime ?? {}).filter(k => Number.isNaN(Number(k)))[0] ?? '…'}.`;
  if (kind === 'class') {
    const all = typeof runtime === 'function'
      ? Object.getOwnPropertyNames(runtime).filter(k => { try { return runtime[k] instanceof runtime; } catch { return false; } }) : [];
    // The member a string names (lambda.Runtime's 'nodejs22.x' is Runtime.NODEJS_22_X), else the newest ones.
    const named = all.filter(k => typeof v === 'string' && [runtime[k].name, String(runtime[k])].includes(v));
    const statics = named.length ? named.slice(0, 1) : all.slice(-2);
    return statics.length ? `use one of ${name}'s members (e.g. ${statics.map(s => `${name}.${s}`).join(', ')}) or its factory methods.`
      : `pass an instance of ${name} (new ${name}(...) or one of its static factory methods).`;
  }
  if (kind === 'construct-interface') return `pass the construct itself (new ... or an import such as ${name.replace(/\.I([A-Z])/, '.$1').replace(/^I([A-Z])/, '$1')}.from...), not ${describeValue(v)}.`;
  if (kind === 'struct') return `give an object with ${name}'s props.`;
  return `give ${expected(t)}.`;
}

/** Whether `v` has type `t` (unresolved tokens always pass: their type is checked by CloudFormation). */
function matches(t: TypeRef, v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (Token.isUnresolved(v)) return true;
  if (t.p) {
    switch (t.p) {
      case 'string': return typeof v === 'string';
      case 'number': return typeof v === 'number';
      case 'boolean': return typeof v === 'boolean';
      case 'date': return v instanceof Date;
      default: return true;
    }
  }
  if (t.a) return Array.isArray(v);
  if (t.m) return typeof v === 'object' && !Array.isArray(v);
  if (t.u) return t.u.some(x => matches(x, v));
  const fqn = t.t!;
  const kind = loadSchema().types[fqn]?.kind ?? 'interface';
  switch (kind) {
    case 'class': {
      if (fqn === 'constructs.Construct') return Construct.isConstruct(v);
      const cls = runtimeOf(fqn);
      return typeof cls !== 'function' || v instanceof cls;
    }
    case 'enum': {
      const e = runtimeOf(fqn);
      return e === undefined || Object.values(e).includes(v);
    }
    // aws-cdk-lib's predefined values of some construct interfaces are not constructs (codedeploy's
    // LambdaDeploymentConfig.ALL_AT_ONCE): an instance of a class passes; a primitive or a plain object does not.
    case 'construct-interface': return Construct.isConstruct(v) || (typeof v === 'object' && !Array.isArray(v) && !isPlainObject(v));
    default: return (typeof v === 'object' || typeof v === 'function') && !Array.isArray(v);
  }
}

function check(scope: IConstruct, t: TypeRef, v: unknown, prop: string, depth: number): void {
  if (!matches(t, v)) {
    fail(scope, { rule: 'F20', prop, value: describeValue(v), allowed: expected(t), fix: fixFor(t, v, prop) });
  }
  if (Token.isUnresolved(v) || depth > 6) return;
  if (t.a) {
    (v as unknown[]).forEach((x, i) => check(scope, t.a!, x, `${prop}[${i}]`, depth + 1));
  } else if (t.m) {
    for (const [k, x] of Object.entries(v as object)) check(scope, t.m, x, `${prop}.${k}`, depth + 1);
  } else if (t.t) {
    const named = loadSchema().types[t.t];
    if (named?.kind === 'struct') checkStruct(scope, named, v as { [k: string]: unknown }, prop, depth + 1);
  } else if (t.u) {
    const struct = t.u.map(x => x.t && loadSchema().types[x.t]).find(n => n && n.kind === 'struct') as NamedType | undefined;
    if (struct && Object.getPrototypeOf(v) === Object.prototype) checkStruct(scope, struct, v as { [k: string]: unknown }, prop, depth + 1);
  }
}

function checkStruct(scope: IConstruct, struct: NamedType, v: { [k: string]: unknown }, prefix: string, depth: number): void {
  const props = Object.entries(struct.props ?? {});
  const at = (name: string) => prefix ? `${prefix}.${name}` : name;
  // A value of the wrong type says more than a missing one: those first.
  for (const [name, p] of props) if (v[name] !== undefined && v[name] !== null) check(scope, p.type, v[name], at(name), depth);
  for (const [name, p] of props) if ((v[name] === undefined || v[name] === null) && !p.optional) check(scope, p.type, v[name], at(name), depth);
}

/**
 * Checks the arguments of a public constructor (`'QueueWorker'`) or method (`'QueueWorker.subscribeTo'`) against the
 * types jsii recorded (BP-F20). A constructor's `props` are named by their own names (`functionProps.timeout`), a
 * method's by the method and the parameter (`subscribeTo(options).filterPolicy`).
 */
export function checkArguments(within: IConstruct | undefined, member: string, args: unknown[]): void {
  // A static factory (ApiAuthorization.jwt) has no construct yet: its messages are named by the member.
  const scope = within ?? ({ node: { path: member } } as unknown as IConstruct);
  const params = loadSchema().members[member];
  if (!params) throw new Error(`checkArguments: no jsii member '${member}' (a renamed method? run the compile task)`);
  const method = member.includes('.') ? member.slice(member.indexOf('.') + 1) : undefined;
  params.forEach((p, i) => {
    if (p.variadic || p.name === 'scope' || p.name === 'id') return;
    const v = args[i];
    if ((v === undefined || v === null) && p.optional) return;
    const named = p.type.t ? loadSchema().types[p.type.t] : undefined;
    const prefix = method ? `${method}(${p.name})` : '';
    if (named?.kind === 'struct' && !method && v !== undefined && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      checkStruct(scope, named, v as { [k: string]: unknown }, prefix, 0);
    } else {
      check(scope, p.type, v, prefix || p.name, 0);
    }
  });
}
