import { TimeZone, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { checkStructKeys } from '../private/struct-keys';
import { checkTimeZone } from '../private/time';
import { checkRange, fail, isKnown } from '../private/validation';

/**
 * A scheduled change of provisioned concurrency, e.g. more capacity during business hours (BP-F9).
 */
export interface ProvisionedConcurrencySchedule {
  /** A name for this schedule, unique within the function; it becomes part of the construct ID. */
  readonly name: string;
  /** When to scale, e.g. `appscaling.Schedule.cron({ hour: '8', minute: '0' })`. */
  readonly schedule: appscaling.Schedule;
  /**
   * The new minimum provisioned concurrency from then on.
   * @default - unchanged
   */
  readonly minCapacity?: number;
  /**
   * The new maximum provisioned concurrency from then on.
   * @default - unchanged
   */
  readonly maxCapacity?: number;
  /**
   * The time zone of a cron schedule.
   * @default - UTC
   */
  readonly timeZone?: TimeZone;
}

/**
 * Provisioned concurrency on the function's alias (never on `$LATEST`), optionally auto-scaled
 * by target tracking on `LambdaProvisionedConcurrencyUtilization` and by schedules (BP-F9).
 */
export interface ProvisionedConcurrencyOptions {
  /** Execution environments kept initialized at all times; also the scaling floor. */
  readonly minCapacity: number;
  /**
   * The scaling ceiling. When it is greater than `minCapacity`, or `schedules` are given,
   * Application Auto Scaling manages the alias's provisioned concurrency.
   * @default - no auto scaling: provisioned concurrency stays at `minCapacity`
   */
  readonly maxCapacity?: number;
  /**
   * Target utilization of provisioned concurrency for target tracking, 0.1–0.9.
   * @default 0.7
   */
  readonly utilizationTarget?: number;
  /**
   * Scheduled changes of the capacity range. Requires `maxCapacity`.
   *
   * Refused from Python, where jsii would drop a snake_case key inside this list before the library could see
   * it: there, call `fn.add_provisioned_concurrency_schedule(name=..., schedule=..., min_capacity=...)`.
   * @default - none
   */
  readonly schedules?: ProvisionedConcurrencySchedule[];
}

/** The default utilization target for target tracking (BP-F9). */
export const DEFAULT_UTILIZATION_TARGET = 0.7;

/**
 * A schedule's name is part of a construct ID and of the scheduled action's name (Application Auto Scaling:
 * 1–256 characters, no ':', '/', '|', control characters, or leading or trailing spaces).
 */
function checkScheduleName(scope: IConstruct, name: string, prop: string): void {
  if (Token.isUnresolved(name)) return;
  if (name.length >= 1 && name.length <= 256 && !/[:/|\u0000-\u001f\u007f-\u009f]/.test(name) && name.trim() === name) return;
  fail(scope, {
    rule: 'F9',
    prop,
    value: `'${name}'`,
    allowed: '1–256 characters without :, /, |, control characters, or spaces at either end',
    fix: 'use a name such as \'business-hours\'.',
  });
}

/** Validates the options against each other and against reserved concurrency (BP-F9, F10). */
export function checkProvisionedConcurrency(
  scope: IConstruct,
  pc: ProvisionedConcurrencyOptions | undefined,
  reservedConcurrentExecutions: number | undefined,
): void {
  if (!pc) return;
  const p = 'provisionedConcurrency';
  checkRange(scope, pc.minCapacity, { prop: `${p}.minCapacity`, min: 1, max: 1_000_000, rule: 'F9', advice: 'omit provisionedConcurrency to use on-demand concurrency only' });
  checkRange(scope, pc.maxCapacity, { prop: `${p}.maxCapacity`, min: 1, max: 1_000_000, rule: 'F9' });
  checkRange(scope, pc.utilizationTarget, { prop: `${p}.utilizationTarget`, min: 0.1, max: 0.9, rule: 'F9', integer: false, advice: `${DEFAULT_UTILIZATION_TARGET} is the default` });
  if (isKnown(pc.minCapacity) && isKnown(pc.maxCapacity) && pc.maxCapacity < pc.minCapacity) {
    fail(scope, {
      rule: 'F9',
      prop: `${p}.minCapacity`,
      value: `${pc.minCapacity} with maxCapacity ${pc.maxCapacity}`,
      allowed: 'minCapacity <= maxCapacity',
      fix: `raise ${p}.maxCapacity to at least ${pc.minCapacity}, or lower minCapacity.`,
    });
  }
  if (pc.utilizationTarget !== undefined && pc.maxCapacity === undefined) {
    fail(scope, {
      rule: 'F9',
      prop: `${p}.utilizationTarget`,
      value: `${pc.utilizationTarget} without maxCapacity`,
      allowed: 'a utilization target only together with maxCapacity (the scaling ceiling)',
      fix: `set ${p}.maxCapacity above minCapacity, or remove utilizationTarget.`,
    });
  }
  if ((pc.schedules ?? []).length > 0 && pc.maxCapacity === undefined) {
    fail(scope, {
      rule: 'F9',
      prop: `${p}.schedules`,
      value: `${pc.schedules!.length} schedule(s) without maxCapacity`,
      allowed: 'schedules only together with maxCapacity',
      fix: `set ${p}.maxCapacity.`,
    });
  }
  const names = new Set<string>();
  for (const s of pc.schedules ?? []) checkSchedule(scope, pc, s, names, reservedConcurrentExecutions);
  if (isKnown(reservedConcurrentExecutions)) {
    const highest = Math.max(pc.minCapacity, pc.maxCapacity ?? 0);
    if (isKnown(highest) && highest > reservedConcurrentExecutions) {
      fail(scope, {
        rule: 'F10',
        prop: `${p}.${pc.maxCapacity !== undefined ? 'maxCapacity' : 'minCapacity'}`,
        value: `${highest} with reservedConcurrentExecutions ${reservedConcurrentExecutions}`,
        allowed: 'provisioned concurrency no higher than the function\'s reserved concurrency',
        fix: `raise reservedConcurrentExecutions to at least ${highest}, or lower the provisioned capacity.`,
      });
    }
  }
}

/**
 * Checks one schedule against the options, the names already taken and reserved concurrency (BP-F9, F10); `names`
 * gains its name. Used for `provisionedConcurrency.schedules` and `ServerlessFunction.addProvisionedConcurrencySchedule`.
 */
export function checkSchedule(
  scope: IConstruct,
  pc: ProvisionedConcurrencyOptions,
  s: ProvisionedConcurrencySchedule,
  names: Set<string>,
  reservedConcurrentExecutions: number | undefined,
): void {
  const p = 'provisionedConcurrency';
  checkStructKeys(scope, s, `${p}.schedules[]`);
  checkScheduleName(scope, s.name, `${p}.schedules[].name`);
  if (names.has(s.name)) {
    fail(scope, { rule: 'F9', prop: `${p}.schedules[].name`, value: `'${s.name}' twice`, allowed: 'unique names', fix: 'give every schedule its own name.' });
  }
  names.add(s.name);
  const at = `${p}.schedules['${s.name}']`;
  checkRange(scope, s.minCapacity, { prop: `${at}.minCapacity`, min: 0, max: 1_000_000, rule: 'F9' });
  checkRange(scope, s.maxCapacity, { prop: `${at}.maxCapacity`, min: 1, max: 1_000_000, rule: 'F9' });
  checkTimeZone(scope, s.timeZone, `${at}.timeZone`, 'F9');
  if (s.minCapacity === undefined && s.maxCapacity === undefined) {
    fail(scope, {
      rule: 'F9',
      prop: at,
      value: 'a schedule with neither minCapacity nor maxCapacity',
      allowed: 'a schedule that changes minCapacity, maxCapacity or both',
      fix: `give ${at}.minCapacity and/or maxCapacity, or remove the schedule.`,
    });
  }
  // From the schedule on, the range is the schedule's values, falling back to the target's (Application Auto
  // Scaling keeps what a scheduled action does not set): it must still be a range.
  const min = s.minCapacity ?? pc.minCapacity;
  const max = s.maxCapacity ?? pc.maxCapacity;
  if (isKnown(min) && isKnown(max) && min > max) {
    fail(scope, {
      rule: 'F9',
      prop: s.minCapacity !== undefined ? `${at}.minCapacity` : `${at}.maxCapacity`,
      value: `${s.minCapacity ?? s.maxCapacity} (the range from then on would be ${min}–${max})`,
      allowed: 'a minimum no higher than the maximum, counting the target\'s values where the schedule sets none',
      fix: `set both ${at}.minCapacity and maxCapacity, with min ≤ max.`,
    });
  }
  if (isKnown(reservedConcurrentExecutions) && isKnown(s.maxCapacity) && s.maxCapacity > reservedConcurrentExecutions) {
    fail(scope, {
      rule: 'F10',
      prop: `${at}.maxCapacity`,
      value: `${s.maxCapacity} with reservedConcurrentExecutions ${reservedConcurrentExecutions}`,
      allowed: 'provisioned concurrency no higher than the function\'s reserved concurrency',
      fix: `raise reservedConcurrentExecutions to at least ${s.maxCapacity}, or lower the schedule's maxCapacity.`,
    });
  }
}

/**
 * Adds target tracking and schedules to an alias that was created with
 * `provisionedConcurrentExecutions: minCapacity`. Returns the scalable attribute, if any.
 */
export function addProvisionedConcurrencyScaling(
  alias: lambda.Alias,
  pc: ProvisionedConcurrencyOptions | undefined,
): lambda.IScalableFunctionAttribute | undefined {
  if (!pc || pc.maxCapacity === undefined) return undefined;
  const scaling = alias.addAutoScaling({ minCapacity: pc.minCapacity, maxCapacity: pc.maxCapacity });
  if (pc.maxCapacity > pc.minCapacity || pc.utilizationTarget !== undefined) {
    scaling.scaleOnUtilization({ utilizationTarget: pc.utilizationTarget ?? DEFAULT_UTILIZATION_TARGET });
  }
  for (const s of pc.schedules ?? []) addSchedule(scaling, s);
  return scaling;
}

/** One scheduled action on the alias's scalable target. */
export function addSchedule(scaling: lambda.IScalableFunctionAttribute, s: ProvisionedConcurrencySchedule): void {
  scaling.scaleOnSchedule(s.name, {
    schedule: s.schedule, minCapacity: s.minCapacity, maxCapacity: s.maxCapacity, timeZone: s.timeZone,
  });
}
