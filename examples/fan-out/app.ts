/**
 * Fan-out: one order service publishes each order once, and three subscribers act on it in parallel.
 *
 * - email (TopicWorker): SNS invokes the email function for every `order-placed` message;
 * - analytics (QueueWorker.subscribeTo): the same topic feeds a queue (raw delivery, a filter on `order-*`), drained
 *   in batches under a concurrency limit;
 * - audit trail (EventWorker): the service also puts an `OrderPlaced` event on an EventBridge bus, and a rule on
 *   that bus invokes the audit function.
 *
 * Every delivery has a dead-letter queue and alarms; every function its async config on the alias.
 * Synthesize: `npx cdk synth` in this folder.
 */
import * as path from 'path';
import { App, CfnOutput, Stack, Validations } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { EventWorker, QueueWorker, ServerlessFunction, ServerlessPatternsChecks, TopicWorker } from 'cdk-serverless-patterns';

const app = new App();
const stack = new Stack(app, 'FanOutExample', {
  description: 'cdk-serverless-patterns example: SNS fan-out to a function and a queue, and an EventBridge audit trail',
});

const alerts = new sns.Topic(stack, 'Alerts', {
  masterKey: kms.Alias.fromAliasName(stack, 'SnsKey', 'alias/aws/sns'),
  enforceSSL: true,
});
const alarms = { topic: alerts };

// The email subscriber creates the order topic (encrypted, TLS-only) and subscribes its function's alias.
const email = new TopicWorker(stack, 'OrderEmails', {
  functionProps: { entry: path.join(__dirname, 'email.ts'), alarms },
  filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: ['order-placed'] }) },
});

// Analytics reads the same topic through a queue: bursts are buffered and batched (BP-N6).
const analytics = new QueueWorker(stack, 'OrderAnalytics', {
  functionProps: { entry: path.join(__dirname, 'analytics.ts'), alarms },
  maxConcurrency: 5,
});
analytics.subscribeTo(email.topic, {
  filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ matchPrefixes: ['order-'] }) },
});

// The audit trail listens on the service's own bus.
const bus = new events.EventBus(stack, 'OrdersBus');
new EventWorker(stack, 'OrderAudit', {
  eventBus: bus,
  eventPattern: { source: ['example.orders'], detailType: ['OrderPlaced'] },
  functionProps: { entry: path.join(__dirname, 'audit.ts'), alarms },
});

// The order service publishes to the topic and puts the event on the bus.
const service = new ServerlessFunction(stack, 'PlaceOrder', {
  entry: path.join(__dirname, 'place-order.ts'),
  environment: { ORDERS_TOPIC_ARN: email.topic.topicArn, ORDERS_BUS_NAME: bus.eventBusName },
  alarms,
});
email.grantPublish(service);
bus.grantPutEventsTo(service);

new CfnOutput(stack, 'OrdersTopicArn', { value: email.topic.topicArn });
new CfnOutput(stack, 'AnalyticsQueueUrl', { value: analytics.queue.queueUrl });

Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app), new ServerlessPatternsChecks());
