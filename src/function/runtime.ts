import * as lambda from 'aws-cdk-lib/aws-lambda';

/**
 * The newest Node.js runtime that the installed aws-cdk-lib knows by name (BP-F2).
 *
 * aws-cdk-lib's `Runtime.NODEJS_LATEST` is deliberately conservative (and region-dependent through
 * `determineLatestNodeRuntime`); cdk-nag's AwsSolutions-L1 and Serverless-LambdaLatestVersion ask for
 * the newest runtime of the family. So this looks at every `Runtime.NODEJS_<N>_X` the installed
 * aws-cdk-lib defines and picks the highest major version.
 */
export function newestNodeRuntime(): lambda.Runtime {
  let best: { major: number; runtime: lambda.Runtime } | undefined;
  for (const value of Object.values(lambda.Runtime)) {
    if (!(value instanceof lambda.Runtime) || value.isVariable) continue;
    const match = /^nodejs(\d+)\.x$/.exec(value.name);
    if (!match) continue;
    const major = Number(match[1]);
    if (!best || major > best.major) best = { major, runtime: value };
  }
  // aws-cdk-lib >= 2.257 (our peer floor) always defines at least NODEJS_22_X.
  return best?.runtime ?? lambda.Runtime.NODEJS_22_X;
}
