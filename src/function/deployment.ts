import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as codedeploy from 'aws-cdk-lib/aws-codedeploy';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { AlarmSpec, FunctionAlarmsOptions } from './alarms';
import { acknowledge } from '../private/nag';
import { fail } from '../private/validation';

/**
 * Gradual deployment of new versions to the alias with AWS CodeDeploy (BP-F16): canary or linear
 * traffic shifting, rolled back automatically when the new version is unhealthy.
 *
 * The rollback alarms watch the new version only: its errors and its p99 duration, measured on the alias
 * with the `ExecutedVersion` dimension (Lambda publishes it for alias invocations, "to compare error rates
 * for two versions of a function that are both targets of a weighted alias"). Backlog alarms (a queue's
 * dead-letter queue, the age of its oldest message, an on-failure queue) and throttles are not about the
 * new version and never roll it back.
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
  /**
   * Further alarms that roll a deployment back (e.g. a business metric of the new version), together with
   * the two rollback alarms the construct creates: at most 8, so that the deployment group holds at most
   * the 10 alarms CloudFormation's `AlarmConfiguration` allows.
   * @default - none
   */
  readonly rollbackAlarms?: cloudwatch.IAlarm[];
}

/** CloudFormation `AWS::CodeDeploy::DeploymentGroup` `AlarmConfiguration.Alarms`: at most 10 (BP-F16). */
export const MAX_ROLLBACK_ALARMS = 10;
/** The rollback alarms the construct creates itself: the new version's errors and p99 duration. */
const OWN_ROLLBACK_ALARMS = 2;

/** Refuses a gradual deployment that nothing could roll back, or more alarms than CodeDeploy takes (BP-F16, X4). */
export function checkDeployment(scope: Construct, deployment: GradualDeploymentOptions | undefined, alarmsEnabled: boolean): void {
  if (!deployment) return;
  if (!alarmsEnabled) {
    fail(scope, {
      rule: 'F16',
      prop: 'deployment',
      value: 'set while alarms.enabled is false',
      allowed: 'a gradual deployment only together with the function\'s alarms, which roll it back',
      fix: 'remove alarms.enabled: false, or remove deployment.',
    });
  }
  const extra = deployment.rollbackAlarms?.length ?? 0;
  if (extra > MAX_ROLLBACK_ALARMS - OWN_ROLLBACK_ALARMS) {
    fail(scope, {
      rule: 'F16',
      prop: 'deployment.rollbackAlarms',
      value: `${extra} alarms`,
      allowed: `at most ${MAX_ROLLBACK_ALARMS - OWN_ROLLBACK_ALARMS} (a deployment group holds ${MAX_ROLLBACK_ALARMS} alarms; the construct adds the new version's errors and p99 duration)`,
      fix: 'combine alarms into a composite alarm (cloudwatch.CompositeAlarm) and pass that.',
    });
  }
}

/** What the rollback alarms are made of: the function, its alias, the version being deployed, its alarm settings. */
export interface RollbackInput {
  readonly function: lambda.IFunction;
  readonly alias: lambda.Alias;
  readonly version: lambda.IVersion;
  readonly timeout: Duration;
  readonly alarms: FunctionAlarmsOptions;
  /** Creates an alarm with the function's actions (the construct's `createAlarm`). */
  readonly createAlarm: (id: string, spec: AlarmSpec) => cloudwatch.IAlarm;
}

/**
 * Creates the deployment group on the alias, rolled back by the new version's own health alarms only
 * (BP-F16): errors and p99 duration of the executed version, plus `rollbackAlarms`.
 */
export function createDeploymentGroup(scope: Construct, deployment: GradualDeploymentOptions, r: RollbackInput): codedeploy.LambdaDeploymentGroup {
  const period = r.alarms.period ?? Duration.minutes(1);
  const newVersion = (metricName: string, statistic: string) => new cloudwatch.Metric({
    namespace: 'AWS/Lambda',
    metricName,
    statistic,
    period,
    dimensionsMap: { FunctionName: r.function.functionName, Resource: `${r.function.functionName}:${r.alias.aliasName}`, ExecutedVersion: r.version.version },
  });
  const rollback: cloudwatch.IAlarm[] = [r.createAlarm('RollbackErrorsAlarm', {
    metric: newVersion('Errors', 'Sum'),
    threshold: r.alarms.errorsThreshold ?? 1,
    description: '[F16] The version being deployed reported errors: CodeDeploy rolls the alias back to the previous version.',
  })];
  if (!r.timeout.isUnresolved()) {
    const percent = r.alarms.durationThresholdPercent ?? 80;
    rollback.push(r.createAlarm('RollbackDurationAlarm', {
      metric: newVersion('Duration', 'p99'),
      threshold: Math.round(r.timeout.toMilliseconds() * percent / 100),
      description: `[F16] The p99 duration of the version being deployed reached ${percent}% of its ${r.timeout.toHumanString()} timeout: CodeDeploy rolls the alias back.`,
    }));
  }
  // A copy: alarms added to the function later (addAlarm) never join the rollback set.
  rollback.push(...(deployment.rollbackAlarms ?? []));
  const group = new codedeploy.LambdaDeploymentGroup(scope, 'DeploymentGroup', {
    alias: r.alias,
    deploymentConfig: deployment.deploymentConfig,
    application: deployment.application,
    preHook: deployment.preHook,
    postHook: deployment.postHook,
    alarms: [...rollback],
    autoRollback: { failedDeployment: true, stoppedDeployment: true, deploymentInAlarm: true },
  });
  acknowledge(group.role,
    'CodeDeploy\'s service role uses AWSCodeDeployRoleForLambdaLimited, the AWS-maintained policy scoped to the Lambda deployments CodeDeploy performs; it is not the function\'s role (BP-F14 applies to that).',
    'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSCodeDeployRoleForLambdaLimited]');
  return group;
}
