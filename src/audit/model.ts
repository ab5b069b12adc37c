import { CfnOutput, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** One synthesized resource: its type, its resolved properties, and where it is in the app. */
export interface AuditResource {
  readonly stack: Stack;
  readonly logicalId: string;
  readonly type: string;
  readonly props: any;
  readonly construct: CfnResource;
}

/** A reference resolved inside one stack: the resource, the attribute (`Ref` or a `GetAtt` name), and any suffix. */
export interface Target {
  readonly resource: AuditResource;
  readonly attribute: string;
}

/**
 * The synthesized resources of a construct tree, resolved the way they reach the template (L1, overrides
 * included), so the rules judge any app however it was written.
 */
export class AuditModel {
  public readonly resources: AuditResource[] = [];
  private readonly index = new Map<Stack, Map<string, AuditResource>>();
  /** Outputs of the app's stacks, by export name and by `stack name/output name`: what a cross-stack reference reads. */
  private readonly outputs = new Map<string, { stack: Stack; value: unknown }>();

  constructor(scope: IConstruct) {
    for (const c of scope.node.findAll()) {
      if (c instanceof CfnOutput) {
        const stack = Stack.of(c);
        const entry = { stack, value: stack.resolve(c.value) };
        const exportName = c.exportName === undefined ? undefined : stack.resolve(c.exportName);
        if (typeof exportName === 'string') this.outputs.set(`export:${exportName}`, entry);
        this.outputs.set(`output:${stack.stackName}/${stack.getLogicalId(c)}`, entry);
        continue;
      }
      if (!CfnResource.isCfnResource(c)) continue;
      const stack = Stack.of(c);
      // The resource as it reaches the template (overrides included), resolved in its stack.
      const template = (c as unknown as { _toCloudFormation(): object })._toCloudFormation();
      const rendered = stack.resolve(template) as { Resources?: Record<string, { Type: string; Properties?: any }> };
      for (const [logicalId, r] of Object.entries(rendered.Resources ?? {})) {
        const res = { stack, logicalId, type: r.Type, props: r.Properties ?? {}, construct: c };
        this.resources.push(res);
        if (!this.index.has(stack)) this.index.set(stack, new Map());
        this.index.get(stack)!.set(logicalId, res);
      }
    }
  }

  public ofType(type: string): AuditResource[] {
    return this.resources.filter(r => r.type === type);
  }

  /** The resource a `Ref` or `Fn::GetAtt` in `from`'s stack points to, or undefined (a literal, an import, a parameter). */
  public target(from: AuditResource, value: unknown): Target | undefined {
    return this.targetIn(from.stack, value, 0);
  }

  /**
   * A `Ref`/`GetAtt` in `stack`, or a cross-stack reference (`Fn::ImportValue` of an export, or `Fn::GetStackOutput`
   * of an output, as aws-cdk-lib writes them) followed to the resource in the stack that produces it.
   */
  private targetIn(stack: Stack, value: unknown, depth: number): Target | undefined {
    const v = value as { 'Ref'?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::ImportValue'?: unknown; 'Fn::GetStackOutput'?: { StackName?: unknown; OutputName?: unknown } };
    if (!v || typeof v !== 'object' || depth > 3) return undefined;
    const imported = typeof v['Fn::ImportValue'] === 'string' ? this.outputs.get(`export:${v['Fn::ImportValue']}`)
      : v['Fn::GetStackOutput'] ? this.outputs.get(`output:${v['Fn::GetStackOutput'].StackName}/${v['Fn::GetStackOutput'].OutputName}`) : undefined;
    if (imported) return this.targetIn(imported.stack, imported.value, depth + 1);
    const id = v.Ref ?? v['Fn::GetAtt']?.[0];
    const resource = typeof id === 'string' ? this.index.get(stack)?.get(id) : undefined;
    return resource ? { resource, attribute: v.Ref ? 'Ref' : v['Fn::GetAtt']![1] } : undefined;
  }

  /** Every resource of `type` in `from`'s stack whose `Ref`/`GetAtt` appears anywhere in `value`. */
  public referenced(from: AuditResource, value: unknown, type?: string): AuditResource[] {
    const out: AuditResource[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) { v.forEach(walk); return; }
      if (v && typeof v === 'object') {
        const t = this.target(from, v);
        if (t && (!type || t.resource.type === type)) out.push(t.resource);
        Object.values(v).forEach(walk);
      }
    };
    walk(value);
    return [...new Set(out)];
  }
}

/** The rule is acknowledged on the resource or an ancestor (cdk-nag's way: `Validations.of(c).acknowledge({ id, reason })`). */
export function isAcknowledged(construct: IConstruct, ruleId: string): boolean {
  for (let c: IConstruct | undefined = construct; c; c = c.node.scope) {
    for (const entry of c.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data) continue;
      const ids = Object.keys(entry.data as object).map(k => k.replace(/^(annotation|ServerlessPatternsChecks)::/i, ''));
      if (ids.includes(ruleId)) return true;
    }
  }
  return false;
}
