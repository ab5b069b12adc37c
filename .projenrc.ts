import { awscdk, javascript, JsonFile } from 'projen';
import { UpdateSnapshot } from 'projen/lib/javascript';

/** The newest aws-cdk-lib 2.x we develop and test against (the floor for users is `cdkVersion`). */
const CDK_DEV_VERSION = '2.276.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-serverless-patterns',
  description:
    'Opinionated AWS CDK L3 constructs that make the documented AWS Lambda best practices the default: ' +
    'ServerlessFunction, ServerlessApi, QueueWorker, StreamWorker, S3Pipeline, ScheduledJob, VpcFunction.',
  author: 'cdk-serverless-patterns maintainers',
  authorAddress: 'maintainers@cdk-serverless-patterns.dev',
  repositoryUrl: 'https://github.com/cdk-serverless-patterns/cdk-serverless-patterns.git',
  license: 'Apache-2.0',
  keywords: ['awscdk', 'cdk', 'lambda', 'serverless', 'aws-lambda', 'best-practices', 'sqs', 'api-gateway', 'eventbridge-scheduler', 'rds-proxy', 'kinesis', 'dynamodb-streams'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  // Release as a Construct Hub library does: every push to main that has releasable conventional commits is
  // versioned (commit-and-tag-version), tagged, built and published to npm, PyPI, Maven Central, NuGet and the Go
  // module repository by the GitHub workflows projen generates (committed; they cannot run here, CI is `.ci/run`,
  // and `workflows:lint` checks them). 0.x while the API may still change: `stability` says so on Construct Hub.
  github: true,
  release: true,
  majorVersion: 0,
  stability: 'experimental',
  releaseToNpm: true,
  depsUpgrade: true,
  githubOptions: { mergify: false },
  pullRequestTemplate: true,
  buildWorkflowOptions: {
    // The judges the build runs need cfn-lint (a Python tool); GitHub's runners reach PyPI.
    preBuildSteps: [{ name: 'Install cfn-lint', run: 'pip install cfn-lint' }],
  },

  // cdk-nag 3 needs aws-cdk-lib >= 2.257.0: that is the floor we promise users (peer dependency).
  cdkVersion: '2.257.0',
  constructsVersion: '10.5.1',
  // Develop and test against the newest 2.x instead of the floor.
  peerDependencyOptions: { pinnedDevDependency: false },
  jsiiVersion: '~6.0.0',

  // Construct Hub publishes these languages; CI checks that their code generates (jsii-pacmak --code-only).
  publishToPypi: { distName: 'cdk-serverless-patterns', module: 'cdk_serverless_patterns' },
  publishToMaven: {
    javaPackage: 'io.github.cdkserverlesspatterns',
    mavenGroupId: 'io.github.cdk-serverless-patterns',
    mavenArtifactId: 'cdk-serverless-patterns',
  },
  publishToNuget: { dotNetNamespace: 'CdkServerlessPatterns', packageId: 'CdkServerlessPatterns' },
  publishToGo: { moduleName: 'github.com/cdk-serverless-patterns/cdk-serverless-patterns-go' },

  devDeps: [
    `aws-cdk-lib@${CDK_DEV_VERSION}`,
    'constructs@10.5.1',
    // The CDK CLI: the `latest` tag (3.0.0) is too old for aws-cdk-lib 2.276's cloud assembly schema.
    'aws-cdk@^2.1148.1',
    // The judges.
    'cdk-nag@^3.0.2',
    '@cdklabs/cdk-validator-cfnguard@^0.0.62',
    // Bundles TypeScript handlers locally (no Docker).
    'esbuild@^0.28.2',
    // Lets the examples import the library by its package name, as a user's app would.
    'tsconfig-paths@^4.2.0',
    // Example handlers (bundled into the examples' assets, never into this package).
    '@types/aws-lambda@^8.10.164',
    '@aws-lambda-powertools/logger@^2.36.0',
    '@aws-lambda-powertools/batch@^2.35.0',
    '@aws-sdk/rds-signer@^3.1169.0',
    '@aws-sdk/client-s3@^3.1169.0',
    '@aws-sdk/client-sqs@^3.1169.0',
    '@aws-sdk/client-sns@^3.1169.0',
    '@aws-sdk/client-eventbridge@^3.1169.0',
    'pg@^8.23.1',
    '@types/pg@^8.23.1',
    // Property-based tests of the input contract (fixed seed).
    'fast-check@^4.11.0',
    // Idempotent example handlers (BP-I1–I4): Powertools' idempotency utility and its DynamoDB persistence layer.
    '@aws-lambda-powertools/idempotency@^2.35.0',
    '@aws-sdk/client-dynamodb@^3.1169.0',
    '@aws-sdk/lib-dynamodb@^3.1169.0',
    // Lints the GitHub workflows projen generates (they cannot run here).
    '@action-validator/cli@^0.6.0',
    '@action-validator/core@^0.6.0',
  ],

  jestOptions: {
    // CI must fail on snapshot drift; `npx projen test:update` rewrites them deliberately.
    updateSnapshot: UpdateSnapshot.NEVER,
    // A run that finds no test must fail, not pass.
    passWithNoTests: false,
    jestConfig: {
      // On CI's 2 cores jest would use 1 worker; much of the suite waits on subprocesses (CDK CLI,
      // cfn-lint, cfn-guard), so 2 workers halve it (measured: 277 s -> 144 s).
      maxWorkers: 2,
      // The examples import `cdk-serverless-patterns` by name; in this repository that is `src/`.
      moduleNameMapper: { '^cdk-serverless-patterns$': '<rootDir>/src/index.ts' },
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      coveragePathIgnorePatterns: ['/node_modules/', '/test/'],
      // Coverage is a report, not a check (no threshold gates on it), and collecting it made jest 75% slower
      // (measured on test/function, api, queue: 20 s -> 35 s). `npx projen test:coverage` writes it on demand.
      collectCoverage: false,
    },
  },
  // ts-jest in isolated mode does not type-check: `tsc --noEmit` over tests, examples and bench does.
  typecheckTests: true,
  // No source maps in lib/ (jsii's default inlines maps with the sources, doubling every file): with ts-node, which
  // the CDK's TypeScript app template runs on, every stack trace aws-cdk-lib captures for a resource's creation
  // passed the library's frames through the maps; measured in `npm run bench`. tsc's output stays readable.
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
  // The dev tsconfig lives in test/; its paths are relative to that folder (TypeScript 6 drops baseUrl).
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../bench/**/*.ts', '../handlers/**/*.ts'],
    compilerOptions: {
      paths: { 'cdk-serverless-patterns': ['../src/index.ts'] },
    },
  },
  eslintOptions: { dirs: ['src'], devdirs: ['handlers', 'test', 'examples', 'bench', 'projenrc', '.projenrc.ts'] },

  npmignoreEnabled: true,
  gitignore: ['cdk.out', '/examples/**/cdk.out', '/test/**/cdk.out', '/.judges/', '/.bench/', '/assets/', '__pycache__/', '.pytest_cache/', '.jsii.tabl.json', '/examples/java/target/'],
});

