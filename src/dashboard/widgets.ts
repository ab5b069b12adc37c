import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { IConstruct } from 'constructs';
import type { ServerlessFunction } from '../function/serverless-function';

/**
 * A construct of this library that shows its golden signals on a dashboard (BP-F15): every construct implements it,
 * and `ServerlessDashboard` collects them. Metrics, alarms and widgets stay separate pieces (cdk-monitoring-constructs'
 * separation): the construct owns its metrics and alarms, this returns widgets built from them, and nothing is created
 * until a dashboard asks.
 */
export interface IMonitoredConstruct extends IConstruct {
  /**
   * The construct's row on a dashboard: a header, its alarms' state, its backlog (queue depth, oldest message, iterator
   * age, dead-letter queue depth) where it has one, errors and throttles, p99 duration and concurrency.
   */
  dashboardWidgets(): cloudwatch.IWidget[];
}

/** The period of every graph of the library's rows. */
const PERIOD = Duration.minutes(5);
const HEIGHT = 6;
/** CloudWatch dashboards are 24 columns wide. */
const GRID = 24;

/** The metrics of one function in a row. */
export interface FunctionSignals {
  readonly label: string;
  readonly fn: lambda.IFunction;
  /** Where the metrics are (Lambda@Edge: us-east-1); undefined for the dashboard's region. */
  readonly region?: string;
  readonly timeout?: Duration;
}

/** The backlog of a row: what waits (queue depth, iterator age) and what failed (dead-letter queue depth). */
export interface Backlog {
  readonly title: string;
  readonly left: cloudwatch.IMetric[];
  readonly right?: cloudwatch.IMetric[];
  /** Where the metrics are (CloudFront's: us-east-1); undefined for the dashboard's region. */
  readonly region?: string;
}

/** One row: what it is, its alarms, its backlog, its functions, and graphs of its own (an API's requests and errors). */
export interface RowSpec {
  readonly construct: IConstruct;
  readonly kind: string;
  readonly alarms: cloudwatch.IAlarm[];
  readonly backlog?: Backlog;
  readonly functions: FunctionSignals[];
  /** Graphs of the construct's own metrics (an API's requests, errors and latency). */
  readonly own?: Backlog[];
}

const graph = (
  title: string, left: cloudwatch.IMetric[], width: number, right?: cloudwatch.IMetric[], region?: string,
  annotation?: cloudwatch.HorizontalAnnotation,
) =>
  new cloudwatch.GraphWidget({
    title,
    left,
    right,
    width,
    height: HEIGHT,
    region,
    period: PERIOD,
    leftAnnotations: annotation ? [annotation] : undefined,
    leftYAxis: { min: 0 },
    rightYAxis: right ? { min: 0 } : undefined,
  });

/**
 * The widgets of one row (BP-F15): a header (the construct's path and kind), the state of its alarms, its backlog,
 * errors and throttles, p99 duration against the timeout, and concurrency — 24 columns, CloudWatch's grid width.
 */
