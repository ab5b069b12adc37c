import { AuditModel, AuditResource } from './model';
import { AuditRule, Finding, functionOf } from './rule';

/** A function an S3 bucket triggers, with the key prefix the trigger matches ('' for every key). */
interface Trigger { readonly bucket: AuditResource; readonly fn: AuditResource; readonly prefix: string }

/** The functions that consume a queue (through their event source mappings). */
function consumersOf(m: AuditModel, queue: AuditResource): AuditResource[] {
  return m.ofType('AWS::Lambda::EventSourceMapping').filter(esm => m.target(esm, esm.props.EventSourceArn)?.resource === queue)
    .map(esm => functionOf(m, esm, esm.props.FunctionName)).filter((f): f is AuditResource => f !== undefined);
}

/** Functions reached from a target: a function (or alias) directly, or a queue's consumers. */
function reached(m: AuditModel, from: AuditResource, value: unknown): AuditResource[] {
  const target = m.target(from, value)?.resource ?? m.referenced(from, value)[0];
  if (!target) return [];
  if (target.type === 'AWS::SQS::Queue') return consumersOf(m, target);
  const fn = functionOf(m, from, value);
  return fn ? [fn] : [];
}

function triggers(m: AuditModel): Trigger[] {
  const out: Trigger[] = [];
  for (const bucket of m.ofType('AWS::S3::Bucket')) {
    const n = bucket.props.NotificationConfiguration ?? {};
    const prefixOf = (c: any) => (c.Filter?.S3Key?.Rules ?? []).find((r: any) => String(r.Name).toLowerCase() === 'prefix')?.Value ?? '';
    for (const c of n.LambdaConfigurations ?? []) for (const fn of reached(m, bucket, c.Function)) out.push({ bucket, fn, prefix: prefixOf(c) });
    for (const c of n.QueueConfigurations ?? []) for (const fn of reached(m, bucket, c.Queue)) out.push({ bucket, fn, prefix: prefixOf(c) });
  }
  // aws-cdk-lib's notifications custom resource (an app bucket's addEventNotification).
  for (const n of m.ofType('Custom::S3BucketNotifications')) {
    const bucket = m.referenced(n, n.props.BucketName, 'AWS::S3::Bucket')[0];
    if (!bucket) continue;
    const c = n.props.NotificationConfiguration ?? {};
    const prefixOf = (x: any) => (x.Filter?.Key?.FilterRules ?? []).find((r: any) => String(r.Name).toLowerCase() === 'prefix')?.Value ?? '';
    for (const x of c.LambdaFunctionConfigurations ?? []) {
      for (const fn of reached(m, n, x.LambdaFunctionArn)) out.push({ bucket, fn, prefix: prefixOf(x) });
    }
    for (const x of c.QueueConfigurations ?? []) for (const fn of reached(m, n, x.QueueArn)) out.push({ bucket, fn, prefix: prefixOf(x) });
  }
  // S3 → EventBridge: a rule on aws.s3 events whose detail names the bucket.
  for (const rule of m.ofType('AWS::Events::Rule')) {
    const pattern = rule.props.EventPattern ?? {};
    if (!(pattern.source ?? []).includes('aws.s3')) continue;
    const buckets = m.referenced(rule, pattern.detail?.bucket?.name ?? [], 'AWS::S3::Bucket');
    const key = (pattern.detail?.object?.key ?? [])[0];
    const prefix = typeof key === 'object' ? (key.prefix ?? (typeof key.wildcard === 'string' ? key.wildcard.split('*')[0] : '')) : '';
    for (const bucket of buckets) {
      for (const t of rule.props.Targets ?? []) for (const fn of reached(m, rule, t.Arn)) out.push({ bucket, fn, prefix });
    }
  }
  return out;
}

/** The key prefixes under `bucket` that a function's role may write (PutObject), from its policies. */
function writablePrefixes(m: AuditModel, fn: AuditResource, bucket: AuditResource): string[] {
  const role = m.target(fn, fn.props.Role)?.resource;
  if (!role) return [];
  const documents = [
    ...(role.props.Policies ?? []).map((p: any) => p.PolicyDocument),
    ...m.ofType('AWS::IAM::Policy').filter(p => m.referenced(p, p.props.Roles ?? []).includes(role)).map(p => p.props.PolicyDocument),
  ];
  const out: string[] = [];
  for (const doc of documents) {
    for (const s of doc?.Statement ?? []) {
      const actions = [s.Action].flat();
      if (s.Effect !== 'Allow' || !actions.some((a: string) => ['s3:PutObject', 's3:Put*', 's3:*', '*'].includes(a))) continue;
      for (const r of [s.Resource].flat()) {
        if (r === '*') { out.push(''); continue; }
        if (!m.referenced(fn, r, 'AWS::S3::Bucket').includes(bucket)) continue;
        const parts = (r as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join']?.[1] ?? [];
        const tail = parts.filter((x): x is string => typeof x === 'string').join('');
        const match = /\/(.*)\*$/.exec(tail);
        if (match) out.push(match[1]);
      }
    }
  }
  return out;
}

/** The recursion trap (BP-P4): a bucket triggers a function that may write into the bucket where the trigger matches. */
export const RECURSION_RULE: AuditRule = {
  id: 'SP-P4',
  severity: 'error',
  why: 'a function that writes where its trigger listens triggers itself: an endless, expensive loop (S3 → Lambda → S3).',
  fix: 'write to another bucket, or under a prefix the trigger does not match (input \'incoming/\', output \'processed/\'), and grant PutObject on that prefix only.',
  check: m => {
    const out: Finding[] = [];
    const seen = new Set<string>();
    for (const t of triggers(m)) {
      for (const prefix of writablePrefixes(m, t.fn, t.bucket)) {
        if (!(prefix.startsWith(t.prefix) || t.prefix.startsWith(prefix))) continue;
        const key = `${t.fn.logicalId}|${t.bucket.logicalId}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({
          resource: t.fn,
          detail: `bucket ${t.bucket.logicalId} triggers it for keys under '${t.prefix}', and it may write under '${prefix}' in the same bucket`,
          location: 'Properties.Role',
        });
      }
    }
    return out;
  },
};
