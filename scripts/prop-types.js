#!/usr/bin/env node
// Writes assets/prop-types.json: the type of every parameter and prop this library's public API takes, from the jsii
// assemblies (this package's .jsii and those of aws-cdk-lib and constructs, for the props our structs inherit, such as
// lambda.FunctionOptions). The library checks plain JavaScript input against it at run time (BP-F20): JavaScript has
// no compiler to do it, and a number where a Duration goes would otherwise end in a TypeError, or be dropped.
// Run after jsii (the compile task does); reading aws-cdk-lib's assembly costs about a second here, never at synth.
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

const root = path.resolve(__dirname, '..');

function readAssembly(dir) {
  let json = JSON.parse(fs.readFileSync(path.join(dir, '.jsii'), 'utf8'));
  if (json.schema === 'jsii/file-redirect') {
    const data = fs.readFileSync(path.join(dir, json.filename));
    json = JSON.parse((json.compression === 'gzip' ? zlib.gunzipSync(data) : data).toString('utf8'));
  }
  return json;
}

const own = readAssembly(root);
const assemblies = [own, ...['aws-cdk-lib', 'constructs'].map(p => readAssembly(path.dirname(require.resolve(`${p}/package.json`, { paths: [root] }))))];
const types = Object.assign({}, ...assemblies.map(a => a.types));

/** A compact type reference: { p } primitive, { t } named type, { a } array of, { m } map of, { u } union of. */
function ref(t) {
  if (t.primitive) return { p: t.primitive };
  if (t.fqn) { want(t.fqn); return { t: t.fqn }; }
  if (t.collection) return { [t.collection.kind === 'array' ? 'a' : 'm']: ref(t.collection.elementtype) };
  if (t.union) return { u: t.union.types.map(ref) };
  if (t.intersection) return { p: 'any' };
  throw new Error(`unknown type reference ${JSON.stringify(t)}`);
}

function extendsConstruct(fqn, seen = new Set()) {
  if (fqn === 'constructs.IConstruct') return true;
  if (seen.has(fqn)) return false;
  seen.add(fqn);
  return (types[fqn]?.interfaces ?? []).some(b => extendsConstruct(b, seen));
}

/** Every property of a struct, its bases' included (nearest declaration wins). */
function structProps(fqn) {
  const t = types[fqn];
  const props = {};
  for (const base of [...(t.interfaces ?? [])].reverse()) Object.assign(props, structProps(base));
  for (const p of t.properties ?? []) props[p.name] = { type: ref(p.type), optional: !!p.optional };
  return props;
}

const out = { types: {}, members: {} };
const queue = [];
function want(fqn) {
  if (out.types[fqn] || queue.includes(fqn)) return;
  queue.push(fqn);
}
function describe(fqn) {
  const t = types[fqn];
  if (!t) return { kind: 'interface' };
  if (t.kind === 'enum') return { kind: 'enum' };
  if (t.kind === 'class') return { kind: 'class' };
  if (t.datatype) return { kind: 'struct', props: structProps(fqn) };
  return { kind: extendsConstruct(fqn) ? 'construct-interface' : 'interface' };
}

const params = ps => (ps ?? []).map(p => ({ name: p.name, type: ref(p.type), optional: !!p.optional, variadic: !!p.variadic }));
for (const [fqn, t] of Object.entries(own.types)) {
  if (t.kind !== 'class') continue;
  const name = fqn.slice(own.name.length + 1);
  if (t.initializer) out.members[name] = params(t.initializer.parameters);
  for (const m of t.methods ?? []) if (!m.protected && (m.parameters ?? []).length) out.members[`${name}.${m.name}`] = params(m.parameters);
}
while (queue.length) {
  const fqn = queue.shift();
  out.types[fqn] = describe(fqn);
}

fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'assets', 'prop-types.json'), JSON.stringify(out));
console.log(`assets/prop-types.json: ${Object.keys(out.members).length} members, ${Object.keys(out.types).length} types`);
