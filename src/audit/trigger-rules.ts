import { AuditModel, AuditResource } from './model';
import { AuditRule, Finding, functionOf, qualification } from './rule';

/** Every place a trigger names a function: the resource, where, and the value that names it. */
interface FunctionReference { readonly resource: AuditResource; readonly location: string; readonly value: unknown; readonly async: boolean }

function functionReferences(m: AuditModel): FunctionReference[] {
  const out: FunctionReference[] = [];
  for (const r of m.ofType('AWS::Lambda::EventSourceMapping')) out.push({ resource: r, location: 'Properties.FunctionName', value: r.props.FunctionName, async: false });
  for (const r of m.ofType('AWS::Lambda::Permission')) out.push({ resource: r, location: 'Properties.FunctionName', value: r.props.FunctionName, async: false });
  for (const r of m.ofType('AWS::ApiGatewayV2::Integration')) {
    if (r.props.IntegrationType === 'AWS_PROXY' && mentionsLambda(m, r, r.props.IntegrationUri)) out.push({ resource: r, location: 'Properties.IntegrationUri', value: r.props.IntegrationUri, async: false });
  }
  for (const r of m.ofType('AWS::ApiGateway::Method')) {
    const uri = r.props.Integration?.Uri;
    if (uri !== undefined && mentionsLambda(m, r, uri)) out.push({ resource: r, location: 'Properties.Integration.Uri', value: uri, async: false });
  }
  for (const r of m.ofType('AWS::Events::Rule')) {
    (r.props.Targets ?? []).forEach((t: any, i: number) => {
      if (mentionsLambda(m, r, t.Arn)) out.push({ resource: r, location: `Properties.Targets.${i}.Arn`, value: t.Arn, async: true });
    });
  }
  for (const r of m.ofType('AWS::Scheduler::Schedule')) {
    if (mentionsLambda(m, r, r.props.Target?.Arn)) out.push({ resource: r, location: 'Properties.Target.Arn', value: r.props.Target.Arn, async: true });
  }
  for (const r of m.ofType('AWS::SNS::Subscription')) {
    if (r.props.Protocol === 'lambda') out.push({ resource: r, location: 'Properties.Endpoint', value: r.props.Endpoint, async: true });
  }
  for (const r of m.ofType('AWS::S3::Bucket')) {
    (r.props.NotificationConfiguration?.LambdaConfigurations ?? []).forEach((c: any, i: number) =>
      out.push({ resource: r, location: `Properties.NotificationConfiguration.LambdaConfigurations.${i}.Function`, value: c.Function, async: true }));
  }
  // aws-cdk-lib writes an app bucket's notifications through its own custom resource.
  for (const r of m.ofType('Custom::S3BucketNotifications')) {
    (r.props.NotificationConfiguration?.LambdaFunctionConfigurations ?? []).forEach((c: any, i: number) =>
      out.push({ resource: r, location: `Properties.NotificationConfiguration.LambdaFunctionConfigurations.${i}.LambdaFunctionArn`, value: c.LambdaFunctionArn, async: true }));
  }
  return out;
}

/** The value names a Lambda function: a reference to one, or a literal Lambda ARN. */
function mentionsLambda(m: AuditModel, from: AuditResource, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value === 'string') return value.includes(':lambda:') && value.includes(':function:');
  return m.referenced(from, value).some(r => ['AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version'].includes(r.type))
    || JSON.stringify(value).includes(':function:');
}

/** Rules about what triggers a function (BP-F8, F11). */
export const TRIGGER_RULES: AuditRule[] = [
  {
    id: 'SP-F8',
    severity: 'error',
    why: 'a trigger on the unqualified function runs $LATEST: no provisioned concurrency, no gradual deployment, no rollback, and async config on the alias does not apply.',
    fix: 'publish a version and an alias, and point the trigger at the alias (e.g. alias.addEventSource(...), alias.grantInvoke(...), LambdaIntegration on the alias).',
    check: m => functionReferences(m).flatMap((ref): Finding[] => {
      const q = qualification(m, ref.resource, ref.value);
      if (q === 'qualified') return [];
      return [{
        resource: ref.resource,
        location: ref.location,
        detail: q === 'unqualified' ? 'it names the unqualified function ($LATEST)' : 'it names a function defined elsewhere: whether it is a version or alias could not be checked',
        unknown: q === 'unknown',
      }];
    }),
  },
  {
    id: 'SP-F11',
    severity: 'error',
    why: 'an asynchronously invoked function needs its async config (retries, event age, an on-failure destination) on the alias or version it is invoked through; on $LATEST it does not apply, and without a destination failed events are lost.',
    fix: 'configure alias.configureAsyncInvoke({ onFailure: new SqsDestination(queue) }) on the alias the trigger targets.',
    check: m => {
      const out: Finding[] = [];
      const configsOf = (fn: AuditResource, latest: boolean) => m.ofType('AWS::Lambda::EventInvokeConfig')
        .filter(c => m.target(c, c.props.FunctionName)?.resource === fn && (c.props.Qualifier === '$LATEST') === latest);
      // A trigger on the unqualified function invokes $LATEST: there, a $LATEST config is the one that applies (the
      // trigger itself is SP-F8's finding). A $LATEST config that no such trigger uses applies to nothing.
      const latestInvoked = new Set<AuditResource>();
      const seen = new Set<string>();
      for (const ref of functionReferences(m).filter(r => r.async)) {
        const fn = functionOf(m, ref.resource, ref.value);
        if (!fn) continue;
        const latest = qualification(m, ref.resource, ref.value) === 'unqualified';
        if (latest) latestInvoked.add(fn);
        const key = `${fn.stack.stackName}/${fn.logicalId}/${latest}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const configs = configsOf(fn, latest);
        if (configs.length === 0) {
          out.push({ resource: fn, detail: `it is invoked asynchronously (by ${ref.resource.type}) and has no async config on ${latest ? '$LATEST, which that trigger invokes' : 'an alias or version'}`, location: 'EventInvokeConfig' });
        } else if (!configs.some(c => c.props.DestinationConfig?.OnFailure?.Destination)) {
          out.push({ resource: configs[0], detail: 'the async config has no on-failure destination', location: 'Properties.DestinationConfig.OnFailure' });
        }
      }
      for (const cfg of m.ofType('AWS::Lambda::EventInvokeConfig').filter(c => c.props.Qualifier === '$LATEST')) {
        const fn = m.target(cfg, cfg.props.FunctionName)?.resource;
        if (!fn || !latestInvoked.has(fn)) out.push({ resource: cfg, detail: 'the async config is on $LATEST, which no asynchronous trigger of the function invokes', location: 'Properties.Qualifier' });
      }
      return out;
    },
  },
];
