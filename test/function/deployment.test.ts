import { Match, Template } from 'aws-cdk-lib/assertions';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import { ServerlessFunction } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

describe('ServerlessFunction gradual deployment', () => {
  test('BP-F16: canary traffic shifting on the alias, rolled back by the function\'s own alarms', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(),
      deployment: { deploymentConfig: codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES },
    });
    const t = Template.fromStack(stack);
    const alarms = logicalIdsOf(t, 'AWS::CloudWatch::Alarm');
    expect(alarms).toHaveLength(3);
    t.hasResourceProperties('AWS::CodeDeploy::DeploymentGroup', {
      DeploymentConfigName: 'CodeDeployDefault.LambdaCanary10Percent5Minutes',
      AlarmConfiguration: { Enabled: true, Alarms: Match.arrayWith(alarms.map(a => ({ Name: { Ref: a } }))) },
      AutoRollbackConfiguration: { Enabled: true, Events: Match.arrayWith(['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM']) },
    });
    t.hasResource('AWS::Lambda::Alias', { UpdatePolicy: { CodeDeployLambdaAliasUpdate: Match.anyValue() } });
    expect(fn.deploymentGroup).toBeDefined();
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
