import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import { Construct } from 'constructs';
import { definedOnly } from '../private/props';
import { fail } from '../private/validation';

/**
 * How `entry` is bundled unless the user says otherwise (BP-F21, seeds §3: "minimize your deployment package size"):
 * minified; the packages' ES module builds first (`module` before `main`), so esbuild drops the code a handler does
 * not import (the AWS SDK bundled with `bundleAwsSDK`: 322 KB instead of 503 KB); source maps that map lines to the
 * sources without carrying them (the map of a Powertools handler: 107 KB instead of 465 KB). The AWS SDK is left to
 * the runtime (aws-cdk-lib's default for a fixed Node.js runtime); `bundling: { bundleAwsSDK: true }` bundles it.
 */
const ENTRY_BUNDLING: nodejs.BundlingOptions = { minify: true, sourceMap: true, sourcesContent: false, mainFields: ['module', 'main'] };

/** A function's code: prebuilt (`code` + `handler`) or a TypeScript/JavaScript `entry` bundled locally, and its runtime. */
export interface FunctionCodeOptions {
  /**
   * The function's code. Give exactly one of `code` and `entry`.
   * @default - none: `entry` must be given
   */
  readonly code?: lambda.Code;
  /**
   * The handler: `file.export` with `code`, the exported function's name with `entry`.
   * @default 'index.handler' with `code`; 'handler' with `entry`
   */
  readonly handler?: string;
  /**
   * The runtime (BP-F2; Lambda@Edge takes Node.js and Python only, BP-L4).
   * @default - the newest Node.js runtime the installed aws-cdk-lib defines
   */
  readonly runtime?: lambda.Runtime;
  /**
   * A TypeScript or JavaScript file bundled with esbuild on this machine (no Docker),
   * through aws-cdk-lib's `NodejsFunction`. Give exactly one of `code` and `entry`.
   * @default - none: `code` must be given
   */
  readonly entry?: string;
  /**
   * esbuild options for `entry` (BP-F21). Give `bundleAwsSDK: true` to bundle the AWS SDK instead of using the
   * runtime's ("control the dependencies in your function's deployment package").
   * @default - minified, ES module builds of packages first (tree-shaken), source maps without the sources,
   * the AWS SDK left to the runtime
   */
  readonly bundling?: nodejs.BundlingOptions;
}

/** Exactly one of `code` and `entry` (BP-X4). */
export function checkCode(scope: Construct, code: lambda.Code | undefined, entry: string | undefined): void {
  if ((code === undefined) === (entry === undefined)) {
    fail(scope, {
      rule: 'X4',
      prop: 'code / entry',
      value: code ? 'both given' : 'neither given',
      allowed: 'exactly one of them',
      fix: 'give `code` (with `handler`) for prebuilt code, or `entry` for a TypeScript/JavaScript file bundled with esbuild.',
    });
  }
}

/** The Lambda function of `options` with its code: a `NodejsFunction` for `entry` (bundled with esbuild, BP-F21), else a `Function`. */
export function createLambdaFunction(
  scope: Construct, id: string, options: lambda.FunctionOptions, source: FunctionCodeOptions, runtime: lambda.Runtime,
): lambda.Function {
  const { code, entry, handler, bundling } = source;
  return entry
    ? new nodejs.NodejsFunction(scope, id, { ...options, entry, handler: handler ?? 'handler', runtime, bundling: { ...ENTRY_BUNDLING, ...definedOnly(bundling) } })
    : new lambda.Function(scope, id, { ...options, code: code!, handler: handler ?? 'index.handler', runtime });
}
