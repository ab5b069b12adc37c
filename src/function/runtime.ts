import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * The newest Node.js runtime that the installed aws-cdk-lib knows by name (BP-F2).
 *
 * aws-cdk-lib's `Runtime.NODEJS_LATEST` is deliberately conservative (and region-dependent through
 * `determineLatestNodeRuntime`); cdk-nag's AwsSolutions-L1 and Serverless-LambdaLatestVersion ask for
 * the newest runtime of the family, which is what `newestOfFamily` finds.
 */
export function newestNodeRuntime(): lambda.Runtime {
  const newest = newestOfFamily(lambda.Runtime.NODEJS_22_X);
  // aws-cdk-lib >= 2.257 (our peer floor) always defines at least NODEJS_22_X. Never the variable NODEJS_LATEST of
  // the same name: for a variable runtime aws-cdk-lib bundles the whole AWS SDK into every `entry` (BP-F21).
  return lambda.Runtime.ALL.find(r => r.name === newest && !r.isVariable) ?? lambda.Runtime.NODEJS_22_X;
}

/** cdk-nag's reading of a runtime name: the family and the version (`python3.14` → `python`, `3.14`). */
const RUNTIME_NAME = /^([a-z]+)(\d+(\.?\d+|\.x)?)?.*$/;

/**
 * The newest runtime of `runtime`'s family that the installed aws-cdk-lib defines, exactly as cdk-nag's
 * AwsSolutions-L1 and Serverless-LambdaLatestVersion judge it (`rules/lambda/LambdaLatestVersion`: the names in
 * `Runtime.ALL` that start with the family, ordered by version) (BP-F2). `undefined` for custom runtimes
 * (`provided*`, which cdk-nag does not judge) and names it cannot read.
 */
export function newestOfFamily(runtime: lambda.Runtime): string | undefined {
  const family = RUNTIME_NAME.exec(runtime.name)?.[1];
  if (!family || family === 'provided') return undefined;
  // Runtime.ALL only grows (a `new lambda.Runtime` adds to it): the answer is kept per family and length of ALL.
  const key = `${family}@${lambda.Runtime.ALL.length}`;
  if (!NEWEST.has(key)) NEWEST.set(key, sortedNames(family).pop()?.name);
  return NEWEST.get(key);
}

/** newestOfFamily's answers (the numeric sort of every name is most of a synth's time in runtime checks otherwise). */
const NEWEST = new Map<string, string | undefined>();

function sortedNames(family: string): Array<{ name: string; version: string }> {
  return lambda.Runtime.ALL.map(r => r.name).filter(n => n.startsWith(family))
    .map(name => ({ name, version: RUNTIME_NAME.exec(name)?.[2] ?? '0' }))
    .sort((a, b) => a.version.localeCompare(b.version, undefined, { numeric: true, sensitivity: 'base' }));
}
