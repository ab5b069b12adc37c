import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AuditModel, AuditResource } from './model';
import { AuditRule, Finding } from './rule';
import { newestOfFamily } from '../function/runtime';
import { RUNTIME_LIFECYCLE } from '../function/runtime-lifecycle';

/**
 * Actions AWS requires on `Resource: "*"` for a function (no resource-level permissions): X-Ray, the network
 * interfaces of a function in a VPC or of an MSK poller, DynamoDB ListStreams, CloudWatch PutMetricData (BP-F14, V7).
 */
const DOCUMENTED_WILDCARDS = new Set([
  'xray:PutTraceSegments', 'xray:PutTelemetryRecords',
  'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces', 'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface',
  'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses', 'ec2:DescribeVpcs', 'ec2:DescribeSecurityGroups',
  'dynamodb:ListStreams', 'cloudwatch:PutMetricData',
]);

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Every policy document that reaches a role: its inline policies, `AWS::IAM::Policy` and customer managed policies. */
function documentsOf(m: AuditModel, role: AuditResource): { resource: AuditResource; location: string; document: any }[] {
  const out = (role.props.Policies ?? []).map((p: any, i: number) => ({ resource: role, location: `Properties.Policies.${i}`, document: p.PolicyDocument }));
  for (const type of ['AWS::IAM::Policy', 'AWS::IAM::ManagedPolicy']) {
    for (const p of m.ofType(type)) {
      if (list(p.props.Roles).some(r => m.target(p, r)?.resource === role)) out.push({ resource: p, location: 'Properties.PolicyDocument', document: p.props.PolicyDocument });
    }
  }
  for (const arn of list(role.props.ManagedPolicyArns)) {
    const p = m.target(role, arn)?.resource;
    if (p?.type === 'AWS::IAM::ManagedPolicy') out.push({ resource: p, location: 'Properties.PolicyDocument', document: p.props.PolicyDocument });
  }
  return out;
}

/** Function roles (BP-F2, F3, F4, F14): what the runtime, memory and timeout are, and what the role may do. */
export const ROLE_RULES: AuditRule[] = [
  {
    id: 'SP-F2',
    severity: 'error',
    why: 'a deprecated runtime gets no security patches, and AWS blocks creating and updating functions on it; an older runtime of a family misses what the newest brings (cdk-nag AwsSolutions-L1, Serverless-LambdaLatestVersion).',
    fix: 'move to the newest runtime of the family (its lambda.Runtime constant).',
    check: m => m.ofType('AWS::Lambda::Function').flatMap((f): Finding[] => {
      const name = f.props.Runtime;
      if (typeof name !== 'string') return [];
      const today = new Date().toISOString().slice(0, 10);
      const life = RUNTIME_LIFECYCLE[name];
      if (life && today >= life.createBlock) {
        return [{ resource: f, detail: `runtime ${name} is deprecated (${life.deprecated}); AWS blocks creating functions on it since ${life.createBlock}`, location: 'Properties.Runtime' }];
      }
      const newest = newestOfFamily(new lambda.Runtime(name));
      if (life && today >= life.deprecated) return [{ resource: f, detail: `runtime ${name} is deprecated since ${life.deprecated}`, location: 'Properties.Runtime', warning: true }];
      return newest && newest !== name ? [{ resource: f, detail: `runtime ${name} is older than ${newest}`, location: 'Properties.Runtime', warning: true }] : [];
    }),
  },
  {
    id: 'SP-F3',
    severity: 'error',
    why: 'without MemorySize a function gets 128 MB: CPU is proportional to memory, so the default is seldom the cheapest or fastest (AWS Serverless Rules ES1005).',
    fix: 'set memorySize (measure with AWS Lambda Power Tuning).',
    check: m => m.ofType('AWS::Lambda::Function').filter(f => f.props.MemorySize === undefined)
      .map(f => ({ resource: f, detail: 'MemorySize is not set (128 MB)', location: 'Properties.MemorySize' })),
  },
  {
    id: 'SP-F4',
    severity: 'error',
    why: 'without Timeout a function stops after 3 s, whatever its work needs (AWS Serverless Rules ES1006).',
    fix: 'set timeout to the p99 duration plus a margin.',
    check: m => m.ofType('AWS::Lambda::Function').filter(f => f.props.Timeout === undefined)
      .map(f => ({ resource: f, detail: 'Timeout is not set (3 s)', location: 'Properties.Timeout' })),
  },
  {
    id: 'SP-F14',
    severity: 'error',
    why: 'a function\'s role should allow what the function does and no more: no AWS managed policy, and no `*` action or resource except where AWS requires it (X-Ray, network interfaces, ListStreams). Both peers read only a role\'s inline policies; this reads every policy attached to it.',
    fix: 'replace the managed policy and the wildcard with statements on the resources the function uses (grant methods do this), or acknowledge SP-F14 with the reason.',
    check: m => {
      const out: Finding[] = [];
      const roles = new Set<AuditResource>();
      for (const f of m.ofType('AWS::Lambda::Function')) {
        const role = m.target(f, f.props.Role)?.resource;
        if (role?.type === 'AWS::IAM::Role') roles.add(role);
      }
      for (const role of roles) {
        for (const arn of list(role.props.ManagedPolicyArns)) {
          const name = /:iam::aws:policy\/([^"]+)"/.exec(JSON.stringify(arn))?.[1];
          if (name) out.push({ resource: role, detail: `the function role ${role.logicalId} has the AWS managed policy ${name}`, location: 'Properties.ManagedPolicyArns' });
        }
        for (const { resource, location, document } of documentsOf(m, role)) {
          list(document?.Statement).forEach((st: any, i: number) => {
            if (st.Effect !== 'Allow') return;
            const actions = list(st.Action).filter((a): a is string => typeof a === 'string');
            const wildAction = actions.find(a => a === '*' || a.endsWith(':*'));
            const wildResource = list(st.Resource).includes('*') && !actions.every(a => DOCUMENTED_WILDCARDS.has(a));
            if (wildAction || wildResource) {
              out.push({
                resource,
                detail: `a statement of the function role ${role.logicalId} allows ${wildAction ? `the action ${wildAction}` : `${actions.join(', ')} on Resource "*"`}`,
                location: `${location}.Statement.${i}`,
              });
            }
          });
        }
      }
      return out;
    },
  },
];
