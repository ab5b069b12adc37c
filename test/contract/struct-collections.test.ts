/**
 * BP-X1: every prop that holds structs inside a map or list is known and guarded. jsii converts a struct passed
 * directly in every language, but not one inside a collection: from Python the jsii kernel drops the keys such a
 * struct does not declare. This walks the compiled assembly (.jsii, as Construct Hub sees it) and lists them all,
 * so a new one cannot be added without a decision here.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

const ROOT = path.join(__dirname, '..', '..');

interface TypeRef { fqn?: string; collection?: { elementtype: TypeRef }; union?: { types: TypeRef[] } }
interface Prop { name: string; type: TypeRef }
interface JsiiType { datatype?: boolean; properties?: Prop[]; interfaces?: string[] }

function readAssembly(dir: string): { types: Record<string, JsiiType> } {
  const file = path.join(dir, '.jsii');
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npx projen compile\` first`);
  const assembly = JSON.parse(fs.readFileSync(file, 'utf8'));
  return assembly.schema === 'jsii/file-redirect'
    ? JSON.parse(zlib.gunzipSync(fs.readFileSync(path.join(dir, assembly.filename))).toString())
    : assembly;
}

const own = readAssembly(ROOT).types;
const types: Record<string, JsiiType> = { ...readAssembly(path.join(ROOT, 'node_modules', 'aws-cdk-lib')).types, ...own };

function structInCollection(t: TypeRef): string | undefined {
  if (t.collection) {
    const e = t.collection.elementtype;
    return e.fqn && types[e.fqn]?.datatype ? e.fqn : structInCollection(e);
  }
  for (const u of t.union?.types ?? []) {
    const found = structInCollection(u);
    if (found) return found;
  }
  return undefined;
}

function propsOf(fqn: string): Prop[] {
  const t = types[fqn];
  return [...(t?.properties ?? []), ...(t?.interfaces ?? []).flatMap(propsOf)];
}

/** `Struct.prop` for every struct-in-collection prop reachable from the library's own structs. */
function findAll(): string[] {
  const found = new Set<string>();
  const walk = (fqn: string, seen: Set<string>) => {
    if (seen.has(fqn)) return;
    seen.add(fqn);
    for (const p of propsOf(fqn)) {
      if (structInCollection(p.type)) found.add(`${fqn.split('.').pop()}.${p.name}`);
      if (p.type.fqn && types[p.type.fqn]?.datatype) walk(p.type.fqn, seen);
    }
  };
  for (const [fqn, t] of Object.entries(own)) if (t.datatype) walk(fqn, new Set());
  return [...found].sort();
}

test('BP-X1: the structs inside maps and lists are exactly the guarded ones', () => {
  expect(findAll()).toEqual([
    // aws-cdk-lib's own (NodejsFunction's Docker bundling, which this library never uses: it bundles with local esbuild).
    'BundlingOptions.volumes',
    // Refused from Python, with addProvisionedConcurrencySchedule instead; foreign keys refused from JavaScript.
    'ProvisionedConcurrencyOptions.schedules',
    // Refused from Python, with addRoute instead; foreign keys refused from JavaScript.
    'ServerlessApiProps.routes',
    // The same for the REST API: refused from Python (add_route), foreign keys refused from JavaScript.
    'ServerlessRestApiProps.routes',
  ]);
});
