import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { AlarmActionOptions, createAlarm } from '../function/alarms';

/** The API's own alarms (BP-A9, R8); each route's function has its own (BP-F15). */
export interface ApiAlarmsOptions extends AlarmActionOptions {
  /**
   * Alarm when 5xx responses reach this percentage of requests in 5 minutes.
   * @default 1
   */
  readonly serverErrorRatePercent?: number;
  /**
   * Alarm when p99 latency reaches this.
   * @default Duration.seconds(3)
   */
  readonly latencyP99?: Duration;
}

/** Defaults of the API alarms. */
export const API_ALARM_DEFAULTS = { serverErrorRatePercent: 1, latencyP99: Duration.seconds(3) };

/** The metrics an API's alarms watch (HTTP and REST APIs name them differently). */
export interface ApiMetrics {
  readonly serverErrors: cloudwatch.IMetric;
  readonly requests: cloudwatch.IMetric;
  readonly latency: cloudwatch.IMetric;
}

/** The 5xx-rate and p99-latency alarms of an API (BP-A9, R8), with the actions of `o`. */
export function createApiAlarms(scope: Construct, rule: string, metrics: ApiMetrics, o: ApiAlarmsOptions): cloudwatch.IAlarm[] {
  const period = Duration.minutes(5);
  const percent = o.serverErrorRatePercent ?? API_ALARM_DEFAULTS.serverErrorRatePercent;
  const latency = o.latencyP99 ?? API_ALARM_DEFAULTS.latencyP99;
  const errorRate = new cloudwatch.MathExpression({
    expression: 'IF(requests > 0, 100 * errors / requests, 0)',
    usingMetrics: { errors: metrics.serverErrors, requests: metrics.requests },
    period,
    label: '5xx rate (%)',
  });
  return [
    createAlarm(scope, 'ServerErrorRateAlarm', {
      metric: errorRate,
      threshold: percent,
      description: `[${rule}] ${scope.node.path}: ${percent}% or more of requests answered 5xx. Check the failing route's function errors and the access logs.`,
    }, o),
    createAlarm(scope, 'LatencyAlarm', {
      metric: metrics.latency,
      threshold: latency.toMilliseconds(),
      description: `[${rule}] ${scope.node.path}: p99 latency reached ${latency.toHumanString()}. Check the slow route's function duration.`,
    }, o),
  ];
}
