import { IConstruct } from 'constructs';
import { jsiiHostLanguage } from './jsii-host';
import { fail } from './validation';

/** Props of a function that are structs themselves (checked one level down). */
const NESTED_STRUCTS = ['alarms', 'provisionedConcurrency', 'deployment', 'idempotency'];

/** `memory_size` → `memorySize`; `MemorySize` → `memorySize`. */
function camelCase(key: string): string {
  const lower = key.charAt(0).toLowerCase() + key.slice(1);
  return lower.replace(/_+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
}

/**
 * A struct that reached the library inside a map or a list (ServerlessApi's `routes`, provisioned-concurrency
 * `schedules`) is not converted by jsii: from Python a dict keeps `memory_size`, from .NET or Go a map keeps
 * `MemorySize`, and the setting would be silently lost. Every property name of the library and of aws-cdk-lib is
 * camelCase (no underscore, a lower-case first letter), so any other spelling is refused with the one to use
 * (BP-X1, X4).
 */
export function checkStructKeys(scope: IConstruct, struct: object | undefined, prop: string): void {
  if (!struct || typeof struct !== 'object') return;
  const wrong = Object.keys(struct).filter(k => k.includes('_') || /^[A-Z]/.test(k));
  if (wrong.length === 0) {
    // The nested structs of a function's props, passed the same way (maps such as `environment` keep any key).
    for (const key of NESTED_STRUCTS) {
      const value = (struct as Record<string, unknown>)[key];
      if (value && Object.getPrototypeOf(value) === Object.prototype) checkStructKeys(scope, value as object, `${prop}.${key}`);
    }
    return;
  }
  fail(scope, {
    rule: 'X1',
    prop: `${prop}.${wrong[0]}`,
    value: `a key spelled ${wrong.length > 1 ? `like ${wrong.map(k => `'${k}'`).join(', ')}` : `'${wrong[0]}'`} (a struct inside a map or list is passed as it is written)`,
    allowed: 'the camelCase property names of the API reference',
    fix: `write ${wrong.map(k => `'${camelCase(k)}'`).join(', ')}, or build the struct with its class (e.g. ServerlessFunctionProps(...) in Python), which converts the names.`,
  });
}

/**
 * A struct inside a map or list, given from Python, cannot be checked: Python may pass it as a dict with its own
 * names, and the jsii kernel, deserializing the struct, keeps only the names the struct declares. `memory_size`
 * is dropped before the library sees it, so no check here could refuse it (found from pytest: issue #13). Java,
 * .NET and Go can only build such a struct with its typed class. So from Python these props are refused, naming
 * the method that takes the same settings as keyword arguments, which Python itself checks (BP-X1).
 */
export function refuseStructsInCollectionsFrom(scope: IConstruct, prop: string, given: boolean, instead: string): void {
  if (!given || jsiiHostLanguage() !== 'Python') return;
  fail(scope, {
    rule: 'X1',
    prop,
    value: 'given from Python (structs inside a dict or list reach the library without the keys jsii does not know: a snake_case key such as memory_size would be dropped, not refused)',
    allowed: `from Python, the method that takes the same settings as keyword arguments: ${instead}`,
    fix: `remove ${prop} and call ${instead} for each entry; Python then refuses a misspelled setting itself.`,
  });
}
