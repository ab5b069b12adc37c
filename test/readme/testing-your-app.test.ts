/**
 * The README's "Testing your app" snippet, exactly as it stands there, runs and passes: its template assertions and
 * the three packs' validateScope find nothing on a QueueWorker (BP-X2, Q2, Q3); and it bites (issue #24).
 */
import * as fs from 'fs';
import * as path from 'path';
import { runSnippet } from './snippet';

const README = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Testing your app'), README.indexOf('## Troubleshooting'));
const snippet = /```ts nofixture\n([\s\S]*?)```/.exec(section)![1];

type Report = { violations: { ruleName: string }[] };

/** The snippet's three reports. */
const run = (source: string) => runSnippet(source, ['awsSolutions', 'serverless', 'patterns']) as Record<'awsSolutions' | 'serverless' | 'patterns', Report>;

const rules = (r: Report) => r.violations.map(v => v.ruleName);

describe('README: testing your app', () => {
  test('BP-X2/Q2/Q3: the snippet runs as it stands: its assertions hold and no pack finds anything', () => {
    expect(snippet).toContain('Template.fromStack(stack)');
    const { awsSolutions, serverless, patterns } = run(snippet);
    expect([rules(awsSolutions), rules(serverless), rules(patterns)]).toEqual([[], [], []]);
  });

  test('it bites: a plain topic in the stack is a finding in the report (AwsSolutions-SNS3), a wrong count fails the assertion', () => {
    const withTopic = snippet.replace('const template = Template.fromStack(stack);',
      "new (require('aws-cdk-lib/aws-sns').Topic)(stack, 'Plain');\nconst template = Template.fromStack(stack);");
    expect(withTopic).not.toEqual(snippet);
    expect(rules(run(withTopic).awsSolutions)).toContain('AwsSolutions-SNS3');
    const wrongCount = snippet.replace("resourceCountIs('AWS::SQS::Queue', 2)", "resourceCountIs('AWS::SQS::Queue', 3)");
    expect(wrongCount).not.toEqual(snippet);
    expect(() => run(wrongCount)).toThrow(/AWS::SQS::Queue/);
  });
});
