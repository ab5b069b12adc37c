import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings that do not apply to one resource, with the reason (BP-X2).
 * The library acknowledges only on the exact construct the finding is about, never on a stack.
 */
export function acknowledge(scope: IConstruct, reason: string, ...ruleIds: string[]): void {
  Validations.of(scope).acknowledge(...ruleIds.map(id => ({ id, reason })));
}
