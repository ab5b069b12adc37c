/**
 * The four verdicts the comparison with the peers' packs found wrong (issue #23), each fixed at its cause and tested
 * both ways: the case the pack judged wrongly, and its twin the pack must still flag.
 */
import { Aws, CfnCondition, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as eventTargets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ServerlessPatternsChecks } from '../../src';
import { inlineCode, testStack } from '../helpers';

const plain = (s: Stack, extra: Partial<lambda.FunctionProps> = {}) => new lambda.Function(s, 'Fn', {
  code: inlineCode(), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_24_X, loggingFormat: lambda.LoggingFormat.JSON, ...extra,
});
const findings = (rule: string, build: (s: Stack) => void) => {
  const stack = testStack();
  build(stack);
  return new ServerlessPatternsChecks().validateScope(stack).violations.filter(v => v.ruleName === rule);
};

describe('the pack\'s four wrong verdicts, fixed', () => {
  test('SP-F6: the classic /aws/lambda/<name> log group with a retention is where Lambda writes: not "never expires"; without a retention it is', () => {
    const classic = (retention?: logs.RetentionDays) => (s: Stack) => {
      const fn = plain(s);
      new logs.LogGroup(s, 'Classic', { logGroupName: `/aws/lambda/${fn.functionName}`, retention: retention ?? logs.RetentionDays.INFINITE });
    };
    expect(findings('SP-F6', classic(logs.RetentionDays.ONE_MONTH))).toEqual([]);
    expect(findings('SP-F6', classic())[0].description).toContain('(/aws/lambda/<name>) never expires');
    // A literal function name works the same way.
    expect(findings('SP-F6', s => {
      plain(s, { functionName: 'orders' });
      new logs.LogGroup(s, 'Classic', { logGroupName: '/aws/lambda/orders', retention: logs.RetentionDays.ONE_WEEK });
    })).toEqual([]);
  });

  test('SP-F11: an SNS trigger and the async config both on $LATEST, with a destination — the config applies (SP-F8 reports the trigger)', () => {
    const build = (onFailure: boolean) => (s: Stack) => {
      const fn = plain(s, onFailure ? { onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Failed')) } : { retryAttempts: 1 });
      new sns.Topic(s, 'T').addSubscription(new subscriptions.LambdaSubscription(fn, { deadLetterQueue: new sqs.Queue(s, 'Dlq') }));
    };
    expect(findings('SP-F11', build(true))).toEqual([]);
    expect(findings('SP-F8', build(true)).length).toBeGreaterThan(0);
    expect(findings('SP-F11', build(false))[0].description).toContain('the async config has no on-failure destination');
    // A $LATEST config that no trigger uses (the trigger is on an alias) is still a finding.
    expect(findings('SP-F11', s => {
      const fn = plain(s, { onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Failed')) });
      const alias = new lambda.Alias(s, 'Live', { aliasName: 'live', version: fn.currentVersion });
      new sns.Topic(s, 'T').addSubscription(new subscriptions.LambdaSubscription(alias, { deadLetterQueue: new sqs.Queue(s, 'Dlq') }));
    }).map(v => v.description).join()).toContain('the async config is on $LATEST, which no asynchronous trigger of the function invokes');
  });

  test('SP-S2: a dead-letter queue chosen by Fn::If with an AWS::NoValue branch is "could not check", not present', () => {
    const build = (conditional: boolean) => (s: Stack) => {
      const fn = plain(s);
      const alias = new lambda.Alias(s, 'Live', { aliasName: 'live', version: fn.currentVersion });
      const rule = new events.Rule(s, 'Rule', {
        eventPattern: { source: ['my.orders'] },
        targets: [new eventTargets.LambdaFunction(alias, { retryAttempts: 3, maxEventAge: Duration.hours(1), deadLetterQueue: new sqs.Queue(s, 'Dlq') })],
      });
      if (conditional) {
        const prod = new CfnCondition(s, 'Prod', { expression: Fn.conditionEquals('a', 'b') });
        (rule.node.defaultChild as events.CfnRule).addPropertyOverride('Targets.0.DeadLetterConfig',
          Fn.conditionIf(prod.logicalId, { Arn: 'arn:aws:sqs:us-east-1:123456789012:dlq' }, Aws.NO_VALUE));
      }
    };
    expect(findings('SP-S2', build(false))).toEqual([]);
    const v = findings('SP-S2', build(true));
    expect(v.map(x => x.severity)).toEqual(['warning']);
    expect(v[0].description).toMatch(/^Could not check: .*chosen by a condition/);
  });
});
