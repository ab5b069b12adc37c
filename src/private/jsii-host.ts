/**
 * The language a jsii host calls the library from: the jsii runtimes set `JSII_AGENT` for the Node.js process they
 * start (`Python/3.12.1`, `Java/17.0.2`, `DotNet/8.0.1`, `golang/go1.22`). `undefined` from JavaScript/TypeScript.
 */
export function jsiiHostLanguage(): string | undefined {
  return /^([^/]+)\//.exec(process.env.JSII_AGENT ?? '')?.[1];
}

/**
 * A prop path as Python spells it (`functionProps.memorySize` → `function_props.memory_size`); quoted parts such
 * as route keys (`routes['GET /x']`) stay as they are.
 */
export function pythonSpelling(prop: string): string {
  return prop.split(/('[^']*')/).map((part, i) => i % 2 === 1 ? part
    : part.replace(/[A-Za-z][A-Za-z0-9]*/g, id => id.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase())).join('');
}
