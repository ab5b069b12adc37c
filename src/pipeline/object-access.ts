import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { acknowledge, nagResource } from '../private/nag';

/** One kind of access to the objects under a prefix. */
export interface ObjectAccess {
  readonly bucket: s3.IBucket;
  readonly prefix: string;
  /**
   * `read` = GetObject(+Version), `write` = PutObject, `list` = ListBucket limited to the prefix,
   * `tag` = Get/PutObjectTagging (the reconciliation's attempt count).
   */
  readonly mode: 'read' | 'write' | 'list' | 'tag';
}

const OBJECT_ACTIONS = {
  read: ['s3:GetObject', 's3:GetObjectVersion'],
  write: ['s3:PutObject'],
  tag: ['s3:GetObjectTagging', 's3:PutObjectTagging'],
};

/**
 * Exactly the S3 actions a pipeline function needs (BP-P4, F14): no `s3:*` or `Get*` action
 * wildcards. They join the role's other grants; the one wildcard left — object keys under a prefix — is
 * acknowledged by its exact finding ID (which names the bucket and prefix), so no other wildcard in the
 * same policy is hidden.
 */
export function grantObjectAccess(role: iam.IRole, accesses: ObjectAccess[]): void {
  const keyWildcards: string[] = [];
  let policy: IConstruct | undefined;
  for (const a of accesses) {
    const statement = a.mode === 'list'
      ? new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [a.bucket.bucketArn],
        conditions: a.prefix ? { StringLike: { 's3:prefix': [`${a.prefix}*`] } } : undefined,
      })
      : new iam.PolicyStatement({
        actions: OBJECT_ACTIONS[a.mode],
        resources: [a.bucket.arnForObjects(`${a.prefix}*`)],
      });
    role.addToPrincipalPolicy(statement);
    // The policy a Role puts grants in (an imported role keeps it under 'Policy').
    policy = role.node.tryFindChild('DefaultPolicy') ?? role.node.tryFindChild('Policy') ?? policy;
    if (a.mode === 'list') continue;
    if (a.mode === 'tag') {
      keyWildcards.push(nagResource(role, a.bucket.bucketArn, `/${a.prefix}*`));
      continue;
    }
    if (a.mode === 'read') a.bucket.encryptionKey?.grantDecrypt(role);
    else a.bucket.encryptionKey?.grantEncryptDecrypt(role);
    keyWildcards.push(nagResource(role, a.bucket.bucketArn, `/${a.prefix}*`));
  }
  const ids = [...new Set(keyWildcards)].map(r => `AwsSolutions-IAM5[Resource::${r}]`);
  if (policy && ids.length > 0) {
    acknowledge(policy, 'Objects are addressed by key: the function may read (or write) any object under its prefix, and nothing else (BP-P4).', ...ids);
  }
}
