import { Annotations, Duration, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlarmSpec } from '../function/alarms';
import { ServerlessFunction } from '../function/serverless-function';
import { TEXT_LIMITS } from '../private/naming';
import { createFailureQueue } from '../private/queues';
import { checkDurationRange, checkLength, checkRange, fail, isKnown } from '../private/validation';

/**
 * The delivery retry policy the library writes on every EventBridge target it creates (BP-E2). EventBridge's own
 * default is 185 attempts over 24 hours ("How EventBridge retries delivering events", EventBridge User Guide):
 * a target that still cannot be reached after an hour of exponential backoff has a lasting problem (a permission,
 * a deleted alias, a full queue), so the event goes to the dead-letter queue, where an alarm fires, instead of
 * retrying unseen for a day.
 */
export const EVENT_TARGET_DEFAULTS = {
  retryAttempts: 10,
  maxEventAge: Duration.hours(1),
};

/** EventBridge's limits on a target's retry policy (RetryPolicy, EventBridge API Reference). */
const RETRY_LIMITS = { attempts: 185, minAgeSeconds: 60, maxAgeSeconds: 86_400 };

/** `AWS::Events::Rule` Name: 1–64 characters of letters, digits, `.`, `-` and `_`. */
const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;

/** The fields of an event pattern that EventBridge matches as lists. */
const LIST_FIELDS = ['version', 'id', 'detailType', 'source', 'account', 'time', 'region', 'resources'] as const;

/** How an EventBridge rule delivers to its target: shared by EventWorker and QueueWorker.subscribeToEvents (BP-E2–E6). */
export interface EventRuleOptions {
  /**
   * The bus the rule listens on: one of this app (any stack), or imported with `EventBus.fromEventBusArn` /
   * `fromEventBusName`. It must be in the stack's account and region: a rule lives on the bus it matches.
   * @default - the account's default event bus
   */
  readonly eventBus?: events.IEventBus;
  /**
   * How often EventBridge retries delivering an event to the target, 0–185 (BP-E2).
   * @default 10
   */
  readonly retryAttempts?: number;
  /**
   * How long EventBridge keeps retrying an event, 60 s – 24 hours (BP-E2).
   * @default Duration.hours(1)
   */
  readonly maxEventAge?: Duration;
  /**
   * Where events go that EventBridge could not deliver (BP-E3). A queue of this app gets a policy that admits
   * `events.amazonaws.com` for this rule only; an imported queue must have one already.
   * @default - an encrypted, TLS-only queue kept 14 days
   */
  readonly deadLetterQueue?: sqs.IQueue;
  /**
   * The rule's name (1–64 letters, digits, `.`, `-`, `_`).
   * @default - a name CloudFormation generates
   */
  readonly ruleName?: string;
  /**
   * The rule's description (at most 512 characters).
   * @default - none
   */
  readonly description?: string;
  /**
   * Whether the rule is enabled.
   * @default true
   */
  readonly enabled?: boolean;
}

/** A rule with its target's delivery settings, as `createEventRule` returns them. */
export interface CreatedEventRule {
  readonly rule: events.Rule;
  readonly deadLetterQueue: sqs.IQueue;
  /** What every target of the library passes to aws-cdk-lib's target class (BP-E2, E3). */
  readonly delivery: targets.TargetBaseProps;
  readonly maxEventAge: Duration;
}

/** Validates an event pattern and the rule options, before anything is created (BP-E1, E2, E5, X4). */
export function checkEventRule(scope: Construct, eventPattern: events.EventPattern | undefined, o: EventRuleOptions, prefix = '', patternProp = 'eventPattern'): void {
  checkEventPattern(scope, eventPattern, patternProp);
  checkRange(scope, o.retryAttempts, { prop: `${prefix}retryAttempts`, min: 0, max: RETRY_LIMITS.attempts, rule: 'E2' });
  checkDurationRange(scope, o.maxEventAge, {
    prop: `${prefix}maxEventAge`, min: RETRY_LIMITS.minAgeSeconds, max: RETRY_LIMITS.maxAgeSeconds, rule: 'E2', integer: true,
  });
  if (isKnown(o.ruleName) && !RULE_NAME.test(o.ruleName)) {
    fail(scope, {
      rule: 'E1',
      prop: `${prefix}ruleName`,
      value: `'${o.ruleName}'`,
      allowed: '1–64 letters, digits, ., - and _ (AWS::Events::Rule Name)',
      fix: 'use a name such as \'orders-audit\', or omit ruleName and let CloudFormation generate one.',
    });
  }
  checkLength(scope, o.description, { prop: `${prefix}description`, rule: 'E1', max: TEXT_LIMITS.eventsDescription, source: 'AWS::Events::Rule Description' });
  if (o.eventBus) checkSameEnvironment(scope, o.eventBus, `${prefix}eventBus`);
}

/**
 * A rule on the bus, in `scope` (one per scope), with the library's delivery settings: an explicit retry policy and a
 * dead-letter queue `DeadLetterQueue` (created unless given) whose policy admits this rule only (BP-E2, E3). The caller
 * adds its target.
 */
