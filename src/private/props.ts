/**
 * `o` without its `undefined` values. `{ ...defaults, ...given }` lets `given.timeout: undefined` (an optional
 * prop passed through, or a Python `None`) wipe out a default; `{ ...defaults, ...definedOnly(given) }` does not.
 */
export function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o ?? {})) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}
