/**
 * The four findings of the generated battery extended to StreamWorker and idempotency (issue #26, item 6), each
 * refused with the library's message — or warned — where it was accepted or ended in aws-cdk-lib's error.
 */
import { Duration } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { S3Pipeline, StreamWorker, VpcFunction } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

describe('generator findings, fixed at their cause', () => {
  test('BP-K1: a TableV2 without dynamoStream is refused at synthesis (its stream is rendered late); with one it is consumed', () => {
    const bad = testStack();
    const table = new dynamodb.TableV2(bad, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    new StreamWorker(bad, 'W', { functionProps: { code: inlineCode() }, table });
    expectViolation(errorOf(() => Template.fromStack(bad)), 'K1', 'TestStack/W', 'table', 'a TableV2 without a stream', 'a table with its DynamoDB stream on');
    const stack = testStack();
    const streamed = new dynamodb.TableV2(stack, 'S', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, dynamoStream: dynamodb.StreamViewType.NEW_IMAGE });
    new StreamWorker(stack, 'W2', { functionProps: { code: inlineCode() }, table: streamed });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test('BP-K8: an iterator-age threshold of 0 s is refused; one set while the alarms are off warns', () => {
    expectViolation(errorOf(() => new StreamWorker(testStack(), 'W', { functionProps: { code: inlineCode() }, iteratorAgeThreshold: Duration.seconds(0) })),
      'K8', 'TestStack/W', 'iteratorAgeThreshold', '0 s', 'from 1 to 31,536,000 s');
    const stack = testStack();
    new StreamWorker(stack, 'W', { functionProps: { code: inlineCode(), alarms: { enabled: false } }, iteratorAgeThreshold: Duration.minutes(1) });
    Annotations.fromStack(stack).hasWarning('/TestStack/W', Match.stringLikeRegexp('\\[K8\\] iteratorAgeThreshold is set, but the function\'s alarms are off'));
  });

  test('BP-P3: a 1,500-character inputPrefix is refused (S3 keys are at most 1,024 bytes), in bytes of UTF-8', () => {
    expectViolation(errorOf(() => new S3Pipeline(testStack(), 'P', { functionProps: { code: inlineCode() }, inputPrefix: 'a'.repeat(1500) })),
      'P3', 'TestStack/P', 'inputPrefix', '1,500 bytes', 'at most 1,024 bytes');
    expectViolation(errorOf(() => new S3Pipeline(testStack(), 'P', { functionProps: { code: inlineCode() }, outputPrefix: 'é'.repeat(600) })),
      'P3', 'TestStack/P', 'outputPrefix', '1,200 bytes', 'at most 1,024 bytes');
  });

  test('BP-V5: functionProps.allowAllOutbound on VpcFunction gets the library\'s message, not aws-cdk-lib\'s', () => {
    const message = errorOf(() => new VpcFunction(testStack(), 'V', { functionProps: { code: inlineCode(), allowAllOutbound: false } }));
    expectViolation(message, 'V5', 'TestStack/V', 'functionProps.allowAllOutbound', 'false', 'VpcFunction creates the function\'s security group');
    expect(message).not.toContain('Configure \'allowAllOutbound\' directly');
  });
});
