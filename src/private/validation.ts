import { Duration, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { jsiiHostLanguage, pythonSpelling } from './jsii-host';

/**
 * One bad value, described the way every error of this library is: which prop, the value given,
 * what is allowed, and how to fix it (BP-X4).
 */
export interface Violation {
  /** The prop as a user writes it, e.g. `memorySize` or `provisionedConcurrency.minCapacity`. */
  readonly prop: string;
  /** The value the user gave, already formatted for humans. */
  readonly value: string;
  /** What is allowed. */
  readonly allowed: string;
  /** What to do instead. */
  readonly fix: string;
  /** The best-practice rule ID behind the check (e.g. `F3`). */
  readonly rule: string;
}

/**
 * Builds the one message format users see for bad input. Called from Python, the prop is also named as Python
 * spells it (`memorySize (Python: memory_size)`), since that is what the user wrote.
 */
export function formatViolation(scope: IConstruct, v: Violation): string {
  const python = jsiiHostLanguage() === 'Python' ? pythonSpelling(v.prop) : v.prop;
  const prop = python === v.prop ? v.prop : `${v.prop} (Python: ${python})`;
  return `[${v.rule}] ${scope.node.path}: ${prop} is ${v.value}; allowed: ${v.allowed}. Fix: ${v.fix}`;
}

/** Throws at synth time (construction) with a message built by `formatViolation`. */
export function fail(scope: IConstruct, v: Violation): never {
  throw new Error(formatViolation(scope, v));
}

/** True when the value can be checked now (present and not an unresolved token). */
export function isKnown<T>(value: T | undefined): value is T {
  if (value === undefined || value === null) return false;
  if (typeof value === 'number' || typeof value === 'string') return !Token.isUnresolved(value);
  if (value instanceof Duration) return !value.isUnresolved();
  return true;
}

/** Formats a number with thousands separators, as the catalogue writes limits (10,240). */
export function fmt(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

/** Options for `checkRange`. */
export interface RangeCheck {
  readonly prop: string;
  readonly min: number;
  readonly max: number;
  /** The unit, appended to numbers in the message (e.g. `MB`, `s`). */
  readonly unit?: string;
  readonly rule: string;
  /** Must the value be a whole number? @default true */
  readonly integer?: boolean;
  /** Extra advice appended to the fix. */
  readonly advice?: string;
}

/**
 * Checks `min <= value <= max` (and wholeness), skipping undefined values and unresolved tokens.
 */
export function checkRange(scope: IConstruct, value: number | undefined, c: RangeCheck): void {
  if (!isKnown(value)) return;
  const integer = c.integer ?? true;
  const unit = c.unit ? ` ${c.unit}` : '';
  const bad = value < c.min || value > c.max || Number.isNaN(value) || (integer && !Number.isInteger(value));
  if (!bad) return;
  fail(scope, {
    rule: c.rule,
    prop: c.prop,
    value: `${fmt(value)}${unit}`,
    allowed: `${integer ? 'a whole number ' : ''}from ${fmt(c.min)} to ${fmt(c.max)}${unit}`,
    fix: `set ${c.prop} between ${fmt(c.min)} and ${fmt(c.max)}${unit}${c.advice ? `; ${c.advice}` : ''}.`,
  });
}

/**
 * A Duration in seconds, fractions kept: never aws-cdk-lib's "cannot be converted into a whole number"
 * (`Duration.millis(1500).toSeconds()` throws), so checks can say what is wrong in the library's words.
 */
export function secondsOf(d: Duration): number {
  return d.toMilliseconds({ integral: false }) / 1000;
}

/** Like `checkRange`, for a `Duration` compared in seconds. */
export function checkDurationRange(scope: IConstruct, value: Duration | undefined, c: RangeCheck): void {
  if (!isKnown(value)) return;
  const ms = value.toMilliseconds({ integral: false });
  checkRange(scope, ms / 1000, { ...c, unit: c.unit ?? 's', integer: c.integer ?? false });
}

/** Options for `checkLength`. */
export interface LengthCheck {
  readonly prop: string;
  readonly rule: string;
  readonly max: number;
  /** @default 0 */
  readonly min?: number;
  /** Where the limit comes from, e.g. `AWS::Lambda::Function Description`. */
  readonly source: string;
  /** @default 'shorten it.' */
  readonly fix?: string;
}

/** A text the user gives that CloudFormation limits in length (BP-X4). Unresolved tokens are skipped. */
export function checkLength(scope: IConstruct, value: string | undefined, c: LengthCheck): void {
  if (!isKnown(value)) return;
  const min = c.min ?? 0;
  if (value.length >= min && value.length <= c.max) return;
  fail(scope, {
    rule: c.rule,
    prop: c.prop,
    value: `${fmt(value.length)} characters`,
    allowed: `${min > 0 ? `${fmt(min)} to ${fmt(c.max)}` : `at most ${fmt(c.max)}`} characters (${c.source})`,
    fix: c.fix ?? 'shorten it.',
  });
}
