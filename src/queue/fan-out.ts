import { Annotations, Names } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { addEventRuleAlarms, checkEventRule, createEventRule, EventRuleOptions } from '../events/event-rule';
import { ServerlessFunction } from '../function/serverless-function';
import { checkLength, fail, isKnown } from '../private/validation';
import { addSubscriptionAlarms, checkSubscriptionOptions, refuseManagedKeyQueue, subscriptionDeadLetterQueue, TopicSubscriptionOptions } from '../topic/subscription';

/** How `QueueWorker.subscribeTo` subscribes the worker's queue to a topic (BP-N3, N4, N6). */
export interface QueueSubscriptionOptions extends TopicSubscriptionOptions {
  /**
   * Deliver the message body as published, with SNS message attributes as SQS message attributes, instead of the
   * SNS envelope (BP-N6).
   * @default true
   */
  readonly rawMessageDelivery?: boolean;
}

/** How `QueueWorker.subscribeToEvents` sends matching events to the worker's queue (BP-E1–E3, E6). */
export interface QueueEventSubscriptionOptions extends EventRuleOptions {
  /**
   * What the queue receives instead of the matched event.
   * @default - the matched event
   */
  readonly message?: events.RuleTargetInput;
  /**
   * The message group of every event, required for (and only for) a FIFO queue (1–128 characters).
   * @default - none (standard queue)
   */
  readonly messageGroupId?: string;
}

/** What the fan-out helpers need of a QueueWorker. */
export interface FanOutWorker {
  readonly scope: Construct;
  readonly queue: sqs.IQueue;
  readonly function: ServerlessFunction;
}

/** One subscription of a worker's queue to a topic, and its alarms (BP-N3, N6, N7). */
export function subscribeQueueTo(
  w: FanOutWorker, topic: sns.ITopic, o: QueueSubscriptionOptions,
): { subscription: sns.Subscription; alarms: cloudwatch.IAlarm[] } {
  const scope = w.scope;
  const id = `Subscription${Names.nodeUniqueId(topic.node)}`;
  checkSubscriptionOptions(scope, o, 'subscribeTo(options).');
  if (scope.node.tryFindChild(id)) {
    fail(scope, {
      rule: 'N6',
      prop: 'subscribeTo(topic)',
      value: `${topic.node.path}, subscribed a second time`,
      allowed: 'one subscription per topic (each message would be delivered twice)',
      fix: 'subscribe once, with one filter policy that matches every message the worker needs.',
    });
  }
  if (w.queue.fifo && !topic.fifo) {
    fail(scope, {
      rule: 'N6',
      prop: 'subscribeTo(topic)',
      value: 'a standard topic for a FIFO queue',
      allowed: 'a FIFO topic for a FIFO queue (SNS standard topics cannot deliver to FIFO queues)',
      fix: 'create the topic with fifo: true, or give the worker a standard queue.',
    });
  }
  refuseManagedKeyQueue(scope, w.queue, 'subscribeTo: the worker\'s queue');
  warnUnknownPolicies(scope, w.queue, 'sns.amazonaws.com', 'the topic');

  // The subscription's redrive queue and alarms live in one child per topic; its ID follows the topic's path.
  const own = new Construct(scope, id);
  const deadLetterQueue = subscriptionDeadLetterQueue(own, 'DeadLetterQueue', topic, o);
  // aws-cdk-lib's SqsSubscription writes the queue policy scoped to the topic (aws:SourceArn) and, for a customer
  // managed key of this app, the key policy statement SNS needs (kms:GenerateDataKey, kms:Decrypt) (BP-N6).
  const subscription = topic.addSubscription(new subs.SqsSubscription(w.queue, {
    rawMessageDelivery: o.rawMessageDelivery ?? true,
    filterPolicy: o.filterPolicy,
    filterPolicyWithMessageBody: o.filterPolicyWithMessageBody,
    deadLetterQueue,
  }));
  return { subscription, alarms: addSubscriptionAlarms(own, w.function, topic, deadLetterQueue, '') };
}

/** One rule that sends matching events to a worker's queue, with its target DLQ and alarms (BP-E1–E3, E6). */
export function subscribeQueueToEvents(
  w: FanOutWorker, index: number, eventPattern: events.EventPattern, o: QueueEventSubscriptionOptions,
): { rule: events.Rule; alarms: cloudwatch.IAlarm[] } {
  const scope = w.scope;
  const prefix = 'subscribeToEvents(options).';
  checkEventRule(scope, eventPattern, o, prefix, 'subscribeToEvents(eventPattern)');
  if (w.queue.fifo !== (o.messageGroupId !== undefined)) {
    fail(scope, {
      rule: 'Q7',
      prop: `${prefix}messageGroupId`,
      value: w.queue.fifo ? 'missing for a FIFO queue' : `'${o.messageGroupId}' for a standard queue`,
      allowed: 'a message group for a FIFO queue (EventBridge requires one), none for a standard queue',
      fix: w.queue.fifo ? 'give messageGroupId, e.g. \'orders\' (events of one group are processed in order).' : 'remove messageGroupId.',
    });
  }
  if (isKnown(o.messageGroupId)) checkLength(scope, o.messageGroupId, { prop: `${prefix}messageGroupId`, rule: 'Q7', min: 1, max: 128, source: 'SQS MessageGroupId' });
  refuseManagedKeyQueue(scope, w.queue, 'subscribeToEvents: the worker\'s queue', 'EventBridge');
  warnUnknownPolicies(scope, w.queue, 'events.amazonaws.com', 'the rule');

  // The rule, its dead-letter queue and alarms live in one child per call, numbered in call order.
  const own = new Construct(scope, `EventSubscription${index}`);
  const created = createEventRule(own, 'Rule', eventPattern, o);
  // aws-cdk-lib's SqsQueue target admits events.amazonaws.com to the queue for this rule (and its key, when the queue
  // has a customer managed key of this app).
  created.rule.addTarget(new targets.SqsQueue(w.queue, { ...created.delivery, message: o.message, messageGroupId: o.messageGroupId }));
  return { rule: created.rule, alarms: addEventRuleAlarms(own, w.function, created, o.eventBus, '') };
}

/** A queue or key that is imported cannot get the statement a service needs: say so, since delivery fails without it. */
function warnUnknownPolicies(scope: Construct, queue: sqs.IQueue, principal: string, source: string): void {
  if (!(queue instanceof sqs.Queue)) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:fanOutQueuePolicyUnknown',
      `[N6] The worker's queue is imported: its policy cannot be changed here. Make sure it admits ${principal} (sqs:SendMessage) for ${source}'s ARN.`);
  } else if (queue.encryptionMasterKey && !(queue.encryptionMasterKey instanceof kms.Key)) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:fanOutKeyPolicyUnknown',
      `[N6] The worker's queue is encrypted with an imported KMS key: its key policy cannot be changed here. Make sure it lets ${principal} use kms:GenerateDataKey and kms:Decrypt.`);
  }
}
