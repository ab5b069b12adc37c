import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { IConstruct } from 'constructs';
import { fail } from '../private/validation';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'];
/** Literal segments, `{param}` segments, and one greedy `{proxy+}` at the end. */
const PATH = /^\/$|^(\/([A-Za-z0-9._~-]+|\{[A-Za-z_][A-Za-z0-9_]*\}))*(\/\{[A-Za-z_][A-Za-z0-9_]*\+\})?$/;

/** A parsed `METHOD /path` route key. */
export interface ParsedRouteKey {
  readonly method: apigwv2.HttpMethod;
  readonly path: string;
  /** The key as written, normalized (single space, upper-case method). */
  readonly key: string;
}

/** Parses and validates `METHOD /path` (BP-A8, X4). */
export function parseRouteKey(scope: IConstruct, routeKey: string): ParsedRouteKey {
  const match = /^(\S+) (\S+)$/.exec(routeKey);
  const bad = (why: string): never => fail(scope, {
    rule: 'A8',
    prop: 'routes',
    value: `'${routeKey}' (${why})`,
    allowed: `'METHOD /path' with METHOD one of ${METHODS.join(', ')} and a path of literal or {param} segments, optionally ending in {proxy+}`,
    fix: "write e.g. 'GET /orders/{id}' or 'ANY /{proxy+}'.",
  });
  if (!match) bad('not METHOD and path separated by one space');
  const method = match![1];
  const path = match![2];
  if (!METHODS.includes(method)) bad(`unknown method ${method}`);
  if (!PATH.test(path) || path.includes('//') || (path.length > 1 && path.endsWith('/'))) bad(`invalid path ${path}`);
  return { method: method as apigwv2.HttpMethod, path, key: `${method} ${path}` };
}

/** A construct ID for the route: readable, and without the `/` construct IDs may not contain. */
export function routeConstructId(route: ParsedRouteKey): string {
  return `${route.method} ${route.path.replace(/\//g, '|')}`;
}
