import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HandwrittenStack } from '../../bench/handwritten-app';
import { LibraryStack } from '../../bench/library-app';
import { TEST_ENV } from '../helpers';

/** Resource types that make the two benchmark apps the same infrastructure. */
const MATTER = [
  'AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version', 'AWS::Lambda::EventSourceMapping', 'AWS::Lambda::EventInvokeConfig',
  'AWS::SQS::Queue', 'AWS::Scheduler::Schedule', 'AWS::S3::Bucket', 'AWS::EC2::VPCEndpoint', 'AWS::RDS::DBProxy',
  'AWS::CloudWatch::Alarm', 'AWS::Logs::LogGroup', 'AWS::IAM::Role', 'AWS::ApiGatewayV2::Route', 'AWS::Events::Rule', 'AWS::EC2::SecurityGroup',
];

function counts(template: Template): Record<string, number> {
  const out: Record<string, number> = {};
  for (const type of MATTER) out[type] = Object.keys(template.findResources(type)).length;
  return out;
}

describe('benchmark apps', () => {
  test('the hand-written stack is feature-equal to the library stack', () => {
    const lib = counts(Template.fromStack(new LibraryStack(new App(), 'Lib', { env: TEST_ENV })));
    const hand = counts(Template.fromStack(new HandwrittenStack(new App(), 'Hand', { env: TEST_ENV })));
    expect(hand).toEqual(lib);
    expect(lib['AWS::Lambda::Function']).toBe(5);
    expect(lib['AWS::RDS::DBProxy']).toBe(1);
  });
});
