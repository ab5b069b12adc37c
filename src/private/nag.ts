import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings that do not apply to one resource, with the reason (BP-X2).
 * The library acknowledges only on the exact construct the finding is about, never on a stack.
 */
export function acknowledge(scope: IConstruct, reason: string, ...ruleIds: string[]): void {
  Validations.of(scope).acknowledge(...ruleIds.map(id => ({ id, reason })));
}

/**
 * How cdk-nag names a resource ARN in a finding ID: literals as they are, `Ref` as `<Name>`, `Fn::GetAtt` as
 * `<LogicalId.Attribute>`, and an `Fn::Join` with the empty delimiter as its parts in a row — so an imported
 * bucket's `arn:${AWS::Partition}:s3:::name` is `arn:<AWS::Partition>:s3:::name`.
 */
export function nagResource(scope: IConstruct, arn: string, suffix: string): string {
  return `${nagString(Stack.of(scope).resolve(arn))}${suffix}`;
}

function nagString(v: unknown): string {
  if (typeof v === 'string') return v;
  const o = v as { 'Ref'?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]] };
  if (o.Ref !== undefined) return `<${o.Ref}>`;
  if (o['Fn::GetAtt']) return `<${o['Fn::GetAtt'][0]}.${o['Fn::GetAtt'][1]}>`;
  if (o['Fn::Join'] && o['Fn::Join'][0] === '') return o['Fn::Join'][1].map(nagString).join('');
  return JSON.stringify(v);
}
