import { AuditRule, Finding } from './rule';

/** Rules about APIs, schedules, rules, subscriptions and databases in front of or behind functions (BP-A4–A6, R2–R4, S2, E2, E3, N3, V1, V6). */
export const EDGE_RULES: AuditRule[] = [
  {
    id: 'SP-A4',
    severity: 'error',
    why: 'without explicit stage throttling an API takes the account-level limits, and one client can use them all.',
    fix: 'set throttling (rate and burst) on the stage\'s default route settings (HTTP API) or method settings (REST API).',
    check: m => [
      ...m.ofType('AWS::ApiGatewayV2::Stage').filter(s => s.props.DefaultRouteSettings?.ThrottlingRateLimit === undefined || s.props.DefaultRouteSettings?.ThrottlingBurstLimit === undefined)
        .map(s => ({ resource: s, detail: 'no rate and burst limit on the stage', location: 'Properties.DefaultRouteSettings' })),
      // A REST stage throttles stage-wide only through the `*` method on `/*`: one method's setting leaves the others at
      // the account's limits (BP-R2).
      ...m.ofType('AWS::ApiGateway::Stage').filter(s => !(s.props.MethodSettings ?? []).some((x: any) => x.HttpMethod === '*' && x.ResourcePath === '/*'
        && x.ThrottlingRateLimit !== undefined && x.ThrottlingBurstLimit !== undefined))
        .map(s => ({ resource: s, detail: 'no stage-wide (* on /*) rate and burst limit in the method settings', location: 'Properties.MethodSettings' })),
    ],
  },
  {
    id: 'SP-A5',
    severity: 'error',
    why: 'without access logs there is no record of who called the API and what it answered.',
    fix: 'configure access logs (JSON with $context.requestId) into a log group with a retention.',
    check: m => [
      ...m.ofType('AWS::ApiGatewayV2::Stage').map(s => [s, s.props.AccessLogSettings, 'Properties.AccessLogSettings'] as const),
      ...m.ofType('AWS::ApiGateway::Stage').map(s => [s, s.props.AccessLogSetting, 'Properties.AccessLogSetting'] as const),
    ].flatMap(([s, settings, location]): Finding[] => {
      if (!settings?.DestinationArn) return [{ resource: s, detail: 'no access logs', location }];
      const format = settings.Format;
      if (typeof format !== 'string') return format === undefined ? [{ resource: s, detail: 'access logs in the default (CLF) format, not JSON', location }] : [];
      return jsonWithRequestId(format) ? [] : [{ resource: s, detail: 'access logs that are not JSON with $context.requestId', location: `${location}.Format` }];
    }),
  },
  {
    id: 'SP-R4',
    severity: 'error',
    why: 'without X-Ray tracing on the stage a request cannot be followed from the API into its function and beyond (AWS Serverless Rules WS2002, cdk-nag Serverless-APIGWXrayEnabled).',
    fix: 'set tracingEnabled: true on the REST stage (deployOptions).',
    check: m => m.ofType('AWS::ApiGateway::Stage').filter(s => s.props.TracingEnabled !== true)
      .map(s => ({ resource: s, detail: 'X-Ray tracing is off', location: 'Properties.TracingEnabled' })),
  },
  {
    id: 'SP-A6',
    severity: 'error',
    why: 'an open route can be called by anyone on the internet.',
    fix: 'authorize the route (IAM, JWT, Cognito, a Lambda authorizer), or acknowledge SP-A6 on it with the reason it must be public.',
    check: m => [
      ...m.ofType('AWS::ApiGatewayV2::Route').filter(r => (r.props.AuthorizationType ?? 'NONE') === 'NONE')
        .map(r => ({ resource: r, detail: `route ${r.props.RouteKey} has no authorization`, location: 'Properties.AuthorizationType' })),
      ...m.ofType('AWS::ApiGateway::Method').filter(r => (r.props.AuthorizationType ?? 'NONE') === 'NONE' && r.props.HttpMethod !== 'OPTIONS')
        .map(r => ({ resource: r, detail: `method ${r.props.HttpMethod} has no authorization`, location: 'Properties.AuthorizationType' })),
    ],
  },
  {
    id: 'SP-S2',
    severity: 'error',
    why: 'a schedule or rule target without a retry policy and a dead-letter queue loses the event when delivery fails; the services\' default retries 185 times over a day first, unseen (BP-S2 for schedules, E2/E3 for EventBridge rules).',
    fix: 'set retryAttempts and maxEventAge, and a deadLetterQueue, on the target.',
    check: m => [
      ...m.ofType('AWS::Scheduler::Schedule').flatMap((s): Finding[] => {
        const t = s.props.Target ?? {};
        if ([t.RetryPolicy, t.DeadLetterConfig, t.DeadLetterConfig?.Arn].some(conditionalValue)) {
          return [{ resource: s, detail: 'the target\'s retry policy or dead-letter queue is chosen by a condition', location: 'Properties.Target', unknown: true }];
        }
        const missing = [t.RetryPolicy ? '' : 'a retry policy', t.DeadLetterConfig?.Arn ? '' : 'a dead-letter queue'].filter(Boolean);
        return missing.length ? [{ resource: s, detail: `the target has no ${missing.join(' and no ')}`, location: 'Properties.Target' }] : [];
      }),
      ...m.ofType('AWS::Events::Rule').flatMap(r => (r.props.Targets ?? []).flatMap((t: any, i: number): Finding[] => {
        const conditional = [t.RetryPolicy, t.DeadLetterConfig].some(conditionalValue);
        if (conditional) return [{ resource: r, detail: `target ${t.Id ?? i} has a retry policy or dead-letter queue chosen by a condition`, location: `Properties.Targets.${i}`, unknown: true }];
        const missing = [t.RetryPolicy ? '' : 'a retry policy', t.DeadLetterConfig?.Arn ? '' : 'a dead-letter queue'].filter(Boolean);
        return missing.length ? [{ resource: r, detail: `target ${t.Id ?? i} has no ${missing.join(' and no ')}`, location: `Properties.Targets.${i}` }] : [];
      })),
    ],
  },
  {
    id: 'SP-N3',
    severity: 'error',
    why: 'SNS retries a delivery to a function or a queue for 23 days and then drops the message; without a redrive policy nothing keeps it (BP-N3; AWS Serverless Rules ES7000 asks this of Lambda subscriptions only).',
    fix: 'give the subscription a deadLetterQueue (an SQS queue whose policy admits sns.amazonaws.com for the topic).',
    check: m => m.ofType('AWS::SNS::Subscription').filter(s => ['lambda', 'sqs'].includes(s.props.Protocol)).flatMap((s): Finding[] => {
      const redrive = s.props.RedrivePolicy;
      // A policy chosen by a condition may be absent in a deployment: that cannot be checked here.
      if (conditionalValue(redrive)) {
        return [{ resource: s, detail: `the ${s.props.Protocol} subscription's redrive policy depends on a condition`, location: 'Properties.RedrivePolicy', unknown: true }];
      }
      return redrive?.deadLetterTargetArn ? [] : [{ resource: s, detail: `the ${s.props.Protocol} subscription has no redrive policy`, location: 'Properties.RedrivePolicy' }];
    }),
  },
  {
    id: 'SP-V1',
    severity: 'error',
    why: 'a function in a public subnet gets no public IP and no internet access; it belongs in private subnets.',
    fix: 'place the function in the VPC\'s private subnets (and add NAT or VPC endpoints for what it calls).',
    check: m => m.ofType('AWS::Lambda::Function').flatMap(f => {
      const subnets = m.referenced(f, f.props.VpcConfig?.SubnetIds ?? [], 'AWS::EC2::Subnet');
      const isPublic = (s: (typeof subnets)[number]) => s.props.MapPublicIpOnLaunch === true
        || m.ofType('AWS::EC2::SubnetRouteTableAssociation').some(a => m.target(a, a.props.SubnetId)?.resource === s
          && m.ofType('AWS::EC2::Route').some(r => m.target(r, r.props.RouteTableId)?.resource === m.target(a, a.props.RouteTableId)?.resource
            && r.props.GatewayId !== undefined && m.target(r, r.props.GatewayId)?.resource.type === 'AWS::EC2::InternetGateway'));
      const publicOnes = subnets.filter(isPublic);
      return publicOnes.length ? [{ resource: f, detail: `it is placed in public subnet(s) ${publicOnes.map(s => s.logicalId).join(', ')}`, location: 'Properties.VpcConfig.SubnetIds' }] : [];
    }),
  },
  {
    id: 'SP-V6',
    severity: 'error',
    why: 'an RDS Proxy for functions should require TLS and IAM authentication: no password in the function, no plaintext on the wire.',
    fix: 'create the proxy with requireTLS: true and iamAuth: true.',
    check: m => m.ofType('AWS::RDS::DBProxy').flatMap((p): Finding[] => {
      const missing = [
        p.props.RequireTLS === true ? '' : 'TLS required',
        (p.props.Auth ?? []).length > 0 && (p.props.Auth ?? []).every((a: any) => a.IAMAuth === 'REQUIRED') ? '' : 'IAM authentication required',
      ].filter(Boolean);
      return missing.length ? [{ resource: p, detail: `the proxy does not have ${missing.join(' or ')}`, location: 'Properties' }] : [];
    }),
  },
];

/** An access-log format that is a JSON object naming `$context.requestId` (BP-A5, R3). */
function jsonWithRequestId(format: string): boolean {
  try {
    const parsed = JSON.parse(format);
    return typeof parsed === 'object' && parsed !== null && Object.values(parsed).includes('$context.requestId');
  } catch {
    return false;
  }
}

/** A value chosen by `Fn::If` (one branch may be `AWS::NoValue`): whether it is there cannot be known at synth time. */
function conditionalValue(value: unknown): boolean {
  return value !== undefined && JSON.stringify(value).includes('"Fn::If"');
}
