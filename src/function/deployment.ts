import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { acknowledge } from '../private/nag';
import { fail } from '../private/validation';

/**
 * Gradual deployment of new versions to the alias with AWS CodeDeploy (BP-F16): canary or linear
 * traffic shifting, rolled back automatically when one of the function's own alarms fires.
 */
export interface GradualDeploymentOptions {
  /**
   * How traffic shifts, e.g. `codedeploy.LambdaDeploymentConfig.CANARY_10PERCENT_5MINUTES` or
   * `LINEAR_10PERCENT_EVERY_1MINUTE`.
   */
  readonly deploymentConfig: codedeploy.ILambdaDeploymentConfig;
  /**
   * The CodeDeploy application.
   * @default - one is created
   */
  readonly application?: codedeploy.ILambdaApplication;
  /**
   * A function run before traffic shifts (a smoke test of the new version).
   * @default - none
   */
  readonly preHook?: lambda.IFunction;
  /**
   * A function run after traffic has shifted.
   * @default - none
   */
  readonly postHook?: lambda.IFunction;
}

/** Refuses a gradual deployment that nothing could roll back (BP-F16, X4). */
export function checkDeployment(scope: Construct, deployment: GradualDeploymentOptions | undefined, alarmsEnabled: boolean): void {
  if (deployment && !alarmsEnabled) {
    fail(scope, {
      rule: 'F16',
      prop: 'deployment',
      value: 'set while alarms.enabled is false',
      allowed: 'a gradual deployment only together with the function\'s alarms, which roll it back',
      fix: 'remove alarms.enabled: false, or remove deployment.',
    });
  }
}

/** Creates the deployment group on the alias, rolled back by `alarms`. */
export function createDeploymentGroup(
  scope: Construct, alias: lambda.Alias, deployment: GradualDeploymentOptions, alarms: cloudwatch.IAlarm[],
): codedeploy.LambdaDeploymentGroup {
  const group = new codedeploy.LambdaDeploymentGroup(scope, 'DeploymentGroup', {
    alias,
    deploymentConfig: deployment.deploymentConfig,
    application: deployment.application,
    preHook: deployment.preHook,
    postHook: deployment.postHook,
    alarms,
    autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
  });
  acknowledge(group.role,
    'CodeDeploy\'s service role uses AWSCodeDeployRoleForLambdaLimited, the AWS-maintained policy scoped to the Lambda deployments CodeDeploy performs; it is not the function\'s role (BP-F14 applies to that).',
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]');
  return group;
}
