import { createHash } from 'crypto';
import { Names } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** CloudFormation's documented limits for the names and descriptions the library generates (BP-X4). */
export const TEXT_LIMITS = {
  /** `AWS::EC2::SecurityGroup` GroupDescription and every security-group rule Description. */
  ec2Description: 255,
  /** `AWS::IAM::Role` Description. */
  roleDescription: 1000,
  /** `AWS::CloudWatch::Alarm` AlarmDescription. */
  alarmDescription: 1024,
  /** `AWS::Events::Rule` and `AWS::Scheduler::Schedule` Description. */
  eventsDescription: 512,
  /** `AWS::RDS::DBProxy` DBProxyName. */
  proxyName: 60,
};

/** Characters EC2 accepts in security-group and rule descriptions: a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*. */
const EC2_DISALLOWED = /[^a-zA-Z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g;

/** Characters IAM accepts in a role description (tab, line breaks, printable Latin-1). */
const IAM_DISALLOWED = /[^\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]/g;

/**
 * `text` cut to `max` characters: when it is longer, the end is replaced by a hash of the whole text, so
 * two long texts that differ only at the end stay distinct (as `Names.uniqueResourceName` does).
 */
export function fitText(text: string, max: number): string {
  if (text.length <= max) return text;
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 8);
  return `${text.slice(0, max - hash.length - 4)}... ${hash}`;
}

/** A security-group or rule description: EC2's characters only, at most 255 characters at any tree depth. */
export function ec2Description(text: string): string {
  return fitText(text.replace(EC2_DISALLOWED, '_'), TEXT_LIMITS.ec2Description);
}

/** An IAM role description: IAM's characters only, at most 1,000 characters. */
export function roleDescription(text: string): string {
  return fitText(text.replace(IAM_DISALLOWED, '_'), TEXT_LIMITS.roleDescription);
}

/**
 * A physical name for an RDS Proxy, unique per stack path: 1–60 letters, digits and hyphens, starting with
 * a letter, no two hyphens in a row, not ending in a hyphen (RDS `DBProxyName`). It does not depend on the
 * `@aws-cdk/aws-rds:databaseProxyUniqueResourceName` feature flag (without it aws-cdk-lib names every
 * proxy after its construct ID, so two stacks in one region would collide).
 */
export function proxyName(scope: IConstruct): string {
  const unique = Names.uniqueResourceName(scope, { maxLength: TEXT_LIMITS.proxyName - 1, separator: '-' });
  const cleaned = unique.replace(/[^A-Za-z0-9-]/g, '').replace(/-+/g, '-').replace(/-$/, '');
  return (/^[A-Za-z]/.test(cleaned) ? cleaned : `p${cleaned}`).slice(0, TEXT_LIMITS.proxyName).replace(/-$/, '');
}
