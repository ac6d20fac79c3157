/**
 * The package as users get it: `npm pack` (which builds lib/ through `prepack`) gives a tarball that
 * `npm install -g` turns into a working `rlm` on PATH. Packed from a copy of the sources, so the build
 * runs for real without touching this checkout's lib/; installed into a temporary prefix from the npm
 * cache (set-up filled it; the registry only for what it lacks), then `rlm --version` and the
 * offline demo run from that prefix.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { TEST_IMAGE } from '../support/docker-image.js';
import { makeTempDir, REPO_ROOT } from '../cli/support/cli-process.js';

const PACKAGE = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
};
const SOURCES = [
  'scripts',
  'bin',
  'src',
  'schema',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'README.md',
  'LICENSE',
];

let work: string;
let tarball: string;
let prefix: string;
/** PATH a user would have after the install: the prefix's bin first, and the same node. */
let userPath: string;

function sh(command: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { PATH: userPath ?? process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...env },
    timeout: 280_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  work = makeTempDir('pack');
  const copy = join(work, 'package');
  mkdirSync(copy);
  for (const entry of SOURCES) {
    if (existsSync(join(REPO_ROOT, entry)))
      cpSync(join(REPO_ROOT, entry), join(copy, entry), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(copy, 'node_modules'));
  const pack = spawnSync('npm', ['pack', '--pack-destination', work], { cwd: copy, encoding: 'utf8' });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stdout}${pack.stderr}`);
  tarball = join(work, `${PACKAGE.name}-${PACKAGE.version}.tgz`);
  prefix = join(work, 'prefix');
  userPath = `${join(prefix, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`;
}, 300_000);

it('npm pack builds lib/ (prepack) and packs the CLI with it', () => {
  const listing = spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).stdout.split('\n');
  expect(listing).toContain('package/bin/rlm.js');
  expect(listing).toContain('package/lib/cli/main.js');
  expect(listing).toContain('package/lib/index.js');
  expect(listing.some((path) => path.startsWith('package/src/'))).toBe(false);
});

it('npm install -g of the tarball puts a working rlm on PATH: --version and the offline demo', () => {
  const install = sh(
    'npm',
    ['install', '-g', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball],
    work,
  );
  if (install.code !== 0) throw new Error(`npm install -g failed:\n${install.stdout}${install.stderr}`);
  expect(readdirSync(join(prefix, 'bin'))).toContain('rlm');

  // `rlm` by name, found on PATH as a user's shell finds it.
  const version = sh('rlm', ['--version'], makeTempDir('pack-cwd'));
  expect(version.code).toBe(0);
  expect(version.stdout.trim()).toBe(PACKAGE.version);

  const demo = sh(
    'rlm',
    [
      'run',
      '--backend',
      'scripted',
      '--script',
      join(REPO_ROOT, 'examples', 'demo', 'script.yaml'),
      '--context-dir',
      join(REPO_ROOT, 'examples', 'demo', 'context'),
      '--image',
      TEST_IMAGE,
      'Which services in these logs are failing, how often and why, and which 10 minutes were the worst?',
    ],
    makeTempDir('pack-demo'),
  );
  expect(demo.stderr).not.toContain('rlm: error');
  expect(demo.code).toBe(0);
  expect(demo.stdout).toMatch(/^\d+ errors in 718 log lines across 3 files\./);
  expect(demo.stdout).toMatch(/\nTrajectory: \S+\.jsonl {2}\(id [0-9a-f-]{36}\)\n$/);
}, 300_000);
