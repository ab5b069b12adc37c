/**
 * Data in a data stack, consumers in a service stack (BP-K1, I4): a Kinesis stream, a DynamoDB table's
 * stream and a shared idempotency table defined in one stack and used from another synthesize without a
 * cycle, the data stack depending on nothing.
 */
import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { synthAll, twoStackApp, resourcesOf } from './helpers';
import { QueueWorker, ServerlessFunction, StreamWorker } from '../../src';
import { errorOf, inlineCode } from '../helpers';

function dataStack(data: Stack) {
  const stream = new kinesis.Stream(data, 'Orders', { streamMode: kinesis.StreamMode.ON_DEMAND, encryption: kinesis.StreamEncryption.MANAGED });
  const table = new dynamodb.Table(data, 'Customers', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
  const idempotency = new dynamodb.Table(data, 'Idempotency', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, timeToLiveAttribute: 'expiration' });
  return { stream, table, idempotency };
}

test('BP-K1/I4: streams and a shared idempotency table from another stack, no cycle', () => {
  const { app, network: data, service } = twoStackApp();
  const { stream, table, idempotency } = dataStack(data);
  new StreamWorker(service, 'OrderEvents', { functionProps: { code: inlineCode(), idempotency: { table: idempotency } }, stream });
  new StreamWorker(service, 'CustomerChanges', { functionProps: { code: inlineCode(), idempotency: { table: idempotency } }, table });
  new QueueWorker(service, 'Worker', { functionProps: { code: inlineCode(), idempotency: { table: idempotency } } });
  const out = synthAll(app);
  expect(out.Service.dependsOn).toContain('Network');
  expect(out.Network.dependsOn).not.toContain('Service');
  expect(resourcesOf(out.Service.template, 'AWS::DynamoDB::Table')).toHaveLength(0);
  expect(resourcesOf(out.Service.template, 'AWS::Lambda::EventSourceMapping')).toHaveLength(3);
  // Nothing the service stack adds lands in the data stack.
  expect(resourcesOf(out.Network.template, 'AWS::IAM::Policy')).toHaveLength(0);
});

test('BP-K6: a batch size from a CfnParameter is passed through unchecked; a known bad one next to it is still refused', () => {
  const { service } = twoStackApp();
  const size = new CfnParameter(service, 'BatchSize', { type: 'Number', default: 100 }).valueAsNumber;
  expect(() => new StreamWorker(service, 'A', { functionProps: { code: inlineCode() }, batchSize: size })).not.toThrow();
  expect(errorOf(() => new StreamWorker(service, 'B', { functionProps: { code: inlineCode() }, batchSize: size, parallelizationFactor: 11 })))
    .toContain('[K6] Service/B: parallelizationFactor is 11');
  expect(() => new ServerlessFunction(service, 'C', { code: inlineCode(), idempotency: {} })).not.toThrow();
});
