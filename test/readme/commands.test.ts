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
});
