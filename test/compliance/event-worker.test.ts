import * as events from 'aws-cdk-lib/aws-events';
import { EventWorker } from '../../src';
import { inlineCode } from '../helpers';
import { CLEAN, judge } from '../judges';

jest.setTimeout(120_000);

describe('EventWorker under the judges (BP-X2, X3)', () => {
  test('BP-X2/X3: default props — zero unacknowledged cdk-nag findings, cfn-lint clean', () => {
    expect(judge('EventWorker-defaults', s => new EventWorker(s, 'Worker', {
      eventPattern: { source: ['my.orders'], detailType: ['OrderPlaced'] },
      functionProps: { code: inlineCode() },
    }))).toMatchObject(CLEAN);
  });

  test('BP-X2/X3: on a custom bus, with an input transformation — clean', () => {
    expect(judge('EventWorker-custom-bus', s => new EventWorker(s, 'Worker', {
      eventBus: new events.EventBus(s, 'Bus'),
      eventPattern: { source: ['my.orders'] },
      input: events.RuleTargetInput.fromEventPath('$.detail'),
      functionProps: { code: inlineCode() },
    }))).toMatchObject(CLEAN);
  });
});
