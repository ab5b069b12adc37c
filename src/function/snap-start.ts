import { Annotations, Size, SizeRoundingBehavior } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { fail } from '../private/validation';

/** What decides SnapStart (BP-F18). */
export interface SnapStartInput {
  readonly snapStart?: lambda.SnapStartConf;
  readonly javaSnapStart?: boolean;
  readonly runtime: lambda.Runtime;
  readonly provisionedConcurrency: boolean;
  readonly filesystem?: lambda.FileSystem;
  readonly ephemeralStorageSize?: Size;
}

/** The runtimes the installed aws-cdk-lib marks as supporting SnapStart (Java 11+, Python 3.12+, .NET 8+ today). */
function snapStartRuntimes(): string[] {
  return Object.getOwnPropertyNames(lambda.Runtime)
    .map(k => (lambda.Runtime as any)[k])
    .filter(r => r instanceof lambda.Runtime && r.supportsSnapStart)
    .map(r => r.name);
}

/**
 * BP-F18, from "Improving startup performance with Lambda SnapStart" (Lambda developer guide, "Supported features
 * and limitations"): SnapStart works on published versions (what the alias points at) of Java 11+, Python 3.12+ and
 * .NET 8+ managed runtimes, and not with provisioned concurrency, Amazon EFS or ephemeral storage above 512 MB.
 *
 * On by default for Java, where it costs nothing; for Python and .NET it is charged (a cache charge for as long as the
 * version is active, and one per restore: "SnapStart pricing"), so it is on only when asked. Asked for where it cannot
 * work, it is refused; by default it gives way to provisioned concurrency, EFS and large ephemeral storage.
 */
export function snapStartFor(scope: IConstruct, p: SnapStartInput): lambda.SnapStartConf | undefined {
  const ephemeralMb = p.ephemeralStorageSize && !p.ephemeralStorageSize.isUnresolved()
    ? p.ephemeralStorageSize.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) : undefined;
  const conflicts: Array<[string, string, string]> = [
    ...(p.provisionedConcurrency ? [['provisionedConcurrency', 'both given', 'keep provisioned concurrency (it removes cold starts altogether) or SnapStart, not both'] as [string, string, string]] : []),
    ...(p.filesystem ? [['filesystem', 'an Amazon EFS file system', 'remove the file system, or snapStart'] as [string, string, string]] : []),
    ...(ephemeralMb !== undefined && ephemeralMb > 512
      ? [['ephemeralStorageSize', `${ephemeralMb} MiB`, 'set ephemeralStorageSize to 512 MiB or less, or remove snapStart'] as [string, string, string]] : []),
  ];
  const isJava = p.runtime.family === lambda.RuntimeFamily.JAVA;
  if (p.javaSnapStart !== undefined && p.snapStart) {
    fail(scope, {
      rule: 'F18',
      prop: 'javaSnapStart / snapStart',
      value: `javaSnapStart: ${p.javaSnapStart} and snapStart both given`,
      allowed: 'one of the two: javaSnapStart switches the Java default, snapStart asks for SnapStart on any runtime',
      fix: p.javaSnapStart ? 'remove javaSnapStart.' : 'remove snapStart (javaSnapStart: false keeps SnapStart off).',
    });
  }
  if (p.javaSnapStart === true && !isJava) {
    fail(scope, {
      rule: 'F18',
      prop: 'javaSnapStart',
      value: `true, with runtime ${p.runtime.name}`,
      allowed: 'javaSnapStart only with a Java runtime',
      fix: `remove javaSnapStart${p.runtime.supportsSnapStart ? `; for ${p.runtime.name}, snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS asks for it (charged)` : ''}.`,
    });
  }
  if (p.javaSnapStart === false) return undefined;
  // javaSnapStart: true is asked for, like snapStart: refused where it cannot work rather than given way.
  const asked = p.snapStart ?? (p.javaSnapStart ? lambda.SnapStartConf.ON_PUBLISHED_VERSIONS : undefined);
  if (asked) {
    if (!p.runtime.supportsSnapStart) {
      fail(scope, {
        rule: 'F18',
        prop: p.snapStart ? 'snapStart' : 'javaSnapStart',
        value: `on, with runtime ${p.runtime.name}`,
        allowed: `SnapStart only on the managed runtimes that support it (${snapStartRuntimes().join(', ')})`,
        fix: `remove ${p.snapStart ? 'snapStart' : 'javaSnapStart'}, or move to a runtime that supports it; for Node.js, keep the package small (BP-F21) or use provisionedConcurrency for cold-start-free latency.`,
      });
    }
    const [prop, value, fix] = conflicts[0] ?? [];
    if (prop) {
      fail(scope, {
        rule: 'F18',
        prop: `${p.snapStart ? 'snapStart' : 'javaSnapStart'} / ${prop}`,
        value,
        allowed: 'SnapStart without provisioned concurrency, Amazon EFS or ephemeral storage above 512 MB',
        fix: `${fix}.`,
      });
    }
    acknowledgePublishWarning(scope);
    return asked;
  }
  // An ephemeral storage size that is a token (a CfnParameter) may be above 512 MB: the default gives way to it too.
  const ephemeralUnknown = p.ephemeralStorageSize !== undefined && ephemeralMb === undefined;
  if (!isJava || !p.runtime.supportsSnapStart || conflicts.length > 0 || ephemeralUnknown) return undefined;
  acknowledgePublishWarning(scope);
  return lambda.SnapStartConf.ON_PUBLISHED_VERSIONS;
}

/** aws-cdk-lib warns that SnapStart needs published versions: every function of this library has one (BP-F8). */
function acknowledgePublishWarning(scope: IConstruct): void {
  Annotations.of(scope).acknowledgeWarning('@aws-cdk/aws-lambda:snapStartRequirePublish',
    'The alias points at the published version, which is what SnapStart snapshots (BP-F8, F18).');
}
