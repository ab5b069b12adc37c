import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { EdgeFunction, QueueWorker, ServerlessDashboard } from '../../src';
import { inlineCode } from '../helpers';
test('try', () => {
  const app = new App();
  const s = new Stack(app, 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
  new ServerlessDashboard(s, 'Ops');
  new QueueWorker(s, 'Q', { functionProps: { code: inlineCode() } });
  new EdgeFunction(s, 'E', { eventType: cloudfront.LambdaEdgeEventType.VIEWER_REQUEST, code: inlineCode() });
  const t = Template.fromStack(s);
  const d = Object.values(t.findResources('AWS::CloudWatch::Dashboard'))[0] as any;
  console.log(JSON.stringify(d.Properties.DashboardBody).slice(0, 3000));
});
