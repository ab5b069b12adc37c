import { isEdgeFunction } from './cloudfront-rules';
import { AuditModel, AuditResource } from './model';
import { AuditRule, Finding } from './rule';
import { secretIn } from '../function/limits';

const functions = (m: AuditModel) => m.ofType('AWS::Lambda::Function');

/** Rules every function is judged by (BP-F1, F5, F6, F7, F13, F17). */
export const FUNCTION_RULES: AuditRule[] = [
  {
    id: 'SP-F1',
    severity: 'error',
    why: 'arm64 (Graviton) costs 20 % less per GB-second, with up to 34 % better price-performance.',
    fix: 'set architecture: Architecture.ARM_64 (and build native dependencies for arm64).',
    // Lambda@Edge runs only on x86_64 (BP-L4).
    check: m => functions(m).filter(f => !(f.props.Architectures ?? []).includes('arm64') && !isEdgeFunction(m, f))
      .map(f => ({ resource: f, detail: `runs on ${(f.props.Architectures ?? ['x86_64']).join(', ')}`, location: 'Properties.Architectures' })),
  },
  {
    id: 'SP-F5',
    severity: 'error',
    why: 'without active tracing a request through the function (or the state machine or GraphQL API that calls it) leaves no trace in AWS X-Ray.',
    fix: 'set tracing: Tracing.ACTIVE.',
    check: m => [
      // Lambda@Edge does not support X-Ray (BP-L4).
      ...functions(m).filter(f => f.props.TracingConfig?.Mode !== 'Active' && !isEdgeFunction(m, f))
        .map(f => ({ resource: f, detail: `tracing is ${f.props.TracingConfig?.Mode ?? 'PassThrough (unset)'}`, location: 'Properties.TracingConfig' })),
      // What calls functions is traced too, so a request is followed end to end (AWS Serverless Rules WS5000, WS3000).
      ...m.ofType('AWS::StepFunctions::StateMachine').filter(s => s.props.TracingConfiguration?.Enabled !== true)
        .map(s => ({ resource: s, detail: 'the state machine has X-Ray tracing off', location: 'Properties.TracingConfiguration' })),
      ...m.ofType('AWS::AppSync::GraphQLApi').filter(a => a.props.XrayEnabled !== true)
        .map(a => ({ resource: a, detail: 'the GraphQL API has X-Ray tracing off', location: 'Properties.XrayEnabled' })),
    ],
  },
  {
    id: 'SP-F6',
    severity: 'error',
    why: 'logs must be JSON (searchable by field) and go to a log group the stack owns with a finite retention; Lambda\'s implicit log group never expires.',
    fix: 'set loggingFormat: LoggingFormat.JSON and logGroup: a LogGroup with a retention.',
    check: m => functions(m).flatMap((f): Finding[] => {
      const logging = f.props.LoggingConfig ?? {};
      if (logging.LogFormat !== 'JSON') return [{ resource: f, detail: `logs are ${logging.LogFormat ?? 'Text (unset)'}`, location: 'Properties.LoggingConfig.LogFormat' }];
      if (logging.LogGroup === undefined) {
        // Lambda writes to /aws/lambda/<function name> by default: a log group of that name in the app, with a
        // retention, is the classic (pre-LoggingConfig) way to bound it.
        const classic = classicLogGroup(m, f);
        if (classic) {
          return classic.props.RetentionInDays === undefined
            ? [{ resource: f, detail: `its log group ${classic.logicalId} (/aws/lambda/<name>) never expires`, location: 'Properties.LoggingConfig.LogGroup' }] : [];
        }
        return [{ resource: f, detail: 'logs go to Lambda\'s implicit log group, which never expires', location: 'Properties.LoggingConfig.LogGroup' }];
      }
      const group = m.target(f, logging.LogGroup)?.resource;
      if (!group) return [{ resource: f, detail: 'logs go to a log group defined elsewhere: its retention could not be checked', location: 'Properties.LoggingConfig.LogGroup', unknown: true }];
      return group.props.RetentionInDays === undefined
        ? [{ resource: f, detail: `its log group ${group.logicalId} never expires`, location: 'Properties.LoggingConfig.LogGroup' }] : [];
    }),
  },
  {
    id: 'SP-F7',
    severity: 'warning',
    why: 'with recursive loop detection off, Lambda does not stop a loop through SQS, SNS or S3.',
    fix: 'remove recursiveLoop (Terminate is the default), or acknowledge SP-F7 for a loop that is intended and bounded.',
    check: m => functions(m).filter(f => f.props.RecursiveLoop === 'Allow')
      .map(f => ({ resource: f, detail: 'recursive loop detection is Allow', location: 'Properties.RecursiveLoop' })),
  },
  {
    id: 'SP-F13',
    severity: 'error',
    why: 'environment variables are readable by anyone who can read the function configuration; CloudFormation writes a dynamic reference\'s plaintext there.',
    fix: 'keep the secret in Secrets Manager or SSM Parameter Store (SecureString), pass its ARN or name, and read it at run time.',
    check: m => functions(m).flatMap(f => Object.entries(f.props.Environment?.Variables ?? {}).flatMap(([key, value]) => {
      const what = secretIn(key, value);
      return what ? [{ resource: f, detail: `${key} is ${what}`, location: `Properties.Environment.Variables.${key}` }] : [];
    })),
  },
  {
    id: 'SP-F17',
    severity: 'error',
    why: 'a function URL with AuthType NONE lets anyone on the internet invoke the function.',
    fix: 'use AuthType AWS_IAM and sign requests (SigV4), or put an API with authorization in front.',
    check: m => m.ofType('AWS::Lambda::Url').filter(u => u.props.AuthType !== 'AWS_IAM')
      .map(u => ({ resource: u, detail: `the function URL's AuthType is ${u.props.AuthType}`, location: 'Properties.AuthType' })),
  },
];

/**
 * The log group named `/aws/lambda/<function name>` in the function's stack, if the app defines one: written with a
 * `Ref` to the function (`Fn::Join ['', ['/aws/lambda/', { Ref }]]`) or with the function's literal `FunctionName`.
 */
function classicLogGroup(m: AuditModel, f: AuditResource): AuditResource | undefined {
  const literal = typeof f.props.FunctionName === 'string' ? `/aws/lambda/${f.props.FunctionName}` : undefined;
  return m.ofType('AWS::Logs::LogGroup').find(g => {
    if (g.stack !== f.stack) return false;
    const name = g.props.LogGroupName;
    if (typeof name === 'string') return name === literal;
    const parts = (name as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
    return parts !== undefined && parts[0] === '' && parts[1].length === 2 && parts[1][0] === '/aws/lambda/' && m.target(g, parts[1][1])?.resource === f;
  });
}
