/**
 * A route's props sit inside the `routes` map, which jsii passes from other languages as written: a Python dict
 * with snake_case keys (the form the generated Python docs show) would lose every such setting. Refused, with
 * the spelling to use (BP-X1, X4).
 */
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import { ServerlessApi, ServerlessApiProps, ServerlessFunction } from '../../src';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

/** What a Python dict (or a .NET/Go map) delivers: the keys as written in that language. */
const asWritten = (o: object) => o as never;

describe('structs inside maps and lists keep no foreign spelling', () => {
  test('a Python route dict with memory_size is refused, naming memorySize', () => {
    const props: ServerlessApiProps = { routes: { 'GET /x': asWritten({ code: inlineCode(), memory_size: 256, reserved_concurrent_executions: 2 }) } };
    const message = errorOf(() => new ServerlessApi(testStack(), 'Api', props));
    expectViolation(message, 'X1', 'TestStack/Api', "routes['GET /x'].memory_size", "a key spelled like 'memory_size', 'reserved_concurrent_executions'", 'camelCase property names');
    expect(message).toContain("Fix: write 'memorySize', 'reservedConcurrentExecutions'");
  });

  test('a .NET/Go map with MemorySize, and a nested Python struct, are refused too', () => {
    expect(errorOf(() => new ServerlessApi(testStack(), 'Api', { routes: { 'GET /x': asWritten({ code: inlineCode(), MemorySize: 256 }) } })))
      .toContain("routes['GET /x'].MemorySize is a key spelled 'MemorySize'");
    expect(errorOf(() => new ServerlessApi(testStack(), 'Api', { routes: { 'GET /x': asWritten({ code: inlineCode(), alarms: { errors_threshold: 5 } }) } })))
      .toContain("routes['GET /x'].alarms.errors_threshold is a key spelled 'errors_threshold'");
  });

  test('addRoute from another language is checked the same way; environment keys stay free', () => {
    const api = new ServerlessApi(testStack(), 'Api', {});
    expect(errorOf(() => api.addRoute('POST /x', asWritten({ code: inlineCode(), memory_size: 512 })))).toContain("routes['POST /x'].memory_size");
    expect(() => api.addRoute('GET /y', { code: inlineCode(), environment: { TABLE_NAME: 'orders', my_setting: 'x' } })).not.toThrow();
  });

  test('provisioned-concurrency schedules (a list of structs) are checked', () => {
    const message = errorOf(() => new ServerlessFunction(testStack(), 'Fn', {
      code: inlineCode(),
      provisionedConcurrency: { minCapacity: 1, maxCapacity: 5, schedules: [asWritten({ name: 'peak', schedule: appscaling.Schedule.cron({ hour: '8' }), min_capacity: 3 })] },
    }));
    expect(message).toContain('[X1] TestStack/Fn: provisionedConcurrency.schedules[].min_capacity is a key spelled \'min_capacity\'');
  });
});
