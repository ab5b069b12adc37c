import { AuditModel, AuditResource } from './model';
import { AuditRule, Finding } from './rule';

const EDGE_PRINCIPAL = 'edgelambda.amazonaws.com';
const VIEWER_EVENTS = ['viewer-request', 'viewer-response'];

/** One Lambda@Edge association of a distribution's cache behavior. */
interface Association {
  readonly distribution: AuditResource;
  readonly location: string;
  readonly eventType: string;
  readonly arn: unknown;
}

function associations(m: AuditModel): Association[] {
  const out: Association[] = [];
  for (const d of m.ofType('AWS::CloudFront::Distribution')) {
    const config = d.props.DistributionConfig ?? {};
    const behaviors: Array<[string, any]> = [
      ['DefaultCacheBehavior', config.DefaultCacheBehavior],
      ...((config.CacheBehaviors ?? []) as any[]).map((b, i) => [`CacheBehaviors.${i}`, b] as [string, any]),
    ];
    for (const [where, b] of behaviors) {
      ((b?.LambdaFunctionAssociations ?? []) as any[]).forEach((a, i) => out.push({
        distribution: d, location: `Properties.DistributionConfig.${where}.LambdaFunctionAssociations.${i}`, eventType: String(a.EventType), arn: a.LambdaFunctionARN,
      }));
    }
  }
  return out;
}

/** The role of a function trusts Lambda@Edge: the function is (meant to be) a Lambda@Edge function (BP-L3). */
export function isEdgeFunction(m: AuditModel, f: AuditResource): boolean {
  const role = m.target(f, f.props.Role)?.resource;
  if (role?.type !== 'AWS::IAM::Role') return false;
  return JSON.stringify(role.props.AssumeRolePolicyDocument ?? {}).includes(EDGE_PRINCIPAL);
}

/** Lambda@Edge functions: those whose role trusts Lambda@Edge and those a distribution associates. */
function edgeFunctions(m: AuditModel): AuditResource[] {
  const out = new Set(m.ofType('AWS::Lambda::Function').filter(f => isEdgeFunction(m, f)));
  for (const a of associations(m)) {
    const target = m.target(a.distribution, a.arn)?.resource;
    const fn = target?.type === 'AWS::Lambda::Function' ? target : target ? m.target(target, target.props.FunctionName)?.resource : undefined;
    if (fn?.type === 'AWS::Lambda::Function') out.add(fn);
  }
  return [...out];
}

/** What Lambda@Edge does not support, read from a function's properties ("Restrictions on Lambda@Edge", BP-L4). */
function unsupported(f: AuditResource): Array<[string, string]> {
  const p = f.props;
  const out: Array<[string, string]> = [];
  if (Object.keys(p.Environment?.Variables ?? {}).length > 0) out.push(['Properties.Environment', 'environment variables']);
  if (p.VpcConfig) out.push(['Properties.VpcConfig', 'a VPC configuration']);
  if ((p.Layers ?? []).length > 0) out.push(['Properties.Layers', 'layers']);
  if ((p.Architectures ?? []).includes('arm64')) out.push(['Properties.Architectures', 'arm64']);
  if (p.TracingConfig?.Mode === 'Active') out.push(['Properties.TracingConfig', 'active X-Ray tracing']);
  if (p.DeadLetterConfig) out.push(['Properties.DeadLetterConfig', 'a dead-letter queue']);
  if (typeof p.EphemeralStorage?.Size === 'number' && p.EphemeralStorage.Size > 512) out.push(['Properties.EphemeralStorage', `${p.EphemeralStorage.Size} MB of ephemeral storage`]);
  if (p.PackageType === 'Image') out.push(['Properties.PackageType', 'a container image']);
  if (p.Code?.SourceKMSKeyArn !== undefined) out.push(['Properties.Code.SourceKMSKeyArn', 'a customer managed key for the package']);
  if (typeof p.Timeout === 'number' && p.Timeout > 30) out.push(['Properties.Timeout', `a ${p.Timeout} s timeout (Lambda@Edge allows 30 s)`]);
  return out;
}

/** Rules about CloudFront in front of functions (BP-L1, L4, L6). */
export const CLOUDFRONT_RULES: AuditRule[] = [
  {
    id: 'SP-L1',
    severity: 'error',
    why: 'CloudFront runs a numbered version of a Lambda@Edge function, never an alias or $LATEST ("Restrictions on Lambda@Edge"): the deployment fails.',
    fix: 'associate function.currentVersion (EdgeFunction.edgeLambda does).',
    check: m => associations(m).flatMap((a): Finding[] => {
      if (typeof a.arn === 'string') {
        const qualifier = a.arn.split(':')[7];
        return qualifier !== undefined && /^\d+$/.test(qualifier) ? []
          : [{ resource: a.distribution, location: `${a.location}.LambdaFunctionARN`, detail: `the ${a.eventType} association names ${qualifier ? `'${qualifier}', not a numbered version` : 'the unqualified function'}` }];
      }
      const target = m.target(a.distribution, a.arn)?.resource;
      if (!target) return [];
      if (target.type === 'AWS::Lambda::Version') return [];
      return [{ resource: a.distribution, location: `${a.location}.LambdaFunctionARN`, detail: `the ${a.eventType} association names ${target.type === 'AWS::Lambda::Alias' ? 'an alias' : 'the unqualified function ($LATEST)'}` }];
    }),
  },
  {
    id: 'SP-L4',
    severity: 'error',
    why: 'Lambda@Edge refuses environment variables, VPCs, layers, arm64, X-Ray, dead-letter queues, more than 512 MB of ephemeral storage, container images and timeouts over 30 s ("Restrictions on Lambda@Edge", "Quotas on Lambda@Edge"): the association fails at deployment.',
    fix: 'remove the setting (configuration goes into the bundle or SSM Parameter Store in us-east-1); EdgeFunction refuses each at synth time.',
    check: m => edgeFunctions(m).flatMap(f => unsupported(f).map(([location, what]) => ({ resource: f, location, detail: `a Lambda@Edge function with ${what}` }))),
  },
  {
    id: 'SP-L6',
    severity: 'warning',
    why: 'a viewer function runs on every request; a header or URL rewrite in a CloudFront Function costs a sixth of a Lambda@Edge request and runs in under a millisecond (seeds §12).',
    fix: 'move header and URL rewrites to a cloudfront.Function (runtime 2.0); keep Lambda@Edge for what needs the network, the body or more than 10 KB of code, and acknowledge SP-L6 with that reason.',
    check: m => associations(m).filter(a => VIEWER_EVENTS.includes(a.eventType))
      .map(a => ({ resource: a.distribution, location: a.location, detail: `a Lambda@Edge function on ${a.eventType}` })),
  },
];
