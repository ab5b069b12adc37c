import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Construct } from 'constructs';
import { ServerlessFunction } from '../../src';
import { checkRuntime, RUNTIME_LIFECYCLE } from '../../src/function/runtime-lifecycle';
import { errorOf, inlineCode, testStack } from '../helpers';

describe('BP-F2: runtimes', () => {
  test('an older supported runtime is kept, with a warning that names the newer one', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode(), runtime: lambda.Runtime.NODEJS_22_X });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x' });
    Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[F2\\] runtime nodejs22.x is supported until 2027-04-30, but nodejs24.x is newer'));
  });

  test('"newer" means what cdk-nag means: the newest runtime of the family the installed aws-cdk-lib defines', () => {
    // python3.14 is the newest in AWS's deprecation table, but aws-cdk-lib 2.276 defines python3.15, so cdk-nag's
    // AwsSolutions-L1 reports python3.14: the warning must say so (found building the Python example).
    const newestPython = lambda.Runtime.ALL.map(r => r.name).filter(n => /^python3\.\d+$/.test(n))
      .sort((a, b) => Number(a.split('.')[1]) - Number(b.split('.')[1])).pop()!;
    expect(newestPython).not.toBe('python3.14');
    const stack = testStack();
    new ServerlessFunction(stack, 'Py', { code: inlineCode(), runtime: lambda.Runtime.PYTHON_3_14, handler: 'index.handler' });
    Annotations.fromStack(stack).hasWarning('/TestStack/Py',
      Match.stringLikeRegexp(`\\[F2\\] runtime python3.14 is supported until 2029-06-30, but ${newestPython.replace('.', '\\.')} is newer`));
    const newest = testStack();
    new ServerlessFunction(newest, 'Py', { code: inlineCode(), runtime: lambda.Runtime.ALL.find(r => r.name === newestPython)!, handler: 'index.handler' });
    Annotations.fromStack(newest).hasNoWarning('/TestStack/Py', Match.stringLikeRegexp('\\[F2\\]'));
  });

  test('the newest runtime gets no warning', () => {
    const stack = testStack();
    new ServerlessFunction(stack, 'Fn', { code: inlineCode() });
    Annotations.fromStack(stack).hasNoWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[F2\\]'));
  });

  test('the day boundaries: deprecated → warning, creation blocked → error with the date and the successor', () => {
    const scope = (id: string) => new Construct(testStack(), id);
    const deprecated = scope('D');
    checkRuntime(deprecated, lambda.Runtime.NODEJS_20_X, '2026-05-31');
    expect(deprecated.node.metadata.map(m => String(m.data))).toContainEqual(expect.stringContaining('[F2] runtime nodejs20.x is deprecated since 2026-04-30'));
    const message = errorOf(() => checkRuntime(scope('B'), lambda.Runtime.NODEJS_20_X, '2026-06-01'));
    expect(message).toContain('[F2] TestStack/B: runtime is nodejs20.x (AWS blocks creating functions on it since 2026-06-01; deprecated 2026-04-30)');
    expect(message).toContain('Fix: use nodejs24.x');
    expect(() => checkRuntime(scope('F'), lambda.Runtime.NODEJS_24_X, '2027-01-01')).not.toThrow();
  });

  test('every successor is another runtime that AWS accepts at least as long', () => {
    for (const [name, life] of Object.entries(RUNTIME_LIFECYCLE)) {
      expect(life.deprecated <= life.createBlock).toBe(true);
      if (!life.successor) continue;
      expect(name).not.toBe(life.successor);
      const next = RUNTIME_LIFECYCLE[life.successor];
      if (next) expect(next.createBlock >= life.createBlock).toBe(true);
    }
  });
});

test('BP-F5: tracing other than ACTIVE is kept, with a warning that says what is given up', () => {
  const stack = testStack();
  new ServerlessFunction(stack, 'Fn', { code: inlineCode(), tracing: lambda.Tracing.PASS_THROUGH });
  Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Function', { TracingConfig: { Mode: 'PassThrough' } });
  Annotations.fromStack(stack).hasWarning('/TestStack/Fn', Match.stringLikeRegexp('\\[F5\\] tracing is PassThrough'));
});
