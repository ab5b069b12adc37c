/** The oracle is not blind: each kind of broken promise is reported (so the generated test can fail). */
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { has, runCase, verdictOf } from './oracle';
import { ServerlessFunction } from '../../src';
import { inlineCode } from '../helpers';

test('an aws-cdk-lib or JavaScript error is not the library\'s', () => {
  const o = runCase(s => { new lambda.Function(s, 'Raw', { code: inlineCode(), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X, timeout: Duration.millis(1500) }); });
  expect(verdictOf(o, ['timeout'], [])).toMatch(/not the library's|without a rule tag/);
});

test('an error naming a prop the case did not set is reported', () => {
  const o = runCase(s => { new ServerlessFunction(s, 'Fn', { code: inlineCode(), memorySize: 64 }); });
  expect(verdictOf(o, ['memorySize'], [])).toBeUndefined();
  expect(verdictOf(o, ['timeout'], [])).toMatch(/none of the props set/);
});

test('an unacknowledged cdk-nag finding is reported; an opt-out with its warning is not', () => {
  const broken = runCase(s => {
    const fn = new ServerlessFunction(s, 'Fn', { code: inlineCode() });
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
  });
  expect(verdictOf(broken, [], [])).toMatch(/AwsSolutions-IAM5/);
  const optedOut = runCase(s => { new ServerlessFunction(s, 'Fn', { code: inlineCode(), runtime: lambda.Runtime.NODEJS_22_X }); });
  expect(optedOut.nag.join('\n')).toMatch(/LambdaLatestVersion|AwsSolutions-L1/);
  expect(verdictOf(optedOut, ['runtime'], [])).toBeUndefined();
});

test('a value the case set that is missing from the template is reported', () => {
  const o = runCase(s => { new ServerlessFunction(s, 'Fn', { code: inlineCode(), memorySize: 512 }); });
  expect(verdictOf(o, ['memorySize'], [has('AWS::Lambda::Function', 'MemorySize', 512)])).toBeUndefined();
  expect(verdictOf(o, ['memorySize'], [has('AWS::Lambda::Function', 'MemorySize', 256)])).toMatch(/no AWS::Lambda::Function has MemorySize = 256/);
});
