import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { fail } from './validation';

/**
 * The subnets a selection picks, or the library's message (BP-V1, X4) where aws-cdk-lib would throw its own
 * ("There are no 'Public' subnet groups in this VPC") or pick nothing.
 */
export function selectSubnetsOrFail(scope: IConstruct, vpc: ec2.IVpc, selection: ec2.SubnetSelection, prop: string): ec2.SelectedSubnets {
  let reason: string;
  try {
    const selected = vpc.selectSubnets(selection);
    if (selected.subnets.length > 0) return selected;
    reason = 'selects no subnet';
  } catch (e) {
    reason = `does not exist in the VPC (${(e as Error).message.split('\n')[0]})`;
  }
  return fail(scope, {
    rule: 'V1',
    prop,
    value: `a selection that ${reason}`,
    allowed: 'a selection of private subnets the VPC has',
    fix: 'select the VPC\'s private subnets (e.g. { subnetType: SubnetType.PRIVATE_ISOLATED }), or omit it to use them all.',
  });
}
