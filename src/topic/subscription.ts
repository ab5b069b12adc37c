import { Annotations, Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlarmSpec } from '../function/alarms';
import { ServerlessFunction } from '../function/serverless-function';
import { createFailureQueue } from '../private/queues';
import { fail, fmt } from '../private/validation';

/**
 * How long SNS keeps retrying a delivery to an AWS managed endpoint (Lambda, SQS): 100,015 attempts over 23 days
 * ("Amazon SNS message delivery retries", SNS Developer Guide). A message may arrive again for that long (BP-I3).
 */
export const SNS_MANAGED_ENDPOINT_RETRY_WINDOW = Duration.days(23);

/** SNS's filter-policy limits ("Filter policy constraints in Amazon SNS", SNS Developer Guide). */
const FILTER_LIMITS = { keys: 5, combinations: 150, bytes: 256 * 1024 };

/** A subscription's filter and redrive settings: shared by TopicWorker and QueueWorker.subscribeTo (BP-N3, N4). */
export interface TopicSubscriptionOptions {
  /**
   * Deliver only messages whose attributes match (at most 5 attributes, 150 combinations of values). Give this or
   * `filterPolicyWithMessageBody`, not both (BP-N4).
   * @default - every message is delivered
   */
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };
  /**
   * Deliver only messages whose JSON body matches (at most 5 top-level keys, 150 combinations of values). Give this or
   * `filterPolicy`, not both (BP-N4).
   * @default - every message is delivered
   */
  readonly filterPolicyWithMessageBody?: { [key: string]: sns.FilterOrPolicy };
  /**
   * The subscription's redrive queue, for messages SNS could not deliver (BP-N3). A queue of this app gets a policy
   * that admits `sns.amazonaws.com` for this topic only; an imported queue must have one already. Not a queue encrypted
   * with the AWS managed key `alias/aws/sqs`, which SNS cannot use.
   * @default - an encrypted (SSE-SQS), TLS-only queue kept 14 days (FIFO for a FIFO topic)
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/** Validates filter policies and the redrive queue before anything is created (BP-N3, N4, F20, X4). */
export function checkSubscriptionOptions(scope: Construct, o: TopicSubscriptionOptions, prefix = ''): void {
  const attrs = o.filterPolicy;
  const body = o.filterPolicyWithMessageBody;
  if (attrs !== undefined && body !== undefined) {
    fail(scope, {
      rule: 'N4',
      prop: `${prefix}filterPolicy, ${prefix}filterPolicyWithMessageBody`,
      value: 'both given',
      allowed: 'one filter policy per subscription: on message attributes, or on the message body',
      fix: 'keep the one that matches how publishers describe the message (attributes, or fields of the JSON body).',
    });
  }
  if (attrs !== undefined) {
    const conditions = Object.entries(checkPolicyObject(scope, attrs, `${prefix}filterPolicy`)).map(([key, f]) => {
      if (!(f instanceof sns.SubscriptionFilter)) wrongFilter(scope, `${prefix}filterPolicy.${key}`, f, 'sns.SubscriptionFilter.stringFilter({ allowlist: [...] })');
      return f.conditions;
    });
    checkCombinations(scope, `${prefix}filterPolicy`, conditions.reduce((n, c) => n * c.length, 1));
    checkPolicySize(scope, `${prefix}filterPolicy`, Object.fromEntries(Object.entries(attrs).map(([k, f]) => [k, f.conditions])));
  }
  if (body !== undefined) {
    checkPolicyObject(scope, body, `${prefix}filterPolicyWithMessageBody`);
    // SNS multiplies the values of every array; aws-cdk-lib also weighs nested keys by their depth. The library counts
    // the stricter way, so its message comes before aws-cdk-lib's.
    const total = { n: 1 };
    const rendered = renderBody(scope, body, `${prefix}filterPolicyWithMessageBody`, 1, total);
    checkCombinations(scope, `${prefix}filterPolicyWithMessageBody`, total.n);
    checkPolicySize(scope, `${prefix}filterPolicyWithMessageBody`, rendered);
  }
  if (o.deadLetterQueue) refuseManagedKeyQueue(scope, o.deadLetterQueue, `${prefix}deadLetterQueue`);
}

/** SNS cannot send to a queue encrypted with the AWS managed key `alias/aws/sqs`: its key policy cannot admit SNS (BP-N6). */
export function refuseManagedKeyQueue(scope: Construct, queue: sqs.IQueue, prop: string, sender = 'SNS'): void {
  if (queue.encryptionType !== sqs.QueueEncryption.KMS_MANAGED) return;
  fail(scope, {
    rule: 'N6',
    prop,
    value: 'a queue encrypted with the AWS managed key alias/aws/sqs',
    allowed: `a queue encrypted with SSE-SQS or a customer managed KMS key (${sender} cannot use the AWS managed key: its key policy cannot be changed)`,
    fix: 'create the queue with encryption: QueueEncryption.SQS_MANAGED, or KMS with your own key.',
  });
}

/**
 * The subscription's redrive queue: the one given, or a created one (FIFO for a FIFO topic). aws-cdk-lib's
 * `sns.Subscription` adds the statement that admits SNS for this topic (`aws:SourceArn`) to a queue of this app (BP-N3).
 */
