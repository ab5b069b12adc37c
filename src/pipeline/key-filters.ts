import { IConstruct } from 'constructs';
import { fail } from '../private/validation';

/**
 * Characters that URL encoding leaves alone (S3's "safe characters" plus `/`). Event filters compare
 * against the URL-encoded key, so a prefix or suffix with other characters would never match (BP-P3).
 */
const SAFE = /^[A-Za-z0-9!\-_.*'()/]*$/;

/** The input filter and the output location, as given. */
export interface KeyLayout {
  readonly sameBucket: boolean;
  readonly inputPrefix?: string;
  readonly inputSuffix?: string;
  readonly outputPrefix?: string;
}

/** Prefix and suffix filters must be matchable (BP-P3). */
export function checkKeyFilters(scope: IConstruct, k: KeyLayout): void {
  for (const [prop, value] of [['inputPrefix', k.inputPrefix], ['inputSuffix', k.inputSuffix], ['outputPrefix', k.outputPrefix]] as const) {
    if (value === undefined) continue;
    // An S3 object key is at most 1,024 bytes of UTF-8 ("Naming Amazon S3 objects"): a longer prefix matches nothing.
    if (Buffer.byteLength(value, 'utf8') > 1024) {
      fail(scope, {
        rule: 'P3',
        prop,
        value: `${Buffer.byteLength(value, 'utf8').toLocaleString('en-US')} bytes`,
        allowed: 'at most 1,024 bytes (the longest S3 object key)',
        fix: 'shorten it; a prefix names a folder, e.g. \'incoming/\'.',
      });
    }
    if (!SAFE.test(value) || value.startsWith('/')) {
      fail(scope, {
        rule: 'P3',
        prop,
        value: `'${value}'`,
        allowed: 'letters, digits and ! - _ . * \' ( ) /, not starting with / (event filters match the URL-encoded key)',
        fix: 'use a prefix such as \'incoming/\' or a suffix such as \'.jpg\'.',
      });
    }
  }
}

/**
 * The recursion guard (BP-P4): when input and output are one bucket, the function's writes must never
 * match the input filter, or every output triggers the function again. Suffixes are not trusted to
 * separate them (the function may write the same suffix), only disjoint prefixes.
 */
export function checkRecursion(scope: IConstruct, k: KeyLayout): void {
  if (!k.sameBucket) return;
  const input = k.inputPrefix ?? '';
  const output = k.outputPrefix;
  const fix = 'use two buckets (the default), or disjoint prefixes in one bucket, e.g. inputPrefix \'incoming/\' and outputPrefix \'processed/\'.';
  const allowed = 'an outputPrefix that no input key can start with: neither prefix may start with the other';
  if (output === undefined || output === '') {
    fail(scope, {
      rule: 'P4',
      // Name what the user set: the shared bucket (with no outputPrefix), or the empty outputPrefix.
      prop: output === undefined ? 'outputBucket' : 'outputPrefix',
      value: output === undefined
        ? `the input bucket, with outputPrefix unset${input ? ` (inputPrefix '${input}')` : ' and no prefixes at all'}`
        : `'' with input and output in the same bucket${input ? ` (inputPrefix '${input}')` : ''}`,
      allowed,
      fix,
    });
  }
  if (output === input) {
    fail(scope, { rule: 'P4', prop: 'outputPrefix', value: `'${output}', equal to inputPrefix, in the same bucket`, allowed, fix });
  }
  if (output.startsWith(input) || input.startsWith(output)) {
    fail(scope, {
      rule: 'P4',
      prop: 'outputPrefix',
      value: `'${output}' overlapping inputPrefix '${input}' in the same bucket`,
      allowed,
      fix,
    });
  }
}

/** The EventBridge pattern for the key filters (BP-P3). */
export function keyPattern(prefix: string | undefined, suffix: string | undefined): unknown[] | undefined {
  const escape = (v: string) => v.replace(/\*/g, '\\*');
  if (prefix && suffix) return [{ wildcard: `${escape(prefix)}*${escape(suffix)}` }];
  if (prefix) return [{ prefix }];
  if (suffix) return [{ suffix }];
  return undefined;
}