// The registry this project installs from serves unrs-resolver 1.13.0 (eslint-import-resolver-typescript
// uses it) but most of its platform bindings only up to 1.12.2, so a lock file made with 1.13.0 fails
// `npm ci` ("Missing: @unrs/resolver-binding-... from lock file"). Pin the last complete release.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// jsii: reserved words and other cross-language problems fail the build, not a later language build.
// The one warning we silence: jsii wants the devDependency pinned to the peer floor, but the issue asks us
// to develop and test against the newest aws-cdk-lib (the floor stays the peer dependency users see).
project.compileTask.reset('jsii --fail-on-warnings --silence-warnings=metadata/missing-dev-dependency');
// Plain JavaScript's types are checked at run time against the jsii assemblies (BP-F20): write their digest,
// assets/prop-types.json (shipped), from the assembly jsii just wrote.
project.compileTask.exec('node scripts/prop-types.js');

// The examples are for users to copy, not part of the package; handlers ship bundled, in assets/.
project.npmignore?.exclude('/examples/', '/bench/', '/.ci/', 'cdk.out', '/.judges/', '/handlers/', '/scripts/', '__pycache__/');
project.npmignore?.include('/assets/');
// Construct Hub compiles the README and docstring examples with the package's own rosetta fixture.
project.npmignore?.include('/rosetta/');

// Examples must compile: jsii-rosetta in strict mode fails on any example that does not (issue #13).
// README examples import cdk-nag (the judges an app registers); rosetta compiles them with it (exampleDependencies).
project.package.addField('jsiiRosetta', { strict: true, exampleDependencies: { 'cdk-nag': '^3.0.2' } });

// Handlers the library ships are bundled at build time (before jsii), so users need neither esbuild
// nor Docker: assets/<name>/index.js, the AWS SDK v3 left to the Lambda runtime.
const bundleHandlers = project.addTask('bundle:handlers', {
  description: 'Bundle the Lambda handlers the library ships into assets/',
  steps: [{
    exec: 'esbuild handlers/reconcile/index.ts --bundle --platform=node --target=node20 --format=cjs '
      + '--external:@aws-sdk/* --minify --sourcemap --outfile=assets/reconcile/index.js',
  }],
});
project.preCompileTask.spawn(bundleHandlers);

