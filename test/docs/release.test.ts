/**
 * What a release people can pin needs: the release workflow's steps, its CHANGELOG notes extraction (run
 * here as the workflow runs it), Marketplace branding, Dependabot, CodeQL, the generated-dist attribute and
 * the Node version file.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const run = promisify(execFile);
const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

interface Step {
  name?: string;
  run?: string;
  uses?: string;
}
interface Workflow {
  on: Record<string, unknown>;
  jobs: Record<string, { needs?: string[]; steps: Step[]; permissions?: Record<string, string> }>;
}

const release = parse(read('.github/workflows/release.yml')) as Workflow;
const steps = Object.values(release.jobs).flatMap((job) => job.steps);
const runs = steps.map((step) => step.run ?? '').join('\n');

describe('.github/workflows/release.yml', () => {
  it('runs on vX.Y.Z tags: tests and the dist check, then the release', () => {
    expect(release.on).toEqual({ push: { tags: ['v[0-9]+.[0-9]+.[0-9]+'] } });
    expect(runs).toContain('npm test');
    expect(runs).toContain('npm run check:dist');
    expect(release.jobs.release?.needs).toEqual(['test', 'dist']);
    expect(release.jobs.release?.permissions).toEqual({ contents: 'write' });
    expect(runs).toContain('gh release create "$TAG" --title "$TAG" --notes-file notes.md --verify-tag');
    expect(runs).toContain('git push -f origin "refs/tags/$major"');
  });

  it("extracts the version's CHANGELOG section as the notes, exactly as the workflow does", async () => {
    const step = steps.find((candidate) => candidate.name === 'Notes from CHANGELOG.md');
    const awk = /awk -v v="\$\{TAG#v\}" '([\s\S]*?)' CHANGELOG\.md/.exec(step?.run ?? '')?.[1];
    expect(awk).toBeDefined();
    const { stdout } = await run('awk', ['-v', 'v=0.1.0', awk ?? '', 'CHANGELOG.md'], { cwd: root });
    expect(stdout).toContain('First release');
    expect(stdout).not.toMatch(/^## /m);
    expect(stdout).not.toContain('Unreleased');
    const none = await run('awk', ['-v', 'v=9.9.9', awk ?? '', 'CHANGELOG.md'], { cwd: root });
    expect(none.stdout).toBe('');
  });

  it('CHANGELOG.md has the Unreleased section and one for the package version', () => {
    const changelog = read('CHANGELOG.md');
    const version = (JSON.parse(read('package.json')) as { version: string }).version;
    expect(changelog).toContain('## [Unreleased]');
    expect(changelog).toContain(`## [${version}]`);
  });
});

describe('repository files of a published action', () => {
  it('action.yml has Marketplace branding', () => {
    const action = parse(read('action.yml')) as { branding?: { icon?: string; color?: string } };
    expect(action.branding?.icon).toMatch(/^[a-z0-9-]+$/);
    expect(['white', 'black', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']).toContain(
      action.branding?.color,
    );
  });

  it('Dependabot watches npm and GitHub Actions', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      updates: Array<{ 'package-ecosystem': string }>;
    };
    expect(config.updates.map((update) => update['package-ecosystem']).sort()).toEqual([
      'github-actions',
      'npm',
    ]);
  });

  it('CodeQL analyses the sources, not the generated bundle', () => {
    const codeql = read('.github/workflows/codeql.yml');
    expect(codeql).toContain('github/codeql-action/analyze');
    expect(codeql).toContain('javascript-typescript');
    expect(codeql).toMatch(/paths-ignore:\s*\n\s*- dist/);
  });

  it('dist/ is marked generated, and .node-version is the runtime action.yml names', () => {
    expect(read('.gitattributes')).toMatch(/^dist\/\*\* linguist-generated=true$/m);
    const runtime = (parse(read('action.yml')) as { runs: { using: string } }).runs.using;
    expect(`node${read('.node-version').trim()}`).toBe(runtime);
  });

  it('SECURITY.md says how to report and sums up the threat model', () => {
    const security = read('SECURITY.md');
    expect(security).toContain('## Reporting a vulnerability');
    expect(security).toContain('## Threat model, in short');
  });
});
