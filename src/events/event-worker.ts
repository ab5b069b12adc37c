import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { addEventRuleAlarms, checkEventRule, createEventRule, EventRuleOptions } from './event-rule';
import { deadLetterBacklog, functionRow, IMonitoredConstruct } from '../dashboard/widgets';
import { functionFrom } from '../function/function-source';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { checkArguments } from '../private/runtime-types';

/** Properties of an EventWorker. */
export interface EventWorkerProps extends EventRuleOptions {
  /**
   * The events to handle; it must name at least one field, and list fields are lists (BP-E1).
   */
  readonly eventPattern: events.EventPattern;
  /**
   * The function the worker creates. Give exactly one of `functionProps` and `function`.
   * @default - none: `function` must be given
   */
  readonly functionProps?: ServerlessFunctionProps;
  /**
   * An existing function (e.g. a VpcFunction's `.function`), configured for asynchronous invocation
   * (`invokedAsynchronously: true` or an `onFailure`): the worker does not change it (BP-R9, F11).
   * @default - none: `functionProps` must be given
   */
  readonly function?: ServerlessFunction;
  /**
   * What the function receives instead of the matched event.
   * @default - the matched event
   */
  readonly input?: events.RuleTargetInput;
}

/**
 * An EventBridge rule that invokes a ServerlessFunction's alias (BP-E1–E7): an explicit delivery retry policy and a
 * dead-letter queue on the target, the function's async config on the alias with an on-failure destination (EventBridge
 * invokes asynchronously, so an event can be lost in two places: delivery, and the function), alarms on both, and an
 * idempotency window that covers both retry layers.
 *
 * Unless the function has its own `onFailure`, one queue receives both kinds of failure: events EventBridge could not
 * deliver (the event, with the error in its message attributes) and invocations that failed (Lambda's invocation
 * record, with the event in `requestPayload`).
 *
 * @example
 * new EventWorker(stack, 'OrderPlaced', {
 *   eventPattern: { source: ['my.orders'], detailType: ['OrderPlaced'] },
 *   functionProps: { entry: 'src/on-order-placed.ts' },
 * });
 */
export class EventWorker extends Construct implements IMonitoredConstruct {
  /** The rule. */
  public readonly rule: events.Rule;
  /** Events EventBridge could not deliver, and (unless the function has its own `onFailure`) invocations that failed. */
  public readonly deadLetterQueue: sqs.IQueue;
  /** The function the rule invokes through its alias. */
  public readonly function: ServerlessFunction;
  /** The function's alarms with the rule's (BP-E6). */
  public readonly alarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: EventWorkerProps) {
    super(scope, id);
    checkArguments(this, 'EventWorker', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    checkEventRule(this, props.eventPattern, props);

    const created = createEventRule(this, 'Rule', props.eventPattern, props);
    this.rule = created.rule;
    this.deadLetterQueue = created.deadLetterQueue;

    // EventBridge invokes asynchronously: async config on the alias, failed invocations to the same queue (BP-E4, F11).
    this.function = functionFrom(this, props, {
      rule: 'E4',
      trigger: 'EventBridge',
      defaults: { onFailure: new destinations.SqsDestination(this.deadLetterQueue) },
      forced: { invokedAsynchronously: true },
      asynchronous: true,
    });

    // The target is the alias, never $LATEST (BP-E1, F8); aws-cdk-lib scopes the permission to this rule's ARN.
    this.rule.addTarget(new targets.LambdaFunction(this.function.alias, { ...created.delivery, event: props.input }));

    // An event may arrive again for as long as EventBridge retries it, then as long as Lambda does (BP-E7, I3).
    this.function._requireIdempotencyWindow(created.maxEventAge.plus(this.function.asyncMaxEventAge!),
      'EventBridge maxEventAge + the function\'s asynchronous maxEventAge');

    // Alarms on the rule live here, with the function's actions, also when the function is another stack's (BP-E6).
    const ruleAlarms = addEventRuleAlarms(this, this.function, created, props.eventBus, 'Rule');
    this.alarms = props.function ? ruleAlarms : this.function.alarms;
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return functionRow(this, 'EventWorker', this.function, { alarms: this.alarms, backlog: deadLetterBacklog(this.deadLetterQueue) });
  }
}
