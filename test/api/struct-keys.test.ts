/**
 * Structs inside maps and lists (ServerlessApi `routes`, provisioned-concurrency `schedules`) are not converted by
 * jsii (BP-X1, X4):
 * - from JavaScript, a plain object reaches the library as written: a foreign spelling is refused by name;
 * - from Python, the jsii kernel drops the keys the struct does not declare before the library sees them
 *   (found from pytest, examples/python/tests): so these props are refused from Python altogether, naming the
 *   method that takes the same settings as keyword arguments. The Python side is tested for real by pytest;
 *   here the host is set as the jsii runtime sets it (`JSII_AGENT`).
 */
import { CfnParameter, Duration, Stack, TimeZone } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import { ApiAuthorization, ServerlessApi, ServerlessApiProps, ServerlessFunction, ServerlessRestApi } from '../../src';
import { pythonSpelling } from '../../src/private/jsii-host';
import { errorOf, expectViolation, inlineCode, testStack } from '../helpers';

/** A plain object with keys as another language would write them (JavaScript passes it unchanged). */
const asWritten = (o: object) => o as never;

describe('structs inside maps and lists keep no foreign spelling', () => {
  test('a plain object with memory_size (JavaScript passes it as written) is refused, naming memorySize', () => {
    const props: ServerlessApiProps = { routes: { 'GET /x': asWritten({ code: inlineCode(), memory_size: 256, reserved_concurrent_executions: 2 }) } };
    const message = errorOf(() => new ServerlessApi(testStack(), 'Api', props));
    expectViolation(message, 'X1', 'TestStack/Api', "routes['GET /x'].memory_size", "a key spelled like 'memory_size', 'reserved_concurrent_executions'", 'camelCase property names');
    expect(message).toContain("Fix: write 'memorySize', 'reservedConcurrentExecutions'");
  });

  test('MemorySize, and a snake_case key in a nested struct, are refused too', () => {
    expect(errorOf(() => new ServerlessApi(testStack(), 'Api', { routes: { 'GET /x': asWritten({ code: inlineCode(), MemorySize: 256 }) } })))
      .toContain("routes['GET /x'].MemorySize is a key spelled 'MemorySize'");
    expect(errorOf(() => new ServerlessApi(testStack(), 'Api', { routes: { 'GET /x': asWritten({ code: inlineCode(), alarms: { errors_threshold: 5 } }) } })))
      .toContain("routes['GET /x'].alarms.errors_threshold is a key spelled 'errors_threshold'");
  });

  test('addRoute is checked the same way; environment keys stay free', () => {
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

describe('from Python, structs inside maps and lists are refused; the methods take them as keyword arguments', () => {
  const asHost = (agent: string | undefined, run: () => void) => {
    const before = process.env.JSII_AGENT;
    if (agent === undefined) delete process.env.JSII_AGENT; else process.env.JSII_AGENT = agent;
    try { run(); } finally { if (before === undefined) delete process.env.JSII_AGENT; else process.env.JSII_AGENT = before; }
  };
  const schedule = { name: 'peak', schedule: appscaling.Schedule.cron({ hour: '8', minute: '0' }), minCapacity: 3 };

  test('routes from Python: refused with add_route, even when every key is right', () => {
    asHost('Python/3.11.7', () => {
      const message = errorOf(() => new ServerlessApi(testStack(), 'Api', { routes: { 'GET /x': { code: inlineCode(), memorySize: 256 } } }));
      expectViolation(message, 'X1', 'TestStack/Api', 'routes', 'given from Python', 'keyword arguments');
      expect(message).toContain('api.add_route("GET /orders/{id}", code=..., memory_size=..., authorization=...)');
      // The method works from Python (its struct is the last parameter: keyword arguments).
      const api = new ServerlessApi(testStack(), 'Api2', { routes: {} });
      api.addRoute('GET /x', { code: inlineCode(), memorySize: 256 });
      Template.fromStack(Stack.of(api)).hasResourceProperties('AWS::Lambda::Function', { MemorySize: 256 });
    });
  });

  test('REST routes from Python: refused with add_route too; add_route and a snake_case key in plain JavaScript', () => {
    asHost('Python/3.11.7', () => {
      const message = errorOf(() => new ServerlessRestApi(testStack(), 'Api', { routes: { 'GET /x': { code: inlineCode(), memorySize: 256 } } }));
      expectViolation(message, 'X1', 'TestStack/Api', 'routes', 'given from Python', 'keyword arguments');
      const api = new ServerlessRestApi(testStack(), 'Api2');
      api.addRoute('GET /x', { code: inlineCode(), memorySize: 256, apiKeyRequired: false });
      Template.fromStack(Stack.of(api)).hasResourceProperties('AWS::Lambda::Function', { MemorySize: 256 });
    });
    expect(errorOf(() => new ServerlessRestApi(testStack(), 'Api', { routes: { 'GET /x': asWritten({ code: inlineCode(), memory_size: 256 }) } })))
      .toContain("[X1] TestStack/Api: routes['GET /x'].memory_size is a key spelled 'memory_size'");
  });

  test('schedules from Python: refused with add_provisioned_concurrency_schedule', () => {
    asHost('Python/3.11.7', () => {
      const message = errorOf(() => new ServerlessFunction(testStack(), 'Fn', {
        code: inlineCode(), provisionedConcurrency: { minCapacity: 1, maxCapacity: 5, schedules: [schedule] },
      }));
      expectViolation(message, 'X1', 'TestStack/Fn', 'provisionedConcurrency.schedules (Python: provisioned_concurrency.schedules)', 'given from Python',
        'keyword arguments');
      expect(message).toContain('fn.add_provisioned_concurrency_schedule(name=..., schedule=..., min_capacity=..., time_zone=...)');
    });
  });

  test('every message names the prop as Python spells it too, when called from Python', () => {
    asHost('Python/3.11.7', () => {
      expect(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), memorySize: 20_000 })))
        .toContain('[F3] TestStack/Fn: memorySize (Python: memory_size) is 20,000 MB');
      // Quoted parts (route keys) stay as written; a prop that is the same in both is named once.
      expect(pythonSpelling("routes['GET /ordersById'].reservedConcurrentExecutions")).toBe("routes['GET /ordersById'].reserved_concurrent_executions");
      expect(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), timeout: Duration.minutes(16) })))
        .toContain('[F4] TestStack/Fn: timeout is 960 s');
    });
    asHost('Java/17.0.15', () => {
      expect(errorOf(() => new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), memorySize: 20_000 }))).toContain('[F3] TestStack/Fn: memorySize is 20,000 MB');
    });
  });

  test('Java, .NET and Go (typed structs) and JavaScript keep both props', () => {
    for (const agent of ['Java/17.0.15', 'DotNet/8.0.1', 'golang/go1.22.1', undefined]) {
      asHost(agent, () => {
        expect(() => new ServerlessApi(testStack(), 'Api', { routes: { 'GET /x': { code: inlineCode() } } })).not.toThrow();
        expect(() => new ServerlessFunction(testStack(), 'Fn', {
          code: inlineCode(), provisionedConcurrency: { minCapacity: 1, maxCapacity: 5, schedules: [schedule] },
        })).not.toThrow();
      });
    }
  });

  test('a route\'s authorization is one of its props, in the map and in addRoute', () => {
    const stack = testStack();
    const api = new ServerlessApi(stack, 'Api', {
      routes: { 'GET /health': { code: inlineCode(), authorization: ApiAuthorization.none('load balancer health check') } },
    });
    api.addRoute('GET /orders', { code: inlineCode() });
    const routes = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route');
    const byKey = Object.fromEntries(Object.values(routes).map((r: any) => [r.Properties.RouteKey, r.Properties.AuthorizationType]));
    expect(byKey).toEqual({ 'GET /health': 'NONE', 'GET /orders': 'AWS_IAM' });
  });
});

