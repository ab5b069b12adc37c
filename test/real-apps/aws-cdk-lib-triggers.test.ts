/**
 * Triggers the library has no construct for, attached with plain aws-cdk-lib to a ServerlessFunction's alias (BP-F8,
 * F19): each invokes the alias, the invoking side is granted the alias only (never the unqualified function or `*`),
 * the function's role stays inline, and the audit pack finds nothing. These are the README's recipes.
 */
import { CustomResource, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import * as cr from 'aws-cdk-lib/custom-resources';
import { ServerlessFunction, ServerlessPatternsChecks } from '../../src';
import { inlineCode, logicalIdsOf, testStack } from '../helpers';

type Wire = (s: Stack, fn: ServerlessFunction) => void;

const RECIPES: [string, Wire][] = [
  ['Step Functions LambdaInvoke', (s, fn) => {
    new sfn.StateMachine(s, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(s, 'Invoke', { lambdaFunction: fn.alias, payloadResponseOnly: true })),
      tracingEnabled: true,
    });
  }],
  ['AppSync Lambda data source', (s, fn) => {
    const api = new appsync.GraphqlApi(s, 'Api', {
      name: 'orders',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/fixtures/schema.graphql`)),
      authorizationConfig: { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } },
    });
    api.addLambdaDataSource('Orders', fn.alias).createResolver('Order', { typeName: 'Query', fieldName: 'order' });
  }],
  ['EventBridge Pipes enrichment', (s, fn) => {
    const source = new sqs.Queue(s, 'Source', { enforceSSL: true });
    const target = new sqs.Queue(s, 'Target', { enforceSSL: true });
    const role = new iam.Role(s, 'PipeRole', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
    source.grantConsumeMessages(role);
    target.grantSendMessages(role);
    fn.grantInvoke(role); // the alias, never $LATEST
    new pipes.CfnPipe(s, 'Pipe', { roleArn: role.roleArn, source: source.queueArn, target: target.queueArn, enrichment: fn.alias.functionArn });
  }],
  ['Cognito user-pool trigger', (s, fn) => {
    const pool = new cognito.UserPool(s, 'Pool');
    pool.addTrigger(cognito.UserPoolOperation.PRE_SIGN_UP, fn.alias);
  }],
  ['custom-resource provider', (s, fn) => {
    const provider = new cr.Provider(s, 'Provider', { onEventHandler: fn.alias });
    new CustomResource(s, 'Resource', { serviceToken: provider.serviceToken });
  }],
];

describe('aws-cdk-lib triggers on a ServerlessFunction keep the alias and least privilege (BP-F8, F19)', () => {
  test.each(RECIPES)('%s invokes the alias; the invoker is granted the alias only', (_what, wire) => {
    const stack = testStack();
    const fn = new ServerlessFunction(stack, 'Fn', { code: inlineCode(), timeout: Duration.seconds(10) });
    wire(stack, fn);
    const t = Template.fromStack(stack);
    const json = JSON.stringify(t.toJSON());
    const alias = logicalIdsOf(t, 'AWS::Lambda::Alias')[0];
    const fnId = logicalIdsOf(t, 'AWS::Lambda::Function').find(id => id.startsWith('FnFunction'))!;
    expect(json).toContain(`{"Ref":"${alias}"}`);
    // Every statement that grants lambda:InvokeFunction on this function names its alias (no bare function, no `*`).
    for (const policy of Object.values(t.findResources('AWS::IAM::Policy'))) {
      for (const st of policy.Properties.PolicyDocument.Statement) {
        if (![st.Action].flat().includes('lambda:InvokeFunction')) continue;
        const resources = JSON.stringify(st.Resource);
        if (!resources.includes(fnId) && !resources.includes(alias)) continue; // another function (a provider's framework)
        expect(resources).not.toContain(`"Fn::GetAtt":["${fnId}","Arn"]`);
        expect(resources).toContain(alias);
      }
    }
    // The function's own role is still inline only.
    expect(t.findResources('AWS::IAM::Role')[logicalIdsOf(t, 'AWS::IAM::Role').find(id => id.startsWith('FnServiceRole'))!].Properties.ManagedPolicyArns).toBeUndefined();
    // Lambda permissions for this function name the alias.
    for (const p of Object.values(t.findResources('AWS::Lambda::Permission'))) {
      const name = JSON.stringify(p.Properties.FunctionName);
      if (name.includes(fnId)) expect(name).toContain(alias);
    }
    const findings = new ServerlessPatternsChecks().validateScope(stack).violations.filter(v => ['SP-F8', 'SP-F11'].includes(v.ruleName)
      && v.violatingResources.some(r => (r as { constructPath?: string }).constructPath?.startsWith('TestStack/Fn')));
    expect(findings).toEqual([]);
  });
});
