import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import {
  EdgeFunction, EventWorker, IMonitoredConstruct, PublicFunctionUrl, QueueWorker, S3Pipeline, ScheduledJob, ServerlessApi, ServerlessDashboard,
  ServerlessFunction, ServerlessRestApi, StreamWorker, TopicWorker, VpcFunction,
} from '../../src';
import { errorOf, expectViolation, inlineCode, TEST_ENV, testStack } from '../helpers';

const code = () => ({ code: inlineCode() });

/** One of each construct of the library. */
function everything(s: Stack): void {
  new ServerlessFunction(s, 'Fn', code());
  new QueueWorker(s, 'Queue', { functionProps: code() });
  new StreamWorker(s, 'Stream', { functionProps: code() });
  new ScheduledJob(s, 'Job', { schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: code() });
  new EventWorker(s, 'Events', { eventPattern: { source: ['my.orders'] }, functionProps: code() });
  new TopicWorker(s, 'Topic', { functionProps: code() });
  new S3Pipeline(s, 'Pipeline', { functionProps: code() });
  new VpcFunction(s, 'Vpc', { functionProps: code() });
  new ServerlessApi(s, 'Http', { routes: { 'GET /a': code(), 'POST /b': code() } });
  new ServerlessRestApi(s, 'Rest', { routes: { 'GET /a': code() } });
  new EdgeFunction(s, 'Edge', { eventType: cloudfront.LambdaEdgeEventType.ORIGIN_REQUEST, code: inlineCode() });
  new PublicFunctionUrl(s, 'Public', { function: new ServerlessFunction(s, 'Behind', code()) });
}

/** The dashboard body as JSON, references written as `${LogicalId}` (Fn::Join of strings and Ref/GetAtt). */
function bodyOf(stack: Stack): { start?: string; widgets: any[] } {
  const [d] = Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard')) as any[];
  const body = d.Properties.DashboardBody;
  const text = typeof body === 'string' ? body : (body['Fn::Join'][1] as unknown[]).map(p => (typeof p === 'string' ? p
    : `\${${(p as any).Ref ?? (p as any)['Fn::GetAtt']?.join('.') ?? JSON.stringify(p).replace(/"/g, "'")}}`)).join('');
  return JSON.parse(text);
}
const rowsOf = (widgets: any[]) => widgets.filter(w => w.type === 'text').map(w => w.properties.markdown as string);
const metricsOf = (w: any): any[][] => w.properties?.metrics ?? [];

