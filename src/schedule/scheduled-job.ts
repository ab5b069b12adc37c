import { Duration, TimeZone } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as targets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { checkScheduleExpression, withTimeZone } from './expression';
import { deadLetterBacklog, functionRow, IMonitoredConstruct } from '../dashboard/widgets';
import { checkFunctionSource, functionFrom } from '../function/function-source';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { TEXT_LIMITS } from '../private/naming';
import { createFailureQueue } from '../private/queues';
import { checkArguments } from '../private/runtime-types';
import { checkDate, checkTimeZone } from '../private/time';
import { checkDurationRange, checkLength, checkRange, fail, isKnown, secondsOf } from '../private/validation';

/** Defaults of ScheduledJob (BP-S2, S5). */
export const SCHEDULED_JOB_DEFAULTS = {
  /** 5 minutes: batch work, well inside Lambda's 15-minute limit. */
  timeout: Duration.minutes(5),
  /** Scheduler retries a run it cannot deliver this often (the service default, 185, retries for a day). */
  retryAttempts: 3,
  /** … and for at most this long before the run goes to the dead-letter queue. */
  maxEventAge: Duration.hours(1),
};

/** Properties of a ScheduledJob. */
export interface ScheduledJobProps {
  /** When to run: `ScheduleExpression.cron({...})`, `.rate(Duration)` or `.at(Date)`. */
  readonly schedule: scheduler.ScheduleExpression;
  /**
   * The job's function the construct creates; its timeout defaults to 5 minutes here (at most 900 s). Give exactly one
   * of `functionProps` and `function`.
   * @default - none: `function` must be given
   */
  readonly functionProps?: ServerlessFunctionProps;
  /**
   * An existing function (e.g. a VpcFunction's `.function`), used as it is (BP-R9): it must be invoked asynchronously
   * (Scheduler invokes it so, BP-S3), and unless `allowConcurrentRuns` its reserved concurrency must be 1 (BP-S4): the
   * job never changes a function it did not create.
   * @default - none: `functionProps` must be given
   */
  readonly function?: ServerlessFunction;
  /**
   * The time zone of a cron or at expression (daylight saving time is honoured).
   * @default - the schedule's own time zone, else UTC
   */
  readonly timeZone?: TimeZone;
  /**
   * Let Scheduler start a run up to this much later, 1–1,440 minutes.
   * @default - off: runs start on time
   */
  readonly flexibleTimeWindow?: Duration;
  /**
   * Attempts Scheduler makes to deliver a run, 0–185.
   * @default 3
   */
  readonly retryAttempts?: number;
  /**
   * How long Scheduler keeps trying to deliver a run, 60–86,400 s.
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
  /**
   * Allow two runs at once. Off by default: reserved concurrency 1 makes a run that fires while the
   * previous one still works wait (Lambda retries throttled asynchronous invocations).
   * @default false
   */
  readonly allowConcurrentRuns?: boolean;
  /**
   * A static payload for every run.
   * @default - Scheduler's default payload
   */
  readonly input?: scheduler.ScheduleTargetInput;
  /**
   * The first time the schedule may run.
   * @default - now
   */
  readonly start?: Date;
  /**
   * The last time the schedule may run.
   * @default - no end
   */
  readonly end?: Date;
  /**
   * Whether the schedule is enabled.
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * A description of the schedule.
   * @default - none
   */
  readonly description?: string;
  /**
   * The schedule group.
   * @default - the default group
   */
  readonly scheduleGroup?: scheduler.IScheduleGroup;
}

/**
 * A Lambda job run by EventBridge Scheduler (BP-S1–S6): the schedule targets the function's
 * alias with an explicit retry policy; runs that cannot be delivered and runs that fail land in
 * one encrypted dead-letter queue; runs do not overlap unless allowed; alarms on the
 * dead-letter queue, errors and duration.
 *
 * @example
 * new ScheduledJob(stack, 'Nightly', {
 *   schedule: scheduler.ScheduleExpression.cron({ hour: '2', minute: '0', timeZone: TimeZone.EUROPE_BERLIN }),
 *   functionProps: { entry: 'src/nightly.ts' },
 * });
 */
