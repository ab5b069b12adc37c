import { AuditModel, AuditResource } from './model';

/** What a rule found on one resource. */
export interface Finding {
  readonly resource: AuditResource;
  /** What was found, in the rule's words. */
  readonly detail: string;
  /** The property, e.g. `Properties.TracingConfig`. */
  readonly location?: string;
  /** The value is unknown at synth time (an import, a parameter): the rule could not check, and says so. */
  readonly unknown?: boolean;
  /** A finding of an error rule that is only a warning (an older, still supported runtime). */
  readonly warning?: boolean;
}

/** One rule of the pack: a catalogue ID (SP-<ID>), why it matters, the fix, and the check. */
export interface AuditRule {
  readonly id: string;
  readonly severity: 'error' | 'warning';
  readonly why: string;
  readonly fix: string;
  check(model: AuditModel): Finding[];
}

/** A resource's function, through an alias or version it names (`FunctionName`), or itself. */
export function functionOf(m: AuditModel, from: AuditResource, value: unknown): AuditResource | undefined {
  const direct = m.target(from, value)?.resource ?? m.referenced(from, value).find(r => ['AWS::Lambda::Alias', 'AWS::Lambda::Version', 'AWS::Lambda::Function'].includes(r.type));
  if (!direct) return undefined;
  if (direct.type === 'AWS::Lambda::Function') return direct;
  if (direct.type === 'AWS::Lambda::Alias' || direct.type === 'AWS::Lambda::Version') return m.target(direct, direct.props.FunctionName)?.resource;
  return undefined;
}

/**
 * Whether a reference to a function names a version or an alias (BP-F8): `qualified` (an alias or version, or
 * an ARN/name with a `:qualifier`), `unqualified` (the function itself: `$LATEST`), or `unknown` (an import, a
 * parameter).
 */
export function qualification(m: AuditModel, from: AuditResource, value: unknown): 'qualified' | 'unqualified' | 'unknown' {
  if (typeof value === 'string') {
    if (value.endsWith(':$LATEST')) return 'unqualified';
    const arn = value.startsWith('arn:') ? value.split(':') : undefined;
    if (arn) return arn.length >= 8 ? 'qualified' : arn.length === 7 ? 'unqualified' : 'unknown';
    return value.includes(':') ? 'qualified' : 'unqualified';
  }
  const refs = m.referenced(from, value);
  if (refs.some(r => r.type === 'AWS::Lambda::Alias' || r.type === 'AWS::Lambda::Version')) return 'qualified';
  // A function URL's FunctionArn carries the URL's qualifier (the permission CloudFront's Origin Access Control needs).
  const url = refs.find(r => r.type === 'AWS::Lambda::Url');
  if (url) return url.props.Qualifier !== undefined ? 'qualified' : 'unqualified';
  if (refs.some(r => r.type === 'AWS::Lambda::Function')) {
    const parts = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join']?.[1];
    const last = parts?.[parts.length - 1];
    return typeof last === 'string' && /^:[A-Za-z0-9_$-]+$/.test(last) && last !== ':$LATEST' ? 'qualified' : 'unqualified';
  }
  return 'unknown';
}
