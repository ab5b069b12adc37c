import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CLOUDFRONT_RULES } from './cloudfront-rules';
import { EDGE_RULES } from './edge-rules';
import { EVENT_SOURCE_RULES } from './event-source-rules';
import { FUNCTION_RULES } from './function-rules';
import { AuditModel, isAcknowledged } from './model';
import { RECURSION_RULE } from './recursion-rule';
import { ROLE_RULES } from './role-rules';
import { AuditRule } from './rule';
import { TRIGGER_RULES } from './trigger-rules';
import { checkArguments } from '../private/runtime-types';

/** Every rule of the pack. */
const RULES: AuditRule[] = [
  ...FUNCTION_RULES, ...ROLE_RULES, ...TRIGGER_RULES, ...EVENT_SOURCE_RULES, ...EDGE_RULES, ...CLOUDFRONT_RULES, RECURSION_RULE,
];

/**
 * The library's best-practice catalogue as a rule pack that audits any CDK app, however it was written
 * (hand-written aws-cdk-lib, AWS Solutions Constructs, this library): an aws-cdk-lib policy-validation plugin,
 * registered like cdk-nag's packs, with no dependency on cdk-nag. Rules read the synthesized (L1) resources and
 * look across them where the rule is about a relation (a queue and the function its mapping invokes). Rule IDs
 * are `SP-<catalogue ID>`; acknowledge one on a construct or an ancestor with
 * `Validations.of(construct).acknowledge({ id: 'SP-Q2', reason })`. Where a value is unknown at synth time
 * (an import, a parameter), the rule reports a warning that it could not check.
 *
 * @example
 * import { ServerlessPatternsChecks } from 'cdk-serverless-patterns';
 *
 * Validations.of(app).addPlugins(new ServerlessPatternsChecks());
 */
export class ServerlessPatternsChecks implements IPolicyValidationPlugin {
  /** The pack's name in validation reports. */
  public readonly name = 'ServerlessPatternsChecks';
  /** The pack's version. */
  public readonly version?: string = '1.0.0';
  /** The IDs of its rules. */
  public readonly ruleIds?: string[] = RULES.map(r => r.id);

  /** Entry point of aws-cdk-lib's validation framework (at synthesis, with the construct tree). */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    checkArguments(undefined, 'ServerlessPatternsChecks.validate', [context]); // BP-F20
    return this.validateScope(context.appConstruct);
  }

  /** Audits a construct tree directly (an app, a stage, a stack): for tests and for direct use. */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    checkArguments(undefined, 'ServerlessPatternsChecks.validateScope', [scope]); // BP-F20
    const model = new AuditModel(scope);
    const violations: PolicyViolation[] = [];
    for (const rule of RULES) {
      const findings = rule.check(model).filter(f => !isAcknowledged(f.resource.construct, rule.id));
      for (const [unknown, warning] of [[false, false], [false, true], [true, false]]) {
        const group = findings.filter(f => Boolean(f.unknown) === unknown && (unknown || Boolean(f.warning) === warning));
        if (group.length === 0) continue;
        violations.push({
          ruleName: rule.id,
          description: `${unknown ? 'Could not check: ' : ''}${group.map(f => `${f.resource.construct.node.path}: ${f.detail}`).join('; ')}. Why: ${rule.why}`,
          fix: rule.fix,
          severity: unknown || warning ? 'warning' : rule.severity,
          violatingResources: group.map(f => ({
            constructPath: f.resource.construct.node.path,
            resourceLogicalId: f.resource.logicalId,
            locations: [f.location ?? 'Properties'],
          })),
        });
      }
    }
    return { success: violations.every(v => v.severity !== 'error'), violations, pluginVersion: '1.0.0' };
  }
}