export function subscriptionDeadLetterQueue(scope: Construct, id: string, topic: sns.ITopic, o: TopicSubscriptionOptions): sqs.IQueue {
  if (o.deadLetterQueue) {
    if (!(o.deadLetterQueue instanceof sqs.Queue)) {
      Annotations.of(scope).addWarningV2('cdk-serverless-patterns:subscriptionDlqPolicyUnknown',
        '[N3] The imported redrive queue\'s policy cannot be changed here: make sure it admits sns.amazonaws.com (sqs:SendMessage) for the topic\'s ARN, or SNS drops the messages it cannot deliver.');
    }
    return o.deadLetterQueue;
  }
  return createFailureQueue(scope, id, 'the redrive queue of an SNS subscription (BP-N3)', { fifo: topic.fifo || undefined });
}

/**
 * The subscription's alarms, with the function's actions (BP-N7). SNS publishes its delivery metrics per topic
 * (dimension TopicName) and not per subscription or protocol, so the first two count every subscription of the topic.
 */
export function addSubscriptionAlarms(
  scope: Construct, fn: ServerlessFunction, topic: sns.ITopic, dlq: sqs.IQueue, prefix: string,
): cloudwatch.IAlarm[] {
  const period = Duration.minutes(5);
  const path = scope.node.path;
  const made: cloudwatch.IAlarm[] = [];
  const add = (id: string, spec: AlarmSpec) => {
    const alarm = fn._addAlarmIn(scope, id, spec);
    if (alarm) made.push(alarm);
  };
  add(`${prefix}NotificationsFailedAlarm`, {
    metric: topic.metric('NumberOfNotificationsFailed', { period, statistic: 'Sum' }),
    threshold: 1,
    description: `[N7] ${path}: SNS gave up delivering messages of the topic to a subscriber. This subscription's go to its redrive queue.`,
  });
  add(`${prefix}RedriveFailedAlarm`, {
    metric: topic.metric('NumberOfNotificationsFailedToRedriveToDlq', { period, statistic: 'Sum' }),
    threshold: 1,
    description: `[N7] ${path}: SNS could deliver messages neither to a subscriber nor to its redrive queue: they are lost. Check the queue's policy and key.`,
  });
  add(`${prefix}DeadLetterQueueAlarm`, {
    metric: dlq.metricApproximateNumberOfMessagesVisible({ period, statistic: 'Maximum' }),
    threshold: 1,
    description: `[N7] ${path}: messages wait in the subscription's redrive queue. Inspect them, fix the cause, then publish them again.`,
  });
  return made;
}

function checkPolicyObject<T>(scope: Construct, policy: T, prop: string): T {
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    fail(scope, {
      rule: 'F20',
      prop,
      value: Array.isArray(policy) ? 'a list' : `a ${policy === null ? 'null' : typeof policy}`,
      allowed: 'an object whose keys are the names to match',
      fix: `write ${prop}: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: ['order-placed'] }) }.`,
    });
  }
  const keys = Object.keys(policy);
  if (keys.length === 0 || keys.length > FILTER_LIMITS.keys) {
    fail(scope, {
      rule: 'N4',
      prop,
      value: keys.length === 0 ? 'empty (it filters nothing)' : `${keys.length} keys (${keys.join(', ')})`,
      allowed: `1 to ${FILTER_LIMITS.keys} keys (SNS filter policy constraints)`,
      fix: keys.length === 0 ? 'remove it to deliver every message.' : 'filter on fewer keys, or split the subscribers by topic.',
    });
  }
  return policy;
}

function renderBody(scope: Construct, policy: { [key: string]: sns.FilterOrPolicy }, prop: string, depth: number, total: { n: number }): object {
  const out: { [key: string]: unknown } = {};
  for (const [key, v] of Object.entries(policy)) {
    const here = `${prop}.${key}`;
    if (!(v instanceof sns.FilterOrPolicy)) wrongFilter(scope, here, v, 'sns.FilterOrPolicy.filter(sns.SubscriptionFilter.stringFilter({ allowlist: [...] }))');
    if (v.isPolicy()) {
      out[key] = renderBody(scope, checkPolicyObject(scope, (v as sns.Policy).policyDoc, here), here, depth + 1, total);
    } else {
      const conditions = (v as sns.Filter).filterDoc.conditions;
      total.n *= conditions.length * depth;
      out[key] = conditions;
    }
  }
  return out;
}

function checkCombinations(scope: Construct, prop: string, total: number): void {
  if (total <= FILTER_LIMITS.combinations) return;
  fail(scope, {
    rule: 'N4',
    prop,
    value: `${fmt(total)} combinations of values`,
    allowed: `at most ${FILTER_LIMITS.combinations} (the product of the number of values of each key; SNS filter policy constraints)`,
    fix: 'match fewer values per key (a prefix match counts as one), or filter on fewer keys.',
  });
}

function checkPolicySize(scope: Construct, prop: string, rendered: object): void {
  const json = JSON.stringify(rendered);
  if (Token.isUnresolved(json)) return;
  const bytes = Buffer.byteLength(json, 'utf8');
  if (bytes <= FILTER_LIMITS.bytes) return;
  fail(scope, {
    rule: 'N4',
    prop,
    value: `${fmt(bytes)} bytes`,
    allowed: `at most ${fmt(FILTER_LIMITS.bytes)} bytes (256 KB; SNS filter policy constraints)`,
    fix: 'match by prefix or by a category attribute instead of listing every value.',
  });
}

function wrongFilter(scope: Construct, prop: string, value: unknown, example: string): never {
  fail(scope, {
    rule: 'F20',
    prop,
    value: Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'a plain object' : `a ${typeof value}`,
    allowed: example.startsWith('sns.FilterOrPolicy') ? 'an sns.FilterOrPolicy' : 'an sns.SubscriptionFilter',
    fix: `write ${example}.`,
  });
}