describe('BP-F9: addProvisionedConcurrencySchedule, checked like provisionedConcurrency.schedules', () => {
  const schedule = (name: string, extra: object = {}) => ({ name, schedule: appscaling.Schedule.cron({ hour: '8', minute: '0' }), minCapacity: 3, ...extra });
  const fn = (extra: object = {}) => new ServerlessFunction(testStack(), 'Fn', {
    code: inlineCode(), provisionedConcurrency: { minCapacity: 1, maxCapacity: 5, schedules: [schedule('peak')] }, ...extra,
  });

  test('adds a scheduled action beside the ones in props', () => {
    const f = fn();
    f.addProvisionedConcurrencySchedule(schedule('night', { minCapacity: 0, maxCapacity: 2 }));
    const target = Object.values(Template.fromStack(Stack.of(f)).findResources('AWS::ApplicationAutoScaling::ScalableTarget'))[0] as any;
    expect(target.Properties.ScheduledActions.map((a: any) => [a.ScheduledActionName, a.ScalableTargetAction])).toEqual([
      [expect.stringContaining('peak'), { MinCapacity: 3 }],
      [expect.stringContaining('night'), { MinCapacity: 0, MaxCapacity: 2 }],
    ]);
  });

  test('refuses a taken name, a function without auto scaling, capacity above reserved, a foreign key', () => {
    expect(errorOf(() => fn().addProvisionedConcurrencySchedule(schedule('peak')))).toContain("[F9] TestStack/Fn: provisionedConcurrency.schedules[].name is 'peak' twice");
    const plain = new ServerlessFunction(testStack(), 'Fn', { code: inlineCode(), provisionedConcurrency: { minCapacity: 1 } });
    expectViolation(errorOf(() => plain.addProvisionedConcurrencySchedule(schedule('peak'))), 'F9', 'TestStack/Fn', 'addProvisionedConcurrencySchedule',
      "schedule 'peak' on a function without provisionedConcurrency.maxCapacity", 'auto-scales');
    expectViolation(errorOf(() => fn({ reservedConcurrentExecutions: 5 }).addProvisionedConcurrencySchedule(schedule('burst', { maxCapacity: 8 }))),
      'F10', 'TestStack/Fn', "provisionedConcurrency.schedules['burst'].maxCapacity", '8 with reservedConcurrentExecutions 5', 'reserved concurrency');
    expect(errorOf(() => fn().addProvisionedConcurrencySchedule(asWritten({ ...schedule('x'), time_zone: 'Europe/Berlin' }))))
      .toContain("provisionedConcurrency.schedules[].time_zone is a key spelled 'time_zone'");
  });

  test('a schedule given in props and one given to the method face the same checks, with the schedule named', () => {
    // F10: the schedule's own maxCapacity against reserved concurrency, by props or by the method.
    expectViolation(errorOf(() => new ServerlessFunction(testStack(), 'Fn', {
      code: inlineCode(), reservedConcurrentExecutions: 5, provisionedConcurrency: { minCapacity: 1, maxCapacity: 5, schedules: [schedule('burst', { maxCapacity: 8 })] },
    })), 'F10', 'TestStack/Fn', "provisionedConcurrency.schedules['burst'].maxCapacity", '8 with reservedConcurrentExecutions 5', 'reserved concurrency');
    expectViolation(errorOf(() => fn().addProvisionedConcurrencySchedule(schedule('a/b'))), 'F9', 'TestStack/Fn', 'provisionedConcurrency.schedules[].name', "'a/b'", '1–256 characters');
    expectViolation(errorOf(() => fn().addProvisionedConcurrencySchedule(schedule('late', { minCapacity: 9 }))), 'F9', 'TestStack/Fn',
      "provisionedConcurrency.schedules['late'].minCapacity", '9 (the range from then on would be 9–5)', 'no higher than the maximum');
    expectViolation(errorOf(() => fn().addProvisionedConcurrencySchedule(schedule('tz', { timeZone: TimeZone.of('Mars/Olympus') }))), 'F9', 'TestStack/Fn',
      "provisionedConcurrency.schedules['tz'].timeZone", "'Mars/Olympus' (not an IANA time zone)", 'an IANA time-zone name');
  });

  test('token capacities (a CfnParameter) are left for CloudFormation and reach the scheduled action', () => {
    const f = fn({ reservedConcurrentExecutions: 50 });
    const peak = new CfnParameter(Stack.of(f), 'PeakCapacity', { type: 'Number', default: 20 });
    f.addProvisionedConcurrencySchedule(schedule('peak-2', { minCapacity: undefined, maxCapacity: peak.valueAsNumber }));
    const target = Object.values(Template.fromStack(Stack.of(f)).findResources('AWS::ApplicationAutoScaling::ScalableTarget'))[0] as any;
    expect(target.Properties.ScheduledActions[1].ScalableTargetAction).toEqual({ MaxCapacity: { Ref: 'PeakCapacity' } });
  });
});
