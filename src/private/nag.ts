import { Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges cdk-nag findings that do not apply to one resource, with the reason (BP-X2).
 * The library acknowledges only on the exact construct the finding is about, never on a stack.
 */
export function acknowledge(scope: IConstruct, reason: string, ...ruleIds: string[]): void {
  // aws-cdk-lib records a stack trace with each acknowledgement (where it was made). Within the library's deep
  // construct stacks 10 frames never reach the user's code, and through ts-node each frame is source-mapped: a few
  // frames say the same (the library acknowledged it) at a fraction of the cost (`npm run bench`: 4 ms per stack).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = ACKNOWLEDGEMENT_TRACE_FRAMES;
  try {
    Validations.of(scope).acknowledge(...ruleIds.map(id => ({ id, reason })));
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** The frames kept in an acknowledgement's trace: aws-cdk-lib's acknowledge, this function, its caller in the library. */
const ACKNOWLEDGEMENT_TRACE_FRAMES = 3;

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