export function createEventRule(scope: Construct, id: string, eventPattern: events.EventPattern, o: EventRuleOptions): CreatedEventRule {
  const rule = new events.Rule(scope, id, {
    eventBus: o.eventBus,
    eventPattern,
    ruleName: o.ruleName,
    description: o.description,
    enabled: o.enabled,
  });
  const deadLetterQueue = o.deadLetterQueue
    ?? createFailureQueue(scope, 'DeadLetterQueue', 'the dead-letter queue of an EventBridge rule target (BP-E3)');
  if (o.deadLetterQueue && !(o.deadLetterQueue instanceof sqs.Queue)) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:eventDlqPolicyUnknown',
      '[E3] The imported dead-letter queue\'s policy cannot be changed here: make sure it admits events.amazonaws.com (sqs:SendMessage) for this rule\'s ARN, or EventBridge drops the events it cannot deliver.');
  }
  const maxEventAge = o.maxEventAge ?? EVENT_TARGET_DEFAULTS.maxEventAge;
  return {
    rule,
    deadLetterQueue,
    maxEventAge,
    delivery: { deadLetterQueue, retryAttempts: o.retryAttempts ?? EVENT_TARGET_DEFAULTS.retryAttempts, maxEventAge },
  };
}

/**
 * The rule's alarms, with the function's actions (BP-E6): invocations that failed permanently, events that could not
 * even reach the dead-letter queue (lost), and events waiting in it. `prefix` keeps the IDs of several rules apart.
 */
export function addEventRuleAlarms(
  scope: Construct, fn: ServerlessFunction, created: CreatedEventRule, eventBus: events.IEventBus | undefined, prefix: string,
): cloudwatch.IAlarm[] {
  const path = scope.node.path;
  const period = Duration.minutes(5);
  const metric = (metricName: string) => new cloudwatch.Metric({
    namespace: 'AWS/Events',
    metricName,
    // Metrics of a rule on the default bus carry RuleName only; on a custom bus also EventBusName (EventBridge metrics).
    dimensionsMap: isDefaultBus(eventBus)
      ? { RuleName: created.rule.ruleName }
      : { EventBusName: eventBus!.eventBusName, RuleName: created.rule.ruleName },
    statistic: 'Sum',
    period,
  });
  const made: cloudwatch.IAlarm[] = [];
  const add = (id: string, spec: AlarmSpec) => {
    const alarm = fn._addAlarmIn(scope, id, spec);
    if (alarm) made.push(alarm);
  };
  add(`${prefix}FailedInvocationsAlarm`, {
    metric: metric('FailedInvocations'),
    threshold: 1,
    description: `[E6] ${path}: EventBridge could not deliver events to the target. They wait in the rule's dead-letter queue, with the error in their attributes.`,
  });
  add(`${prefix}DlqDeliveryFailedAlarm`, {
    metric: metric('InvocationsFailedToBeSentToDlq'),
    threshold: 1,
    description: `[E6] ${path}: EventBridge could deliver events neither to the target nor to the dead-letter queue: they are lost. Check the dead-letter queue's policy and key.`,
  });
  add(`${prefix}DeadLetterQueueAlarm`, {
    metric: created.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
    threshold: 1,
    description: `[E6] ${path}: events wait in the dead-letter queue. Inspect them, fix the cause, then send them again.`,
  });
  return made;
}

function isDefaultBus(bus: events.IEventBus | undefined): boolean {
  return bus === undefined || bus.eventBusName === 'default';
}

/** A pattern must match something, and every list field must be a list (BP-E1): EventBridge rejects the rest at deploy. */
function checkEventPattern(scope: Construct, pattern: events.EventPattern | undefined, prop: string): void {
  if (pattern === undefined || pattern === null || typeof pattern !== 'object') {
    fail(scope, {
      rule: 'E1',
      prop,
      value: pattern === undefined ? 'missing' : `a ${pattern === null ? 'null' : typeof pattern}`,
      allowed: 'an event pattern that names at least one field, e.g. { source: [\'my.orders\'], detailType: [\'OrderPlaced\'] }',
      fix: 'give eventPattern; schedules belong to ScheduledJob (BP-S1).',
    });
  }
  const p = pattern as { [key: string]: unknown };
  for (const field of LIST_FIELDS) {
    const v = p[field];
    if (v === undefined || Token.isUnresolved(v)) continue;
    if (!Array.isArray(v)) {
      fail(scope, {
        rule: 'E1',
        prop: `${prop}.${field}`,
        value: `${JSON.stringify(v)} (a ${typeof v})`,
        allowed: 'a list of values to match',
        fix: `write ${field}: [${JSON.stringify(v)}].`,
      });
    }
  }
  const named = Object.entries(p).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)
    && !(typeof v === 'object' && !Array.isArray(v) && v !== null && !Token.isUnresolved(v) && Object.keys(v).length === 0));
  if (named.length === 0) {
    fail(scope, {
      rule: 'E1',
      prop,
      value: 'empty (it names no field)',
      allowed: 'an event pattern that names at least one field, e.g. { source: [\'my.orders\'], detailType: [\'OrderPlaced\'] }',
      fix: 'name the source and detail type of the events this worker handles; a rule matching every event would invoke it for all of them.',
    });
  }
}

/** A rule lives on its bus: a bus of another account or region cannot be matched from this stack (BP-E5). */
function checkSameEnvironment(scope: Construct, bus: events.IEventBus, prop: string): void {
  const stack = Stack.of(scope);
  for (const [what, here, there] of [['account', stack.account, bus.env.account], ['region', stack.region, bus.env.region]] as const) {
    if (Token.compareStrings(here, there) !== TokenComparison.DIFFERENT) continue;
    fail(scope, {
      rule: 'E5',
      prop,
      value: `a bus in ${what} ${there} (this stack is in ${here})`,
      allowed: 'a bus in the stack\'s own account and region (a rule is created on the bus it matches)',
      fix: `create the worker in a stack of ${what} ${there}, or forward the events to a bus here with a rule on the other bus (targets.EventBus).`,
    });
  }
}
