import * as path from 'path';
import { CfnParameter, Size } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { ServerlessFunction, ServerlessFunctionProps } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';
import { CLEAN, judge } from '../judges';

const jarCode = () => lambda.Code.fromAsset(path.join(__dirname, 'fixtures', 'java'));
const java = (extra: Partial<ServerlessFunctionProps> = {}): ServerlessFunctionProps =>
  ({ code: jarCode(), handler: 'com.example.Handler::handleRequest', runtime: lambda.Runtime.JAVA_25, memorySize: 2048, ...extra });
const snapStartOf = (props: ServerlessFunctionProps) => {
  const stack = testStack();
  new ServerlessFunction(stack, 'Fn', props);
  const fns = Template.fromStack(stack).findResources('AWS::Lambda::Function');
  return { stack, value: Object.values(fns)[0].Properties.SnapStart };
};

describe('BP-F18: SnapStart', () => {
  test('on by default for Java, where it is free; the alias points at the published, snapshotted version', () => {
    const { stack, value } = snapStartOf(java());
    expect(value).toEqual({ ApplyOn: 'PublishedVersions' });
    const t = Template.fromStack(stack);
    const [versionId] = Object.keys(t.findResources('AWS::Lambda::Version'));
    t.hasResourceProperties('AWS::Lambda::Alias', { FunctionVersion: { 'Fn::GetAtt': [versionId, 'Version'] } });
    // aws-cdk-lib's "SnapStart only supports published Lambda versions" warning is answered: there is one.
    Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SnapStart'));
  });

  test('off by default for Python and .NET (charged per cache hour and per restore) and Node.js (unsupported); on when asked', () => {
    expect(snapStartOf({ code: inlineCode(), handler: 'index.handler', runtime: lambda.Runtime.PYTHON_3_13 }).value).toBeUndefined();
    expect(snapStartOf({ code: inlineCode() }).value).toBeUndefined();
    expect(snapStartOf({ code: jarCode(), handler: 'App::Handler', runtime: lambda.Runtime.DOTNET_8, snapStart: lambda.SnapStartConf.ON_PUBLISHED_VERSIONS }).value)
      .toEqual({ ApplyOn: 'PublishedVersions' });
  });

  test('the default gives way to provisioned concurrency and large ephemeral storage', () => {
    expect(snapStartOf(java({ provisionedConcurrency: { minCapacity: 1 } })).value).toBeUndefined();
    expect(snapStartOf(java({ ephemeralStorageSize: Size.mebibytes(1024) })).value).toBeUndefined();
    expect(snapStartOf(java({ ephemeralStorageSize: Size.mebibytes(512) })).value).toEqual({ ApplyOn: 'PublishedVersions' });
  });

  test('the default gives way to an ephemeral storage size that is a token (a CfnParameter may be above 512 MB)', () => {
    const stack = testStack();
    const mib = new CfnParameter(stack, 'EphemeralMiB', { type: 'Number', default: 1024 }).valueAsNumber;
    new ServerlessFunction(stack, 'Fn', java({ ephemeralStorageSize: Size.mebibytes(mib) }));
    const fns = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    expect(Object.values(fns)[0].Properties.SnapStart).toBeUndefined();
  });

  const on = lambda.SnapStartConf.ON_PUBLISHED_VERSIONS;
  test.each<[string, Partial<ServerlessFunctionProps>, string, string, string]>([
    ['an unsupported runtime (Node.js)', { code: inlineCode(), runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler' }, 'snapStart', 'on, with runtime nodejs22.x', 'java21'],
    ['provisioned concurrency', { provisionedConcurrency: { minCapacity: 1 } }, 'snapStart / provisionedConcurrency', 'both given', 'without provisioned concurrency'],
    ['ephemeral storage above 512 MB', { ephemeralStorageSize: Size.mebibytes(513) }, 'snapStart / ephemeralStorageSize', '513 MiB', 'ephemeral storage above 512 MB'],
  ])('asked for with %s: refused with the library\'s message', (_what, extra, prop, value, allowed) => {
    expectViolation(errorOf(() => new ServerlessFunction(testStack(), 'Fn', java({ snapStart: on, ...extra }))), 'F18', 'TestStack/Fn', prop, value, allowed);
  });

  test('javaSnapStart: false turns the Java default off; true asks for it (refused where it cannot work, not given way)', () => {
    expect(snapStartOf(java({ javaSnapStart: false })).value).toBeUndefined();
    expect(snapStartOf(java({ javaSnapStart: true })).value).toEqual({ ApplyOn: 'PublishedVersions' });
    expectViolation(errorOf(() => new ServerlessFunction(testStack(), 'Fn', java({ javaSnapStart: true, provisionedConcurrency: { minCapacity: 1 } }))),
      'F18', 'TestStack/Fn', 'javaSnapStart / provisionedConcurrency', 'both given', 'without provisioned concurrency');
  });

  test.each<[string, Partial<ServerlessFunctionProps>, string, string, string]>([
    ['javaSnapStart with snapStart', { javaSnapStart: false, snapStart: on }, 'javaSnapStart / snapStart', 'javaSnapStart: false and snapStart both given', 'one of the two'],
    ['javaSnapStart: true on Python', { javaSnapStart: true, code: inlineCode(), handler: 'index.handler', runtime: lambda.Runtime.PYTHON_3_13 }, 'javaSnapStart', 'true, with runtime python3.13', 'only with a Java runtime'],
    ['javaSnapStart: true on Node.js', { javaSnapStart: true, code: inlineCode(), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X }, 'javaSnapStart', 'true, with runtime nodejs22.x', 'only with a Java runtime'],
  ])('%s: refused with the library\'s message (BP-F18)', (_what, extra, prop, value, allowed) => {
    expectViolation(errorOf(() => new ServerlessFunction(testStack(), 'Fn', java(extra))), 'F18', 'TestStack/Fn', prop, value, allowed);
  });

  test('a Java function with SnapStart passes every judge', () => {
    expect(judge('SnapStart Java', s => { new ServerlessFunction(s, 'Fn', java()); })).toMatchObject(CLEAN);
  });
});
