/**
 * The README's two set-up commands stay true on a fresh clone, where nothing but the repository's files exists: no
 * lib/, no .jsii, no assets/ (all generated). Checked against the projen tasks the commands run.
 */
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');
const README = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const tasks = JSON.parse(fs.readFileSync(path.join(root, '.projen', 'tasks.json'), 'utf8')).tasks as Record<string, { steps?: Array<{ spawn?: string; exec?: string }> }>;
const gitignored = fs.readFileSync(path.join(root, '.gitignore'), 'utf8');

describe('README set-up commands', () => {
  test('the README states exactly the two commands, and .ci/run runs the second', () => {
    const setup = README.slice(README.indexOf('## Set-up on a fresh machine'), README.indexOf('## Quick start'));
    expect([...setup.matchAll(/```sh\n([^\n]+)\n```/g)].map(m => m[1])).toEqual(['npm ci && npx projen example', 'npm ci && npx projen ci']);
    expect(fs.readFileSync(path.join(root, '.ci', 'run'), 'utf8')).toContain('npm ci && npx projen ci');
  });

  test('the main job compiles before it synthesizes: the run-time type checks (BP-F20) need assets/prop-types.json, which is not in git', () => {
    expect(gitignored).toMatch(/^\/assets\/$/m);
    const steps = tasks.example.steps ?? [];
    const compileAt = steps.findIndex(s => s.spawn === 'compile');
    const synthAt = steps.findIndex(s => /cdk synth/.test(s.exec ?? ''));
    expect(compileAt).toBeGreaterThanOrEqual(0);
    expect(compileAt).toBeLessThan(synthAt);
    expect((tasks.compile.steps ?? []).map(s => s.exec)).toContain('node scripts/prop-types.js');
  });

  test('CONTRIBUTING.md starts with the same two commands (issue #24: the section a contributor reads first)', () => {
    const contributing = fs.readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');
    const first = contributing.slice(contributing.indexOf('## Set-up on a fresh machine'), contributing.indexOf('\n## ', contributing.indexOf('## Set-up') + 3));
    expect(contributing.indexOf('## Set-up on a fresh machine')).toBe(contributing.indexOf('## '));
    expect([...first.matchAll(/```sh\n([^\n]+)\n```/g)].map(m => m[1])).toEqual(['npm ci && npx projen example', 'npm ci && npx projen ci']);
    expect(README).toContain('[CONTRIBUTING.md](CONTRIBUTING.md)');
  });
});

describe('README for users (issue #24)', () => {
  const headings = [...README.matchAll(/^(##|###) (.+)$/gm)].map(m => m[2]).filter(h => h !== 'Contents');
  const anchor = (h: string) => h.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');
  const toc = README.slice(README.indexOf('## Contents'), README.indexOf('\n## ', README.indexOf('## Contents') + 3));

  test('the table of contents lists every section, in order, with anchors that resolve', () => {
    const entries = [...toc.matchAll(/^ *- \[(.+)\]\(#([^)]+)\)$/gm)];
    expect(entries.map(e => e[1])).toEqual(headings);
    expect(entries.map(e => e[2])).toEqual(headings.map(anchor));
  });

  test('rule IDs are spelled one way: F3 in prose, [F3] only where an error message is quoted, SP-F3 for the audit pack', () => {
    const text = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(text.match(/\bBP-[A-Z]\d+/g) ?? []).toEqual([]);
    // A bracketed ID is an error message's: it sits in a quoted message (`[F3] path: prop is ...`).
    // (the one sentence that names the convention writes it in code quotes: `[F3]`)
    const bracketed = [...text.matchAll(/\[([A-Z]\d{1,2})\](?!`)/g)].map(m => text.slice(m.index!, m.index! + 60));
    expect(bracketed.length).toBeGreaterThan(0);
    for (const b of bracketed) expect(b).toMatch(/^\[[A-Z]\d{1,2}\] [\w/{}|.-]+: \w+ is /);
  });

  test('no maintainer section ships to npm and Construct Hub: development and releasing live in CONTRIBUTING.md', () => {
    expect(headings.filter(h => /^(Development|Releasing)/.test(h))).toEqual([]);
    const contributing = fs.readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');
    expect(contributing).toMatch(/^## Development$/m);
    expect(contributing).toMatch(/^## Releasing$/m);
    expect(contributing).toContain('NPM_TOKEN');
  });

  test('CHANGELOG.md carries the upgrade note of each breaking change, and the README points to it', () => {
    const changelog = fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toMatch(/^## Unreleased$/m);
    expect(changelog).toMatch(/^### Upgrade notes/m);
    expect(changelog).toContain('ServerlessApi.addRoute(routeKey, props)');
    expect(changelog).toContain('ServerlessFunction.addEventSource');
    expect(README).toContain('[CHANGELOG.md](CHANGELOG.md)');
  });
});
