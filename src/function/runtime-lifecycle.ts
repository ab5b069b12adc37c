import { Annotations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { IConstruct } from 'constructs';
import { newestOfFamily } from './runtime';
import { fail } from '../private/validation';

/**
 * When AWS deprecates a Lambda runtime and when it stops accepting new functions on it (BP-F2).
 *
 * Source: the AWS Lambda runtime deprecation schedule ("Runtime deprecation policy", docs.aws.amazon.com/lambda/
 * latest/dg/lambda-runtimes.html), as cfn-lint 1.51 carries it (`data/AdditionalSpecs/LmbdRuntimeLifecycle.json`,
 * the data behind its E2533/W2531 rules). Dates are UTC days. Runtimes not listed (new ones, custom ones) are
 * not judged.
 */
export const RUNTIME_LIFECYCLE: { [runtime: string]: { deprecated: string; createBlock: string; successor?: string } } = {
  'nodejs16.x': { deprecated: '2024-06-12', createBlock: '2026-06-01', successor: 'nodejs24.x' },
  'nodejs18.x': { deprecated: '2025-09-01', createBlock: '2026-06-01', successor: 'nodejs24.x' },
  'nodejs20.x': { deprecated: '2026-04-30', createBlock: '2026-06-01', successor: 'nodejs24.x' },
  'nodejs22.x': { deprecated: '2027-04-30', createBlock: '2027-06-01', successor: 'nodejs24.x' },
  'nodejs24.x': { deprecated: '2028-04-30', createBlock: '2028-06-01' },
  'python3.8': { deprecated: '2024-10-14', createBlock: '2026-06-01', successor: 'python3.14' },
  'python3.9': { deprecated: '2025-12-15', createBlock: '2026-06-01', successor: 'python3.14' },
  'python3.10': { deprecated: '2026-06-30', createBlock: '2026-07-31', successor: 'python3.14' },
  'python3.11': { deprecated: '2026-06-30', createBlock: '2026-07-31', successor: 'python3.14' },
  'python3.12': { deprecated: '2028-10-31', createBlock: '2028-11-30', successor: 'python3.14' },
  'python3.13': { deprecated: '2029-06-30', createBlock: '2029-07-31', successor: 'python3.14' },
  'python3.14': { deprecated: '2029-06-30', createBlock: '2029-07-31' },
  'java8.al2': { deprecated: '2026-06-30', createBlock: '2026-07-31', successor: 'java25' },
  'java11': { deprecated: '2026-06-30', createBlock: '2026-07-31', successor: 'java25' },
  'java17': { deprecated: '2026-06-30', createBlock: '2026-07-31', successor: 'java25' },
  'java21': { deprecated: '2029-06-30', createBlock: '2029-07-31', successor: 'java25' },
  'java25': { deprecated: '2029-06-30', createBlock: '2029-07-31' },
  'dotnet6': { deprecated: '2024-12-20', createBlock: '2026-06-01', successor: 'dotnet9' },
  'dotnet8': { deprecated: '2026-11-10', createBlock: '2026-12-10', successor: 'dotnet9' },
  'ruby3.2': { deprecated: '2026-03-31', createBlock: '2026-06-01', successor: 'ruby3.4' },
  'ruby3.3': { deprecated: '2027-03-31', createBlock: '2027-04-30', successor: 'ruby3.4' },
  'ruby3.4': { deprecated: '2028-03-31', createBlock: '2028-04-30' },
  'provided.al2': { deprecated: '2026-06-30', createBlock: '2026-07-31', successor: 'provided.al2023' },
  'provided.al2023': { deprecated: '2029-06-30', createBlock: '2029-07-31' },
  'go1.x': { deprecated: '2024-01-08', createBlock: '2024-02-08', successor: 'provided.al2023' },
  'provided': { deprecated: '2024-01-08', createBlock: '2024-02-08', successor: 'provided.al2023' },
};

/**
 * The runtime is the user's choice, but (BP-F2): one whose function creation AWS has blocked fails synth with
 * the date and the runtime to move to; a deprecated one, or an older one of a family that has a successor,
 * is kept with a warning that says what is given up. `today` is an ISO date (YYYY-MM-DD).
 */
export function checkRuntime(scope: IConstruct, runtime: lambda.Runtime, today: string = new Date().toISOString().slice(0, 10)): void {
  const life = RUNTIME_LIFECYCLE[runtime.name];
  if (!life) return;
  if (today >= life.createBlock) {
    fail(scope, {
      rule: 'F2',
      prop: 'runtime',
      value: `${runtime.name} (AWS blocks creating functions on it since ${life.createBlock}; deprecated ${life.deprecated})`,
      allowed: 'a runtime AWS still accepts for new functions',
      fix: `use ${life.successor ?? 'a supported runtime'} (its lambda.Runtime constant), or omit runtime for the newest Node.js runtime.`,
    });
  }
  if (today >= life.deprecated) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:runtimeDeprecated',
      `[F2] runtime ${runtime.name} is deprecated since ${life.deprecated}: no more security patches, and AWS blocks creating functions on it from ${life.createBlock}. Move to ${life.successor ?? 'a supported runtime'}.`);
    return;
  }
  // "Newer" as cdk-nag judges it: the installed aws-cdk-lib may define a runtime newer than the table knows.
  const newer = newestOfFamily(runtime) ?? life.successor;
  if (newer && newer !== runtime.name) {
    Annotations.of(scope).addWarningV2('cdk-serverless-patterns:runtimeNotNewest',
      `[F2] runtime ${runtime.name} is supported until ${life.deprecated}, but ${newer} is newer: cdk-nag's AwsSolutions-L1 and Serverless-LambdaLatestVersion will report it. Kept as given.`);
  }
}
