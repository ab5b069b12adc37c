import { Match, Template } from 'aws-cdk-lib/assertions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import { QueueWorker, ServerlessFunction } from '../../src';
import { errorOf, inlineCode, logicalIdsOf, testStack } from '../helpers';

describe('ServerlessFunction gradual deployment', () => {
  test('BP-F16: canary traffic shifting on the alias, rolled back by the new version\'s errors and p99 duration only', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(),
      deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES },
    });
    const t = Template.fromStack(stack);
    const rollback = logicalIdsOf(t, 'AWS::CloudWatch::Alarm').filter(id => id.startsWith('FnRollback'));
    expect(rollback).toHaveLength(2);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      AlarmConfiguration: { Enabled: true, Alarms: rollback.map(a => ({ Name: { Ref: a } })) },
      AutoRollbackConfiguration: { Enabled: true, Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']) },
    });
    // Both watch the version being deployed, through the alias (ExecutedVersion dimension).
    const version = logicalIdsOf(t, 'AWS::Lambda::Version')[0];
    for (const [metric, stat] of [['Errors', 'Sum'], ['Duration', 'p99']]) {
      t.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        ...(stat === 'Sum' ? { Statistic: 'Sum' } : { ExtendedStatistic: 'p99' }),
        Dimensions: Match.arrayWith([
          { Name: 'ExecutedVersion', Value: { 'Fn::GetAtt': [version, 'Version'] } },
          { Name: 'Resource', Value: { 'Fn::Join': ['', [{ Ref: Match.stringLikeRegexp('^FnFunction') }, ':live']] } },
        ]),
      });
    }
    t.hasResource('AWS::Lambda::Alias', { UpdatePolicy: { CodeDeployLambdaAliasUpdate: Match.anyValue() } });
    expect(fn.deploymentGroup).toBeDefined();
  });

  test('BP-F16: backlog alarms and alarms added later never join the rollback set; never more than 10', () => {
    const stack = testStack();
    const worker = new QueueWorker(stack, 'Worker', {
      functionProps: { code: inlineCode(), deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES } },
    });
    const job = new ServerlessFunction(stack, 'Async', {
      code: inlineCode(),
      invokedAsynchronously: true,
      deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE },
    });
    for (let i = 0; i < 8; i++) job.addAlarm(`Extra${i}`, { metric: job.metricInvocations(), threshold: 1000, description: 'busy' });
    const t = Template.fromStack(stack);
    for (const group of Object.values(t.findResources('AWS::CodeDeploy::DeploymentGroup')) as any[]) {
      const names = group.Properties.AlarmConfiguration.Alarms.map((a: any) => a.Name.Ref as string);
      expect(names).toHaveLength(2);
      expect(names.every((n: string) => /Rollback(Errors|Duration)Alarm/.test(n))).toBe(true);
    }
    expect(worker.alarms.length).toBeGreaterThan(4);
  });

  test('BP-F16: rollbackAlarms join the two own alarms, up to 10 in all', () => {
    const stack = testStack();
    const extra = new ServerlessFunction(stack, 'Other', { code: inlineCode() }).alarms[0];
    new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(),
      deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE, rollbackAlarms: [extra] },
    });
    const group = Object.values(Template.fromStack(stack).findResources('AWS::CodeDeploy::DeploymentGroup'))[0] as any;
    expect(group.Properties.AlarmConfiguration.Alarms).toHaveLength(3);
    expect(errorOf(() => new ServerlessFunction(stack, 'TooMany', {
      code: inlineCode(),
      deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.ALL_AT_ONCE, rollbackAlarms: Array(9).fill(extra) },
    }))).toContain('[F16] TestStack/TooMany: deployment.rollbackAlarms is 9 alarms; allowed: at most 8');
  });

  test('BP-F16: linear traffic shifting', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(),
      deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.LINEAR_10PERCENT_EVERY_1MINUTE },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaLinear10PercentEvery1Minute',
    });
  });

  test('BP-F16: no deployment group unless asked', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    Template.fromStack(stack).resourceCountIs('AWS::CodeDeploy::DeploymentGroup', 0);
  });
});