const env = { JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
for (const [k, v] of Object.entries(env)) project.tasks.addEnvironment(k, v);

// ---------------------------------------------------------------------------------------------
// Examples: small CDK apps a user would copy, synthesized with the CDK CLI.
// ---------------------------------------------------------------------------------------------
// The examples import `cdk-serverless-patterns` by name, as a user's app does; in this repository
// that name maps to src/ (ts-node + tsconfig-paths for the CDK CLI, moduleNameMapper for jest).
new JsonFile(project, 'examples/tsconfig.json', {
  obj: {
    extends: '../test/tsconfig.json',
    compilerOptions: { paths: { 'cdk-serverless-patterns': ['../src/index.ts'] } },
    include: ['**/*.ts'],
    exclude: ['**/cdk.out/**'],
  },
});

// The same, mapped to lib/ (jsii's output, what the package ships): test/examples/examples.test.ts synthesizes the
// examples through it when lib/ is newer than src/, so ts-node does not transpile the library on every synth.
new JsonFile(project, 'examples/tsconfig.lib.json', {
  obj: { extends: './tsconfig.json', compilerOptions: { paths: { 'cdk-serverless-patterns': ['../lib/index.js'] } } },
});

// The handlers the library ships (bundled into assets/) and the benchmark are type-checked and linted like tests.
for (const dir of ['handlers', 'bench']) {
  new JsonFile(project, `${dir}/tsconfig.json`, { obj: { extends: '../test/tsconfig.json', include: ['**/*.ts'] } });
}

// eslint resolves the examples' `cdk-serverless-patterns` import through the examples' tsconfig.
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript.project', ['./tsconfig.json', './examples/tsconfig.json']);
project.tryFindObjectFile('.eslintrc.json')?.addOverride('settings.import/resolver.typescript.noWarnOnMultipleProjects', true);

project.addTask('example', {
  description: 'The main job: synthesize the ServerlessFunction example app with the CDK CLI and list its stacks',
  steps: [
    // The library's run-time type checks (BP-F20) read assets/prop-types.json, which `compile` writes from the jsii
    // assemblies: without it a fresh clone's example fails before synthesizing anything.
    { spawn: 'compile' },
    { exec: 'cdk synth --no-notices', cwd: 'examples/serverless-function' },
  ],
});

// The benchmark (never part of the test suite: a timed unit test measures the machine, not the code).
project.addTask('bench', {
  description: 'Synth time and peak memory of the library against the same stacks hand-written with aws-cdk-lib',
  steps: [{ exec: 'ts-node --transpile-only --project test/tsconfig.json bench/run.ts' }],
});
project.addTask('bench:bundles', {
  description: 'Bundle size of every example handler, the AWS SDK left to the runtime and bundled (BP-F21; the README table)',
  steps: [{ exec: 'ts-node --transpile-only --project test/tsconfig.json bench/bundle-sizes.ts' }],
});

// ---------------------------------------------------------------------------------------------
// The test suite that CI runs (README's second command; `.ci/run` calls exactly it).
// ---------------------------------------------------------------------------------------------
project.addTask('docgen:check', {
  description: 'Fail when the committed API.md is not what jsii-docgen generates from src/',
  steps: [
    { spawn: 'docgen' },
    { exec: 'git ls-files --error-unmatch API.md >/dev/null && git diff --exit-code -- API.md || (echo "API.md is missing or stale: run npx projen docgen and commit it" >&2; exit 1)' },
  ],
});

// README and docstring examples compile under jsii-rosetta (strict), in the setting of rosetta/default.ts-fixture,
// so that Construct Hub shows them in every language. Handler code (runs in Lambda, TypeScript only) is fenced as
// `ts-handler` and is not an example of the library's API.
const rosettaCheck = project.addTask('rosetta:check', {
  description: 'Compile every README and docstring example with jsii-rosetta in strict mode (what Construct Hub translates)',
  steps: [{ exec: 'jsii-rosetta extract --strict --fail --compile --output .judges/rosetta.tabl.json .jsii && rm -f .jsii.tabl.json' }],
});

const pacmakCheck = project.addTask('package:check-languages', {
  description: 'Check that the .NET code generates (no .NET SDK here; Python, Java and Go are built and tested)',
  steps: [
    {
      exec: 'jsii-pacmak --code-only --targets dotnet --outdir .judges/pacmak && echo "jsii-pacmak --code-only: dotnet generated"',
    },
  ],
});

// The Python package used as a Python user would: built here by jsii-pacmak, installed with aws-cdk-lib and cdk-nag
// into a virtualenv (from a package index, or generated from npm where none is reachable), then the Python example
// app's pytest, which also synthesizes the app with the CDK CLI (issue #13). Needs `compile` first.
const pythonVenv = project.addTask('python:venv', {
  description: 'Build the Python package (jsii-pacmak) into .judges/python/venv with aws-cdk-lib, constructs, cdk-nag and pytest',
  steps: [{ exec: 'bash scripts/python-venv.sh' }],
});
const pythonPytest = project.addTask('python:pytest', {
  description: 'Run the Python example app\'s pytest in .judges/python/venv (CDK CLI synth included)',
  steps: [{ exec: '.judges/python/venv/bin/python -m pytest examples/python --junitxml=test-reports/pytest.xml -p no:cacheprovider' }],
});
const pythonTest = project.addTask('test:python', {
  description: 'Build the Python package into a virtualenv and run the Python example app\'s pytest (CDK CLI synth included)',
  steps: [{ spawn: pythonVenv.name }, { spawn: pythonPytest.name }],
});

// Java and Go as their users build them (issue #25): the jar and the Go module the release publishes
// (`package:java`, `package:go`), then each example app's tests against them (JUnit with Maven, `go test`), the CDK
// CLI's synth included. Maven's downloads are kept in ~/.m2/repository (jsii-pacmak would use a new folder per
// build) and Go's in its module and build caches, as npm's are in ~/.npm. Need `compile` first.
project.tasks.tryFind('package:java')!.reset('jsii-pacmak -v --target java --maven-local-repository "$HOME/.m2/repository"');
const javaJunit = project.addTask('java:junit', {
  description: 'Run the Java example app\'s JUnit tests (Maven) against the jar package:java built (CDK CLI synth included)',
  steps: [{ exec: 'bash scripts/java-test.sh' }],
});
const javaTest = project.addTask('test:java', {
  description: 'Build the jar (package:java) and run the Java example app\'s JUnit tests against it',
  steps: [{ spawn: 'package:java' }, { spawn: javaJunit.name }],
});
const goGoTest = project.addTask('go:gotest', {
  description: 'Run the Go example app\'s go test against the module package:go built (CDK CLI synth included)',
  steps: [{ exec: 'bash scripts/go-test.sh' }],
});
const goTest = project.addTask('test:go', {
  description: 'Build the Go module (package:go) and run the Go example app\'s go test against it',
  steps: [{ spawn: 'package:go' }, { spawn: goGoTest.name }],
});

project.addTask('test:coverage', {
  description: 'Run jest with coverage (coverage/: lcov, cobertura, clover, json and a text summary)',
  steps: [{ exec: 'jest --ci --coverage', receiveArgs: true }],
});

// The generated GitHub workflows (build, release to five registries, dependency upgrades, PR title lint) are
// checked against GitHub's workflow schema and for expressions that cannot work.
const workflowsLint = project.addTask('workflows:lint', {
  description: 'Lint the GitHub workflows projen generates with action-validator',
  steps: [{ exec: 'bash scripts/lint-workflows.sh' }],
});

// GitHub's build workflow runs `build` (… compile, post-compile, test, package): it runs the same extra checks.
project.postCompileTask.spawn(rosettaCheck);
project.postCompileTask.spawn(pythonTest);
project.postCompileTask.spawn(javaTest);
project.postCompileTask.spawn(goTest);

// `test` = tsc over tests/examples/bench, jest (unit tests, the judges, every example synthesized with the
// CDK CLI and judged), then eslint.
project.addTask('ci', {
  description: 'Everything CI checks: jsii build, API.md, jest (judges, examples via the CDK CLI), eslint, packaging',
  steps: [
    // pre-compile bundles the handlers the library ships (assets/); `compile` alone does not run it.
    { spawn: 'pre-compile' },
    { spawn: 'compile' },
    // API.md, the examples through rosetta, and `test`, while the Python virtualenv, the jar and the Go module are
    // built beside them; then the Python, Java and Go example apps' tests against those packages.
    { exec: `bash scripts/beside-languages.sh docgen:check ${rosettaCheck.name} test` },
    { spawn: pythonPytest.name },
    { spawn: javaJunit.name },
    { spawn: goGoTest.name },
    { spawn: 'package:js' },
    { spawn: pacmakCheck.name },
    { spawn: workflowsLint.name },
  ],
});

project.synth();