describe('ServerlessDashboard (BP-F15)', () => {
  test('no construct creates a dashboard unless asked', () => {
    const stack = testStack();
    everything(stack);
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Dashboard', 0);
  });

  test('a row per construct of the stack, the outermost only, constructs created after the dashboard included', () => {
    const stack = testStack();
    new ServerlessDashboard(stack, 'Ops', { dashboardName: 'orders' });
    everything(stack);
    const rows = rowsOf(bodyOf(stack).widgets);
    expect(rows).toEqual([
      '### ServerlessFunction · TestStack/Fn', '### QueueWorker · TestStack/Queue', '### StreamWorker · TestStack/Stream',
      '### ScheduledJob · TestStack/Job', '### EventWorker · TestStack/Events', '### TopicWorker · TestStack/Topic',
      '### S3Pipeline · TestStack/Pipeline', '### VpcFunction · TestStack/Vpc', '### ServerlessApi · TestStack/Http',
      '### ServerlessRestApi · TestStack/Rest', '### EdgeFunction · TestStack/Edge', '### ServerlessFunction · TestStack/Behind',
      '### PublicFunctionUrl · TestStack/Public',
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Dashboard', { DashboardName: 'orders' });
  });

  test('each row fills the 24 columns: the header, then alarms, backlog, errors and throttles, p99 duration, concurrency', () => {
    const stack = testStack();
    new ServerlessDashboard(stack, 'Ops');
    new QueueWorker(stack, 'Queue', { functionProps: code() });
    const { widgets, start } = bodyOf(stack);
    expect(start).toBe('-PT3H');
    expect(widgets.map(w => [w.type, w.properties.title, w.width])).toEqual([
      ['text', undefined, 24], ['alarm', 'Alarms', 5], ['metric', 'Backlog', 5], ['metric', 'Errors and throttles', 5],
      ['metric', 'Duration p99 (ms)', 5], ['metric', 'Concurrency', 4],
    ]);
    const [, alarms, backlog, errors, duration, concurrency] = widgets;
    // Every alarm of the worker and of its function, by ARN.
    expect(alarms.properties.alarms).toHaveLength(Object.keys(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).length);
    const [waiting, dead, oldest] = metricsOf(backlog);
    expect([waiting[1], dead[1], oldest[1]]).toEqual(['ApproximateNumberOfMessagesVisible', 'ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage']);
    expect(waiting[3]).toMatch(/^\$\{Queue[0-9A-F]{8}\.QueueName\}$/);
    expect(dead[3]).toMatch(/^\$\{QueueDeadLetterQueue[0-9A-F]{8}\.QueueName\}$/);
    expect(oldest[3]).toBe(waiting[3]);
    expect(metricsOf(errors).map(m => m[1])).toEqual(['Errors', 'Throttles', 'Invocations']);
    // The alias's metrics (FunctionName + Resource = <function>:live), as Lambda publishes them for an alias.
    expect(metricsOf(errors)[0].slice(2, 6)).toEqual(['FunctionName', expect.stringMatching(/^\$\{/), 'Resource', expect.stringMatching(/:live$/)]);
    expect(metricsOf(duration)[0].at(-1)).toMatchObject({ stat: 'p99' });
    expect(duration.properties.annotations.horizontal[0]).toMatchObject({ value: 30_000, label: 'timeout' });
    expect(metricsOf(concurrency)[0][1]).toBe('ConcurrentExecutions');
    for (const w of widgets) expect(w.x + w.width).toBeLessThanOrEqual(24);
  });

  test('the backlog of each kind: iterator age and failed batches (streams), dead-letter queues (schedules, rules, topics)', () => {
    const stack = testStack();
    new ServerlessDashboard(stack, 'Ops');
    new StreamWorker(stack, 'Stream', { functionProps: code() });
    new ScheduledJob(stack, 'Job', { schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)), functionProps: code() });
    const backlogs = bodyOf(stack).widgets.filter(w => /Backlog|Dead-letter/.test(w.properties.title ?? ''));
    expect(backlogs.map(w => metricsOf(w).map(m => m[1]))).toEqual([['IteratorAge', 'ApproximateNumberOfMessagesVisible'], ['ApproximateNumberOfMessagesVisible']]);
  });

  test('an API row: requests, 4xx/5xx and p99 latency, and each route\'s function by its route key', () => {
    const stack = testStack();
    new ServerlessDashboard(stack, 'Ops');
    new ServerlessApi(stack, 'Http', { routes: { 'GET /a': code(), 'POST /b': code() } });
    const widgets = bodyOf(stack).widgets;
    const requests = widgets.find(w => w.properties.title === 'Requests and errors');
    expect(metricsOf(requests).map(m => m[1])).toEqual(['5xx', '4xx', 'Count']);
    const errors = widgets.find(w => w.properties.title === 'Errors and throttles');
    expect(metricsOf(errors).map(m => m.at(-1).label)).toEqual(['GET /a errors', 'GET /a throttles', 'POST /b errors', 'POST /b throttles', 'GET /a invocations', 'POST /b invocations']);
  });

  test('BP-L8: from eu-west-1, an EdgeFunction\'s graphs read us-east-1, by name (no reference to the edge stack); CloudFront\'s too', () => {
    const app = new App();
    const site = new Stack(app, 'Site', { env: { account: '123456789012', region: 'eu-west-1' } });
    new ServerlessDashboard(site, 'Ops');
    new EdgeFunction(site, 'Auth', { eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, code: inlineCode() });
    new PublicFunctionUrl(site, 'Public', { function: new ServerlessFunction(site, 'Api', code()) });
    const widgets = bodyOf(site).widgets;
    const edgeErrors = widgets.filter(w => w.properties.title === 'Errors and throttles')[0];
    expect(edgeErrors.properties.region).toBe('us-east-1');
    expect(metricsOf(edgeErrors)[0][3]).toMatch(/^Siteedge-SiteAuthFunction-[0-9A-F]{8}$/);
    const cdn = widgets.find(w => w.properties.title === 'Viewer errors (%)');
    expect(cdn.properties.region).toBe('us-east-1');
    expect(metricsOf(cdn)[0].slice(0, 2)).toEqual(['AWS/CloudFront', '5xxErrorRate']);
    expect(metricsOf(cdn)[0]).toEqual(expect.arrayContaining(['Region', 'Global']));
    expect(JSON.stringify(Template.fromStack(site).toJSON())).not.toContain('Fn::GetStackOutput":{"StackName":"Site-edge","Region":"us-east-1","OutputName":"PublishOutputRefSiteAuthFunction');
  });

  test('two stacks: an ops stack collects from the app, and depends on the service stack', () => {
    const app = new App();
    const service = new Stack(app, 'Service', { env: TEST_ENV });
    const ops = new Stack(app, 'Ops', { env: TEST_ENV });
    new QueueWorker(service, 'Queue', { functionProps: code() });
    new ServerlessDashboard(ops, 'Dashboard', { collectFrom: app });
    app.synth();
    expect(rowsOf(bodyOf(ops).widgets)).toEqual(['### QueueWorker · Service/Queue']);
    expect(ops.dependencies).toContain(service);
  });

  test('constructs given are shown in that order, and addConstructs appends', () => {
    const stack = testStack();
    const a = new ServerlessFunction(stack, 'A', code());
    const b = new ServerlessFunction(stack, 'B', code());
    const c = new ServerlessFunction(stack, 'C', code());
    const d = new ServerlessDashboard(stack, 'Ops', { constructs: [b, a] });
    d.addConstructs(c, a); // a construct shown already is not shown twice
    expect(rowsOf(bodyOf(stack).widgets)).toEqual(['### ServerlessFunction · TestStack/B', '### ServerlessFunction · TestStack/A', '### ServerlessFunction · TestStack/C']);
  });
});

/** A construct that returns the widgets it is given: the limits' test subject. */
class Rows extends Construct implements IMonitoredConstruct {
  constructor(scope: Construct, id: string, private readonly make: () => cloudwatch.IWidget[]) { super(scope, id); }
  public dashboardWidgets() { return this.make(); }
}
const metrics = (n: number) => Array.from({ length: n }, (_, i) => new cloudwatch.Metric({ namespace: 'App', metricName: `m${i}` }));

describe('ServerlessDashboard bad input and CloudWatch\'s limits (BP-X4, F15)', () => {
  test.each<[string, () => cloudwatch.IWidget[], string]>([
    ['501 widgets', () => Array.from({ length: 501 }, () => new cloudwatch.TextWidget({ markdown: 'x' })), '501 widgets (1 constructs)'],
    ['a widget of 501 metrics', () => [new cloudwatch.GraphWidget({ left: metrics(501) })], 'a widget of 501 metrics (1 constructs)'],
    ['2,501 metrics in all', () => [...Array.from({ length: 5 }, () => new cloudwatch.GraphWidget({ left: metrics(500) })), new cloudwatch.GraphWidget({ left: metrics(1) })], '2501 metrics (1 constructs)'],
  ])('%s fail at synthesis, with the fix', (_what, make, value) => {
    const stack = testStack();
    new ServerlessDashboard(stack, 'Ops', { constructs: [new Rows(stack, 'Big', make)] });
    expectViolation(errorOf(() => Template.fromStack(stack)), 'F15', 'TestStack/Ops', 'the dashboard', value, 'at most 500 widgets, 500 metrics per widget and 2500 metrics in all');
  });

  test('500 widgets of 5 metrics each (2,500 in all) are accepted', () => {
    const stack = testStack();
    new ServerlessDashboard(stack, 'Ops', { constructs: [new Rows(stack, 'Big', () => Array.from({ length: 500 }, () => new cloudwatch.GraphWidget({ left: metrics(5) })))] });
    expect(() => Template.fromStack(stack)).not.toThrow();
  });

  test.each<[string, object, string, string, string]>([
    ['a name with a space', { dashboardName: 'my ops' }, 'dashboardName', "'my ops'", '1–255 letters, digits, - and _'],
    ['a name of 256 characters', { dashboardName: 'd'.repeat(256) }, 'dashboardName', `'${'d'.repeat(256)}'`, '1–255 letters'],
    ['constructs and collectFrom', { constructs: [], collectFrom: new App() }, 'constructs', 'given with collectFrom', 'one of them'],
    ['a number for the interval (plain JavaScript)', { defaultInterval: 3 }, 'defaultInterval', 'the number 3', 'a Duration'],
  ])('%s', (_what, props, prop, value, allowed) => {
    expectViolation(errorOf(() => new ServerlessDashboard(testStack(), 'Ops', props as any)), prop === 'defaultInterval' ? 'F20' : 'F15', 'TestStack/Ops', prop, value, allowed);
  });

  test('something that is not one of the library\'s constructs fails (plain JavaScript), naming it', () => {
    const stack = testStack();
    const message = errorOf(() => new ServerlessDashboard(stack, 'Ops', { constructs: [new Construct(stack, 'Plain') as any] }).dashboard && Template.fromStack(stack));
    expectViolation(message, 'F15', 'TestStack/Ops', 'constructs', 'TestStack/Plain (it has no dashboardWidgets())', 'constructs of this library');
  });

  test('a construct of a stack in another region fails, naming it and the fix', () => {
    const app = new App();
    const eu = new Stack(app, 'Eu', { env: { account: '123456789012', region: 'eu-west-1' } });
    const us = new Stack(app, 'Us', { env: TEST_ENV });
    new ServerlessFunction(eu, 'Fn', code());
    new ServerlessDashboard(us, 'Ops', { collectFrom: app });
    expectViolation(errorOf(() => app.synth()), 'F15', 'Us/Ops', 'constructs', "Eu/Fn (in eu-west-1; the dashboard's stack is in us-east-1)", "constructs of stacks in the dashboard's region");
  });
});
