/**
 * Runs a README snippet as it stands there, as a user's file would run it: transpiled as TypeScript, the package name
 * resolving to this repository's sources (as jest's moduleNameMapper does for the tests). Returns the values the
 * snippet declares under `names`.
 */
import * as ts from 'typescript';

export function runSnippet(source: string, names: string[]): Record<string, any> {
  const js = ts.transpileModule(`${source}\nmodule.exports = { ${names.join(', ')} };\n`,
    { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const req = (name: string) => (name === 'cdk-serverless-patterns' ? require('../../src') : require(name));
  const mod = { exports: {} as Record<string, any> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  new Function('require', 'module', 'exports', js)(req, mod, mod.exports);
  return mod.exports;
}
