import { Construct } from 'constructs';
import { ServerlessFunction, ServerlessFunctionProps } from './serverless-function';
import { definedOnly } from '../private/props';
import { fail } from '../private/validation';

/** How a pattern gets its function: it creates one from `functionProps`, or uses an existing one (BP-R9). */
export interface FunctionSource {
  /** Props of the function the pattern creates. */
  readonly functionProps?: ServerlessFunctionProps;
  /** An existing function (e.g. a VpcFunction's `.function`), used as it is. */
  readonly function?: ServerlessFunction;
}

/** What the pattern needs of its function. */
export interface FunctionSourceOptions {
  /** The catalogue rule of the pattern, for messages (e.g. `E4`). */
  readonly rule: string;
  /** What invokes the function, for messages (e.g. `EventBridge`). */
  readonly trigger: string;
  /** Pattern defaults under what the user gives (e.g. the timeout). */
  readonly defaults?: Partial<ServerlessFunctionProps>;
  /** What the pattern sets over what the user gives (e.g. `invokedAsynchronously: true`). */
  readonly forced?: Partial<ServerlessFunctionProps>;
  /**
   * The trigger invokes the function asynchronously: an existing function must already have its async config on the
   * alias (BP-F11), since the pattern cannot change a function it did not create.
   */
  readonly asynchronous?: boolean;
}

/**
 * The pattern's function: created in `scope` as `Function` from `functionProps` (pattern defaults under the user's
 * props, the pattern's own settings over them), or the existing `function`, checked for what the pattern needs.
 * Exactly one of the two (BP-R9, X4).
 */
export function functionFrom(scope: Construct, source: FunctionSource, o: FunctionSourceOptions): ServerlessFunction {
  checkFunctionSource(scope, source, o);
  if (source.function) return source.function;
  return new ServerlessFunction(scope, 'Function', { ...o.defaults, ...definedOnly(source.functionProps), ...o.forced });
}

/** The checks of `functionFrom`, for a pattern that validates everything before it creates anything (BP-X4). */
export function checkFunctionSource(scope: Construct, source: FunctionSource, o: Pick<FunctionSourceOptions, 'rule' | 'trigger' | 'asynchronous'>): void {
  const given = source.function;
  if ((given === undefined) === (source.functionProps === undefined)) {
    fail(scope, {
      rule: 'R9',
      prop: 'function / functionProps',
      value: given === undefined ? 'neither given' : 'both given',
      allowed: 'exactly one: functionProps (the pattern creates the function) or function (an existing ServerlessFunction)',
      fix: given === undefined
        ? 'give functionProps, e.g. { entry: \'src/handler.ts\' }, or function: an existing ServerlessFunction.'
        : 'remove functionProps and configure the existing function where it is created, or remove function.',
    });
  }
  if (given === undefined) {
    if (typeof source.functionProps !== 'object' || source.functionProps === null) {
      fail(scope, {
        rule: 'F20',
        prop: 'functionProps',
        value: `${source.functionProps === null ? 'null' : typeof source.functionProps}`,
        allowed: 'an object of ServerlessFunction props',
        fix: 'give functionProps as an object, e.g. { entry: \'src/handler.ts\' }.',
      });
    }
    return;
  }
  if (!(given instanceof ServerlessFunction)) {
    const inner = (given as { function?: unknown }).function;
    fail(scope, {
      rule: 'F20',
      prop: 'function',
      value: describe(given),
      allowed: 'a ServerlessFunction of this library',
      fix: inner instanceof ServerlessFunction
        ? 'pass its .function (e.g. vpcFunction.function), which is the ServerlessFunction.'
        : 'create the function with new ServerlessFunction(...), or give functionProps and let the pattern create it.',
    });
  }
  if (o.asynchronous && !given.invokedAsynchronously) {
    fail(scope, {
      rule: o.rule,
      prop: 'function',
      value: `${given.node.path}, which is not configured for asynchronous invocation`,
      allowed: `a function with its async config on the alias and an on-failure destination, since ${o.trigger} invokes it asynchronously (BP-F11)`,
      fix: 'create the function with invokedAsynchronously: true (or an onFailure destination); a pattern never changes a function it did not create.',
    });
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value !== 'object') return `a ${typeof value}`;
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : 'a plain object';
}