export class ScheduledJob extends Construct implements IMonitoredConstruct {
  /** The Scheduler schedule. */
  public readonly schedule: scheduler.Schedule;
  /** The job's function. */
  public readonly function: ServerlessFunction;
  /** Runs Scheduler could not deliver, and runs that failed (when no `onFailure` was given). */
  public readonly deadLetterQueue: sqs.IQueue;
  /** The function's alarms and the dead-letter queue alarm (BP-S6). */
  public readonly alarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: ScheduledJobProps) {
    super(scope, id);
    checkArguments(this, 'ScheduledJob', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    checkJobProps(this, props);
    const expression = withTimeZone(this, props.schedule, props.timeZone);

    // One queue for every run that did not succeed (BP-S2, S3).
    const dlq = createFailureQueue(this, 'DeadLetterQueue', 'the dead-letter queue of the schedule and the on-failure destination of the job (BP-S2)');
    this.deadLetterQueue = dlq;

    this.function = functionFrom(this, props, {
      rule: 'S3',
      trigger: 'EventBridge Scheduler',
      asynchronous: true,
      defaults: { timeout: SCHEDULED_JOB_DEFAULTS.timeout, onFailure: new destinations.SqsDestination(dlq) },
      forced: {
        // Scheduler invokes asynchronously: async config on the alias with an on-failure destination (BP-S3, F11).
        invokedAsynchronously: true,
        // Runs do not overlap unless allowed (BP-S4).
        reservedConcurrentExecutions: props.allowConcurrentRuns ? props.functionProps?.reservedConcurrentExecutions : 1,
      },
    });

    // The schedule targets the alias, with an explicit retry policy (BP-S1, S2).
    this.schedule = new scheduler.Schedule(this, 'Schedule', {
      schedule: expression,
      target: new targets.LambdaInvoke(this.function.alias, {
        deadLetterQueue: dlq,
        retryAttempts: props.retryAttempts ?? SCHEDULED_JOB_DEFAULTS.retryAttempts,
        maxEventAge: props.maxEventAge ?? SCHEDULED_JOB_DEFAULTS.maxEventAge,
        input: props.input,
      }),
      timeWindow: props.flexibleTimeWindow ? scheduler.TimeWindow.flexible(props.flexibleTimeWindow) : scheduler.TimeWindow.off(),
      start: props.start,
      end: props.end,
      enabled: props.enabled,
      description: props.description,
      scheduleGroup: props.scheduleGroup,
    });

    // Scheduler retries delivering a run for up to its maximum event age: the idempotency window covers it (BP-I3).
    this.function._requireIdempotencyWindow(props.maxEventAge ?? SCHEDULED_JOB_DEFAULTS.maxEventAge, 'the schedule: maxEventAge');

    // BP-S6: the DLQ depth; errors and duration come with the function (BP-F15).
    // An existing function keeps the alarm of the job's queue in the job's scope (BP-R9).
    const dlqAlarm = this.function._addAlarmIn(props.function ? this : this.function, 'DeadLetterQueueAlarm', {
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 1,
      description: `[S6] ${this.node.path}: a run could not be delivered or failed. Its event (and error) waits in the dead-letter queue.`,
    });
    this.alarms = props.function ? (dlqAlarm ? [dlqAlarm] : []) : this.function.alarms;
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return functionRow(this, 'ScheduledJob', this.function, { alarms: this.alarms, backlog: deadLetterBacklog(this.deadLetterQueue) });
  }
}

function checkJobProps(scope: Construct, props: ScheduledJobProps): void {
  checkScheduleExpression(scope, props.schedule);
  checkTimeZone(scope, props.timeZone, 'timeZone', 'S1');
  checkTimeZone(scope, props.schedule.timeZone, 'schedule (its timeZone)', 'S1');
  checkDate(scope, props.start, 'start', 'S1');
  checkDate(scope, props.end, 'end', 'S1');
  checkLength(scope, props.description, { prop: 'description', rule: 'S1', max: TEXT_LIMITS.eventsDescription, source: 'AWS::Scheduler::Schedule Description' });
  checkFunctionSource(scope, props, { rule: 'S3', trigger: 'EventBridge Scheduler', asynchronous: true });
  const timeout = props.function?.timeout ?? props.functionProps?.timeout;
  if (isKnown(timeout) && secondsOf(timeout) > 900) {
    fail(scope, {
      rule: 'S5',
      prop: 'functionProps.timeout',
      value: `${secondsOf(timeout)} s`,
      allowed: 'at most 900 s (Lambda\'s 15-minute limit)',
      fix: 'split the job into steps orchestrated by AWS Step Functions, or run it as an ECS Fargate task (EcsRunTask is a Scheduler target too).',
    });
  }
  checkRange(scope, props.retryAttempts, { prop: 'retryAttempts', min: 0, max: 185, rule: 'S2' });
  checkDurationRange(scope, props.maxEventAge, { prop: 'maxEventAge', min: 60, max: 86_400, rule: 'S2', integer: true });
  if (isKnown(props.flexibleTimeWindow)) {
    checkRange(scope, props.flexibleTimeWindow.toMinutes({ integral: false }), {
      prop: 'flexibleTimeWindow',
      min: 1,
      max: 1_440,
      unit: 'minutes',
      rule: 'S1',
      integer: true,
      advice: 'omit it for runs that start on time',
    });
  }
  if (props.start && props.end && props.end.getTime() <= props.start.getTime()) {
    fail(scope, {
      rule: 'S1',
      prop: 'end',
      value: `${props.end.toISOString()} (start is ${props.start.toISOString()})`,
      allowed: 'an end after the start',
      fix: 'swap start and end, or remove end.',
    });
  }
  if (props.function && !props.allowConcurrentRuns && props.function.reservedConcurrentExecutions !== 1) {
    fail(scope, {
      rule: 'S4',
      prop: 'function',
      value: `${props.function.node.path}, with reserved concurrency ${props.function.reservedConcurrentExecutions ?? 'unset'}`,
      allowed: 'a function with reservedConcurrentExecutions: 1 (runs must not overlap), or allowConcurrentRuns: true',
      fix: 'create the function with reservedConcurrentExecutions: 1, or set allowConcurrentRuns: true; the job never changes a function it did not create.',
    });
  }
  const reserved = props.functionProps?.reservedConcurrentExecutions;
  if (!props.allowConcurrentRuns && reserved !== undefined && reserved !== 1) {
    fail(scope, {
      rule: 'S4',
      prop: 'functionProps.reservedConcurrentExecutions',
      value: `${reserved} without allowConcurrentRuns`,
      allowed: '1 (the default: runs do not overlap), or any value with allowConcurrentRuns: true',
      fix: reserved === 0 ? 'to pause the job, set enabled: false instead.' : 'remove reservedConcurrentExecutions, or set allowConcurrentRuns: true.',
    });
  }
}
