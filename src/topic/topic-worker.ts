import { Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  addSubscriptionAlarms, checkSubscriptionOptions, SNS_MANAGED_ENDPOINT_RETRY_WINDOW, subscriptionDeadLetterQueue, TopicSubscriptionOptions,
} from './subscription';
import { deadLetterBacklog, functionRow, IMonitoredConstruct } from '../dashboard/widgets';
import { functionFrom } from '../function/function-source';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { checkArguments } from '../private/runtime-types';
import { fail } from '../private/validation';

/** Properties of a TopicWorker. */
export interface TopicWorkerProps extends TopicSubscriptionOptions {
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
   * The topic to subscribe to: of this app (any stack) or imported with `Topic.fromTopicArn`. Not a FIFO topic: SNS
   * delivers FIFO topics only to SQS queues (use `QueueWorker.subscribeTo` with a FIFO queue).
   * @default - a topic encrypted with `encryptionKey` that requires TLS from publishers (BP-N2)
   */
  readonly topic?: sns.ITopic;
  /**
   * The KMS key of the created topic. The AWS managed key serves publishers of this account; AWS services that publish
   * (CloudWatch alarms, EventBridge, S3) need a customer managed key whose policy admits them.
   * @default - the AWS managed key alias/aws/sns
   */
  readonly encryptionKey?: kms.IKey;
}

/**
 * An SNS topic whose messages invoke a ServerlessFunction's alias (BP-N1–N7): the subscription has a redrive queue
 * that admits SNS for this topic only, the function's async config sits on the alias with an on-failure destination
 * (SNS invokes asynchronously: a message can be lost in delivery and in the function), alarms watch both, and the
 * idempotency window covers SNS's 23 days of delivery retries plus Lambda's own.
 *
 * Unless the function has its own `onFailure`, one queue receives both kinds of failure: messages SNS could not deliver
 * (the SNS message) and invocations that failed (Lambda's invocation record, with the SNS event in `requestPayload`).
 *
 * @example
 * const email = new TopicWorker(stack, 'OrderEmails', {
 *   functionProps: { entry: 'src/send-order-email.ts' },
 *   filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: ['order-placed'] }) },
 * });
 * email.grantPublish(publisherRole);
 */
export class TopicWorker extends Construct implements IMonitoredConstruct {
  /** The topic. */
  public readonly topic: sns.ITopic;
  /** The subscription of the function's alias. */
  public readonly subscription: sns.Subscription;
  /** Messages SNS could not deliver, and (unless the function has its own `onFailure`) invocations that failed. */
  public readonly deadLetterQueue: sqs.IQueue;
  /** The function the topic invokes through its alias. */
  public readonly function: ServerlessFunction;
  /** The subscription's alarms, and the function's when the worker created it (BP-N7). */
  public readonly alarms: cloudwatch.IAlarm[];

  /** The topic was created here with the AWS managed key. */
  private readonly managedKey: boolean;

  constructor(scope: Construct, id: string, props: TopicWorkerProps) {
    super(scope, id);
    checkArguments(this, 'TopicWorker', [scope, id, props]); // BP-F20: plain JavaScript's types, before any use
    checkSubscriptionOptions(this, props);
    checkTopic(this, props);
    this.managedKey = !props.topic && !props.encryptionKey;

    this.topic = props.topic ?? new sns.Topic(this, 'Topic', {
      masterKey: props.encryptionKey ?? kms.Alias.fromAliasName(this, 'TopicKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    this.deadLetterQueue = subscriptionDeadLetterQueue(this, 'DeadLetterQueue', this.topic, props);

    // SNS invokes asynchronously: async config on the alias, failed invocations to the same queue (BP-N5, F11).
    this.function = functionFrom(this, props, {
      rule: 'N5',
      trigger: 'SNS',
      defaults: { onFailure: new destinations.SqsDestination(this.deadLetterQueue) },
      forced: { invokedAsynchronously: true },
      asynchronous: true,
    });

    // The endpoint is the alias (BP-N1, F8), with its redrive queue (BP-N3); both live in this worker's scope, so a topic
    // of a shared stack never depends on the worker's stack.
    const topicRegion = this.topic.env.region;
    this.subscription = new sns.Subscription(this, 'Subscription', {
      topic: this.topic,
      protocol: sns.SubscriptionProtocol.LAMBDA,
      // The alias's ARN, written as the function's ARN and the alias name: CloudFormation's schema check (W3694) wants a
      // Lambda::Function behind a lambda endpoint, and a Ref to the alias reads as another type to it.
      endpoint: `${this.function.function.functionArn}:${this.function.alias.aliasName}`,
      filterPolicy: props.filterPolicy,
      filterPolicyWithMessageBody: props.filterPolicyWithMessageBody,
      deadLetterQueue: this.deadLetterQueue,
      region: Token.compareStrings(topicRegion, Stack.of(this).region) === TokenComparison.DIFFERENT ? topicRegion : undefined,
    });
    this.subscription.node.addDependency(this.function.alias);
    this.function.alias.addPermission('TopicInvoke', {
      scope: this,
      principal: new iam.ServicePrincipal('sns.amazonaws.com'),
      sourceArn: this.topic.topicArn,
    });

    // A message may arrive again for as long as SNS retries it, then as long as Lambda does (BP-I3).
    this.function._requireIdempotencyWindow(SNS_MANAGED_ENDPOINT_RETRY_WINDOW.plus(this.function.asyncMaxEventAge!),
      'SNS delivery retries (23 days) + the function\'s asynchronous maxEventAge');

    const subscriptionAlarms = addSubscriptionAlarms(this, this.function, this.topic, this.deadLetterQueue, 'Subscription');
    this.alarms = props.function ? subscriptionAlarms : this.function.alarms;
  }

  /**
   * Lets `grantee` publish to the topic, and use its key when that is a customer managed key. The AWS managed key
   * `alias/aws/sns` needs no grant: its key policy admits every principal of the account through SNS (and a grant on
   * it would be a `kms:GenerateDataKey*` wildcard, cdk-nag AwsSolutions-IAM5, F14).
   */
  public grantPublish(grantee: iam.IGrantable): iam.Grant {
    checkArguments(this, 'TopicWorker.grantPublish', [grantee]); // BP-F20
    if (!this.managedKey) return this.topic.grantPublish(grantee);
    return iam.Grant.addToPrincipalOrResource({ grantee, actions: ['sns:Publish'], resourceArns: [this.topic.topicArn], resource: this.topic });
  }

  /** This construct's row on a dashboard (`ServerlessDashboard`): its alarms, backlog, errors, throttles, p99 duration and concurrency. */
  public dashboardWidgets(): cloudwatch.IWidget[] {
    return functionRow(this, 'TopicWorker', this.function, { alarms: this.alarms, backlog: deadLetterBacklog(this.deadLetterQueue) });
  }
}

function checkTopic(scope: Construct, props: TopicWorkerProps): void {
  if (props.topic && props.encryptionKey) {
    fail(scope, {
      rule: 'N2',
      prop: 'encryptionKey',
      value: 'set together with topic',
      allowed: 'encryptionKey only for the topic the worker creates',
      fix: 'configure the key on the topic you pass (masterKey), or remove topic and let TopicWorker create it.',
    });
  }
  if (props.topic?.fifo) {
    fail(scope, {
      rule: 'N1',
      prop: 'topic',
      value: 'a FIFO topic',
      allowed: 'a standard topic: SNS delivers FIFO topics to SQS queues only, not to Lambda functions',
      fix: 'subscribe a FIFO QueueWorker instead: worker.subscribeTo(topic), which keeps the order per message group.',
    });
  }
}