export function rowWidgets(spec: RowSpec): cloudwatch.IWidget[] {
  const parts: Array<(width: number) => cloudwatch.IWidget> = [];
  const alarms = [...new Set(spec.alarms)];
  if (alarms.length > 0) parts.push(width => new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms, width, height: HEIGHT }));
  for (const g of [...(spec.backlog ? [spec.backlog] : []), ...(spec.own ?? [])]) {
    parts.push(width => graph(g.title, g.left, width, g.right, g.region));
  }
  if (spec.functions.length > 0) {
    const fns = spec.functions;
    const region = fns[0].region;
    const many = fns.length > 1;
    const name = (f: FunctionSignals, what: string) => (many ? `${f.label} ${what}` : what);
    const timeout = !many ? fns[0].timeout : undefined;
    const annotation = timeout && !timeout.isUnresolved() ? { value: timeout.toMilliseconds(), label: 'timeout', color: cloudwatch.Color.RED } : undefined;
    parts.push(width => graph('Errors and throttles', fns.flatMap(f => [
      f.fn.metricErrors({ period: PERIOD, label: name(f, 'errors'), region: f.region }),
      f.fn.metricThrottles({ period: PERIOD, label: name(f, 'throttles'), region: f.region }),
    ]), width, fns.map(f => f.fn.metricInvocations({ period: PERIOD, label: name(f, 'invocations'), region: f.region })), region));
    parts.push(width => graph('Duration p99 (ms)', fns.map(f => f.fn.metricDuration({ period: PERIOD, statistic: 'p99', label: name(f, 'p99'), region: f.region })),
      width, undefined, region, annotation));
    const concurrency = (f: FunctionSignals) =>
      f.fn.metric('ConcurrentExecutions', { period: PERIOD, statistic: 'Maximum', label: name(f, 'concurrent'), region: f.region });
    parts.push(width => graph('Concurrency', fns.map(concurrency), width, undefined, region));
  }
  // The row fills CloudWatch's 24 columns: equal widths, the remainder to the first widgets.
  const base = Math.floor(GRID / Math.max(1, parts.length));
  const extra = GRID - base * parts.length;
  return [
    new cloudwatch.TextWidget({ markdown: `### ${spec.kind} · ${spec.construct.node.path}`, width: GRID, height: 1 }),
    ...parts.map((make, i) => make(base + (i < extra ? 1 : 0))),
  ];
}

/** A queue's depth and its oldest message, and a dead-letter queue's depth (BP-Q1, Q4). */
export function queueBacklog(queue: sqs.IQueue, deadLetterQueue?: sqs.IQueue): Backlog {
  return {
    title: 'Backlog',
    left: [
      queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'messages waiting' }),
      ...(deadLetterQueue ? [deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'dead-letter queue' })] : []),
    ],
    right: [queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: 'oldest message (s)' })],
  };
}

/** A dead-letter queue's depth alone (schedules, rules, subscriptions, stream failures). */
export function deadLetterBacklog(queue: sqs.IQueue, title = 'Dead-letter queue'): Backlog {
  return { title, left: [queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label: 'messages' })] };
}

/** A metric on the row's period. */
export const ROW_PERIOD = PERIOD;

/** A function's graphs, through its alias (what every trigger invokes), labelled `label`. */
const signalsOf = (fn: ServerlessFunction, label = fn.node.id): FunctionSignals => ({ label, fn: fn.alias, timeout: fn.timeout });

/**
 * The row of a construct built around one ServerlessFunction: its own alarms and the function's, its backlog, graphs of
 * its own, and the alias's graphs.
 */
export function functionRow(
  construct: IConstruct, kind: string, fn: ServerlessFunction, parts: { alarms?: cloudwatch.IAlarm[]; backlog?: Backlog; own?: Backlog[] } = {},
): cloudwatch.IWidget[] {
  const alarms = [...(parts.alarms ?? []), ...fn.alarms];
  return rowWidgets({ construct, kind, alarms, backlog: parts.backlog, own: parts.own, functions: [signalsOf(fn)] });
}

/** What an HTTP and a REST API both publish (API Gateway's 5XX/4XX, Count and Latency). */
export interface ApiMetricSource {
  metricServerError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricClientError(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricCount(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
  metricLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** An API's row: its alarms and its routes' functions', requests and errors, p99 latency, each route's function by key. */
export function apiRow(
  construct: IConstruct, kind: string, api: ApiMetricSource, alarms: cloudwatch.IAlarm[], routes: { [routeKey: string]: ServerlessFunction },
): cloudwatch.IWidget[] {
  const fns = Object.entries(routes);
  return rowWidgets({
    construct,
    kind,
    alarms: [...alarms, ...fns.flatMap(([, f]) => f.alarms)],
    own: [{
      title: 'Requests and errors',
      left: [api.metricServerError({ period: PERIOD, label: '5xx' }), api.metricClientError({ period: PERIOD, label: '4xx' })],
      right: [api.metricCount({ period: PERIOD, label: 'requests' })],
    }, { title: 'Latency p99 (ms)', left: [api.metricLatency({ period: PERIOD, statistic: 'p99', label: 'p99' })] }],
    functions: fns.map(([key, f]) => signalsOf(f, key)),
  });
}
