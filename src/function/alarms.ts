import { Annotations, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { fitText, TEXT_LIMITS } from '../private/naming';
import { checkRange, fail, fmt, isKnown, secondsOf } from '../private/validation';

/**
 * Whether a construct creates its alarms, and where they notify: shared by every construct's alarm
 * options. Metrics, alarms and their actions are separate pieces: actions are pluggable.
 */
export interface AlarmActionOptions {
  /**
   * Create the alarms.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * An SNS topic notified when an alarm fires and when it recovers.
   * @default - no notification; the alarms are still created and visible in CloudWatch
   */
  readonly topic?: sns.ITopic;
  /**
   * Further actions run when an alarm fires (any `cloudwatch.IAlarmAction`, e.g. an OpsItem or a Lambda action).
   * @default - none
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}

/**
 * A function's alarms (BP-F15): errors, throttles, p99 duration, and asynchronous delivery. Turning
 * them off also removes what depends on them (the automatic rollback of a gradual deployment, which
 * is then refused).
 */
export interface FunctionAlarmsOptions extends AlarmActionOptions {
  /**
   * Alarm when the function reports at least this many errors in one period.
   * @default 1
   */
  readonly errorsThreshold?: number;
  /**
   * Alarm when at least this many invocations are throttled in one period.
   * @default 1
   */
  readonly throttlesThreshold?: number;
  /**
   * Alarm when p99 duration reaches this percentage of the function's timeout (1–100).
   * @default 80
   */
  readonly durationThresholdPercent?: number;
  /**
   * The period over which every alarm evaluates its metric (1 alarm per breaching period).
   * @default Duration.minutes(5)
   */
  readonly period?: Duration;
}

/** One alarm to create: what to watch and when it fires. */
export interface AlarmSpec {
  /** The metric (or metric math expression) to watch, with its period and statistic. */
  readonly metric: cloudwatch.IMetric;
  /** The value the comparison is made against. */
  readonly threshold: number;
  /** What the alarm means and what to do when it fires (shown in notifications). */
  readonly description: string;
  /**
   * How the metric is compared with the threshold.
   * @default ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD
   */
  readonly comparisonOperator?: cloudwatch.ComparisonOperator;
}

/** The period used by default (BP-F15). */
export const DEFAULT_ALARM_PERIOD = Duration.minutes(5);

/** Validates the alarm thresholds (BP-F15, X4). */
export function checkAlarmOptions(scope: Construct, o: FunctionAlarmsOptions | undefined): void {
  if (!o) return;
  checkRange(scope, o.errorsThreshold, { prop: 'alarms.errorsThreshold', min: 1, max: 1_000_000, rule: 'F15' });
  checkRange(scope, o.throttlesThreshold, { prop: 'alarms.throttlesThreshold', min: 1, max: 1_000_000, rule: 'F15' });
  checkRange(scope, o.durationThresholdPercent, { prop: 'alarms.durationThresholdPercent', min: 1, max: 100, unit: '%', rule: 'F15', integer: false });
  checkAlarmPeriod(scope, o.period, 'alarms.period');
}

/** The longest evaluation range of an alarm: Period × EvaluationPeriods ≤ 604,800 s (PutMetricAlarm). */
const MAX_ALARM_RANGE_SECONDS = 7 * 24 * 3600;

/**
 * An alarm period CloudWatch accepts for the library's metrics (BP-F15, X4). PutMetricAlarm takes 10, 20, 30 or
 * a multiple of 60 s, with Period × EvaluationPeriods at most 7 days; the library's alarms evaluate one period.
 * 10–30 s are high-resolution periods: Lambda, SQS and API Gateway publish one-minute metrics, so such an alarm
 * would sit in INSUFFICIENT_DATA. Allowed here: a multiple of 60 s from 1 minute to 7 days.
 */
export function checkAlarmPeriod(scope: Construct, period: Duration | undefined, prop: string): void {
  if (!isKnown(period)) return;
  const seconds = secondsOf(period);
  if (seconds >= 60 && seconds <= MAX_ALARM_RANGE_SECONDS && seconds % 60 === 0) return;
  fail(scope, {
    rule: 'F15',
    prop,
    value: `${fmt(seconds)} s`,
    allowed: 'a multiple of 60 s from 60 s to 604,800 s (7 days): the metrics are published per minute, and CloudWatch evaluates at most 7 days',
    fix: `use Duration.minutes(${Math.max(1, Math.min(10_080, Math.round(seconds / 60)))}).`,
  });
}

/**
 * Creates one alarm, wired to the actions of `options` (an SNS topic by default), and returns it.
 * Every construct of the library creates its alarms through here, so they all behave alike.
 */
export function createAlarm(scope: Construct, id: string, spec: AlarmSpec, options: AlarmActionOptions = {}): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: spec.metric,
    threshold: spec.threshold,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparisonOperator: spec.comparisonOperator ?? cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: fitText(spec.description, TEXT_LIMITS.alarmDescription),
  });
  if (options.topic) {
    const action = new actions.SnsAction(options.topic);
    alarm.addAlarmAction(action);
    alarm.addOkAction(action);
  }
  for (const action of options.alarmActions ?? []) alarm.addAlarmAction(action);
  return alarm;
}

/**
 * The p99 duration alarm of a function (BP-F15, L8): fires at `durationThresholdPercent` (80 % by default) of its
 * timeout. Undefined, with a warning that says how to add one, when the timeout is a token: its threshold cannot be
 * computed at synth time.
 */
export function durationAlarmSpec(
  scope: Construct, metric: cloudwatch.IMetric, timeout: Duration, o: FunctionAlarmsOptions, what: string,
): AlarmSpec | undefined {
  if (timeout.isUnresolved()) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:durationAlarmSkipped',
      `${what.slice(0, what.indexOf(']') + 1)} No p99 duration alarm was created: the timeout is a token, ` +
      'so its threshold (a share of the timeout) cannot be computed at synth time. ' +
      'Add one with addAlarm() and metricDuration({ statistic: \'p99\' }) and a threshold in milliseconds.');
    return undefined;
  }
  const percent = o.durationThresholdPercent ?? 80;
  return {
    metric,
    threshold: Math.round(timeout.toMilliseconds() * percent / 100),
    description: `${what}: p99 duration reached ${percent}% of the ${timeout.toHumanString()} timeout. Find the slow dependency, or raise the timeout.`,
  };
}
