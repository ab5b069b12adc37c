import { Duration } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ServerlessFunction, ServerlessFunctionProps } from '../function/serverless-function';
import { definedOnly } from '../private/props';
import { fail, isKnown, secondsOf } from '../private/validation';

/** What an API knows about its routes' functions: shared by ServerlessApi and ServerlessRestApi (BP-A3, A8, R6, R9). */
export interface RouteFunctionOptions {
  /** The normalized route key, for messages. */
  readonly routeKey: string;
  /** The construct ID of a created function. */
  readonly id: string;
  /** The API's `functionDefaults`. */
  readonly defaults?: ServerlessFunctionProps;
  /** The API's default route timeout. */
  readonly defaultTimeout: Duration;
  /** The longest function timeout that fits the integration's. */
  readonly maxTimeout: Duration;
  /** The rule behind the timeout limit (`A3`, `R6`) and what the limit is, for messages. */
  readonly timeoutRule: string;
  readonly timeoutLimit: string;
}

/**
 * A route's function: created in `api` from the API's `functionDefaults` and the route's own props (environment
 * merged), or an existing one (`function`, e.g. a VpcFunction's), which must fit the integration timeout the same way
 * and may not come with function props that would be ignored (BP-A3, A8, R6, R9).
 */
export function routeFunction(
  api: Construct, functionProps: ServerlessFunctionProps, existing: ServerlessFunction | undefined, o: RouteFunctionOptions,
): ServerlessFunction {
  if (existing !== undefined) {
    if (!(existing instanceof ServerlessFunction)) {
      fail(api, {
        rule: 'F20',
        prop: `routes['${o.routeKey}'].function`,
        value: 'not a ServerlessFunction',
        allowed: 'a ServerlessFunction of this library (a VpcFunction\'s is its .function)',
        fix: 'pass the ServerlessFunction, e.g. vpcFunction.function, or give the route\'s function props instead.',
      });
    }
    const ignored = Object.keys(definedOnly(functionProps));
    if (ignored.length > 0) {
      fail(api, {
        rule: 'R9',
        prop: `routes['${o.routeKey}'].${ignored[0]}`,
        value: `set together with function (${ignored.join(', ')})`,
        allowed: 'function props only for a function the API creates; an existing function is used as it is',
        fix: `configure ${ignored.join(', ')} where ${existing.node.path} is created, or remove function.`,
      });
    }
    checkRouteTimeout(api, existing.timeout, o, `routes['${o.routeKey}'].function (its timeout)`);
    return existing;
  }
  const defaults = o.defaults ?? {};
  const merged: ServerlessFunctionProps = {
    timeout: o.defaultTimeout,
    ...defaults,
    ...definedOnly(functionProps),
    environment: { ...defaults.environment, ...functionProps.environment },
  };
  checkRouteTimeout(api, merged.timeout, o, `routes['${o.routeKey}'].timeout`);
  return new ServerlessFunction(api, o.id, merged);
}

function checkRouteTimeout(scope: Construct, timeout: Duration | undefined, o: RouteFunctionOptions, prop: string): void {
  if (!isKnown(timeout) || secondsOf(timeout) <= secondsOf(o.maxTimeout)) return;
  fail(scope, {
    rule: o.timeoutRule,
    prop,
    value: `${secondsOf(timeout)} s`,
    allowed: `at most ${secondsOf(o.maxTimeout)} s: ${o.timeoutLimit}, and the function must answer before it`,
    fix: 'make the route faster, or accept the request, put the work on a QueueWorker and answer 202.',
  });
}
