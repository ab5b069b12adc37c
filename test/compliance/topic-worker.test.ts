import * as sns from 'aws-cdk-lib/aws-sns';
import { QueueWorker, TopicWorker } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('TopicWorker and the fan-out under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: TopicWorker default props — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    expect(judge('TopicWorker-defaults', s => new TopicWorker(s, 'Worker', { functionProps: { code: inlineCode() } }))).toMatchObject(CLEAN);
  });

  test('BP-X2/X3: fan-out — one topic, a TopicWorker with a filter, a QueueWorker subscribed, and a rule into the queue — clean', () => {
    expect(judge('FanOut', s => {
      const email = new TopicWorker(s, 'Email', {
        functionProps: { code: inlineCode() },
        filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ allowlist: ['order-placed'] }) },
      });
      const analytics = new QueueWorker(s, 'Analytics', { functionProps: { code: inlineCode() } });
      analytics.subscribeTo(email.topic, { filterPolicy: { eventType: sns.SubscriptionFilter.stringFilter({ matchPrefixes: ['order-'] }) } });
      analytics.subscribeToEvents({ source: ['my.orders'] });
    })).toMatchObject(CLEAN);
  });
});
