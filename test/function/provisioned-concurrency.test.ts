import { TimeZone } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import { ServerlessFunction } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

describe('ServerlessFunction provisioned concurrency', () => {
  test('BP-F9: none by default', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    const t = Template.fromStack(stack);
    const alias = Object.values(t.findResources('AWS::Lambda::Alias'))[0] as { Properties: Record<string, unknown> };
    expect(alias.Properties.ProvisionedConcurrencyConfig).toBeUndefined();
    t.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });

  test('BP-F9: only on the alias, fixed when no maxCapacity', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), provisionedConcurrency: { minCapacity: 2 } });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::Lambda::Alias', { ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 2 } });
    const version = Object.values(t.findResources('AWS::Lambda::Version'))[0] as { Properties: Record<string, unknown> };
    expect(version.Properties.ProvisionedConcurrencyConfig).toBeUndefined();
    t.resourceCountIs('AWS::ApplicationAutoScaling::ScalableTarget', 0);
  });

  test('BP-F9: target tracking on LambdaProvisionedConcurrencyUtilization at 0.7, and schedules', () => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', {
      code: inlineCode(),
      provisionedConcurrency: {
        minCapacity: 1,
        maxCapacity: 10,
        schedules: [{ name: 'BusinessHours', schedule: appscaling.Schedule.cron({ hour: '8', minute: '0' }), minCapacity: 5, timeZone: TimeZone.EUROPE_BERLIN }],
      },
    });
    const t = Template.fromStack(stack);
    const [alias] = logicalIdsOf(t, 'AWS::Lambda::Alias');
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', {
      MinCapacity: 1,
      MaxCapacity: 10,
      ScalableDimension: 'lambda:function:ProvisionedConcurrency',
      ServiceNamespace: 'lambda',
      ResourceId: { 'Fn::Join': ['', ['function:', { 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: alias }] }] }, ':live']] },
      ScheduledActions: [{ ScheduledActionName: 'BusinessHours', Schedule: 'cron(0 8 * * ? *)', ScalableTargetAction: { MinCapacity: 5 }, Timezone: 'Europe/Berlin' }],
    });
    t.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 0.7, PredefinedMetricSpecification: { PredefinedMetricType: 'LambdaProvisionedConcurrencyUtilization' } },
    });
    expect(fn.provisionedConcurrencyScaling).toBeDefined();
  });

  test('BP-F9: a custom utilization target', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), provisionedConcurrency: { minCapacity: 1, maxCapacity: 4, utilizationTarget: 0.5 } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      TargetTrackingScalingPolicyConfiguration: { TargetValue: 0.5 },
    });
  });

  test('BP-F10: reserved concurrency, including the 0 kill switch', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), reservedConcurrentExecutions: 0 });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 0 });
  });
});
