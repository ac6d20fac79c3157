/**
 * The user guide's "Default Configuration" block, byte for byte (test/fixtures/guide/config.yaml),
 * as ~/.rlm/config.yaml: every key it prints is accepted with its meaning, and with no file at all
 * the defaults are the guide's printed ones.
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, REPO_ROOT, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

const GUIDE_CONFIG = join(REPO_ROOT, 'test', 'fixtures', 'guide', 'config.yaml');

/** A private HOME whose ~/.rlm/config.yaml is the guide's file, unchanged. */
/** A project directory the container's unprivileged user can read (mkdtemp makes it 0700). */
function projectDir(prefix: string): string {
  const dir = makeTempDir(prefix);
  chmodSync(dir, 0o755);
  return dir;
}

function homeWithGuideConfig(): string {
  const home = makeTempDir('guide-home');
  mkdirSync(join(home, '.rlm'));
  copyFileSync(GUIDE_CONFIG, join(home, '.rlm', 'config.yaml'));
  return home;
}

type ConfigJson = {
  config_file: string | null;
  settings: Record<string, { value: unknown; source: string }>;
};

function values(stdout: string): Record<string, unknown> {
  const parsed = JSON.parse(stdout) as ConfigJson;
  return Object.fromEntries(Object.entries(parsed.settings).map(([key, { value }]) => [key, value]));
}

describe("the guide's default config file", () => {
  it('loads unchanged (comments, floats, the viz section) with exit 0 and the meaning it prints', async () => {
    const home = homeWithGuideConfig();
    const run = await runRlm(['config', '--json'], { env: { HOME: home } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as ConfigJson).config_file).toBe(join(home, '.rlm', 'config.yaml'));
    expect(values(run.stdout)).toMatchObject({
      backend: 'anthropic',
      model: 'claude-sonnet-4-5',
      environment: 'docker',
      max_depth: 4,
      timeout: 300,
      'docker.image': 'python:3.11-slim',
      'docker.network_mode': 'none',
      'docker.cpu_limit': 2,
      'docker.memory_limit': 2 * 1024 ** 3,
      'docker.read_only': true,
      log_dir: './logs',
      trajectory_format: 'jsonl',
      verbose: false,
      'viz.port': 8501,
      'viz.host': 'localhost',
    });
  });

  it('runs a task in Docker with it, the model chosen through the environment', async () => {
    const home = homeWithGuideConfig();
    const cwd = projectDir('guide-run');
    writeFileSync(join(cwd, 'data.json'), '{"status": "active"}');
    writeScript(cwd, [repl('import json\nFINAL(json.load(open("/workspace/data.json"))["status"])')]);
    const run = await runRlm(['run', '--json', 'Parse the JSON file at /workspace/data.json'], {
      cwd,
      env: {
        HOME: home,
        RLM_BACKEND: 'scripted',
        RLM_SCRIPT: 'script.yaml',
        RLM_DOCKER_IMAGE: TEST_IMAGE,
      },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ success: true, response: 'active' });
  });

  it('docker.workspace_mount moves the project directory in the container', async () => {
    const cwd = projectDir('guide-mount');
    writeFileSync(join(cwd, 'data.json'), '{"n": 7}');
    writeFileSync(join(cwd, 'config.yaml'), `docker:\n  image: ${TEST_IMAGE}\n  workspace_mount: /project\n`);
    writeScript(cwd, [
      repl("import json, os\nFINAL(f\"{os.getcwd()} {json.load(open('/project/data.json'))['n']}\")"),
    ]);
    const run = await runRlm(['run', '--json', 'read it'], {
      cwd,
      env: { RLM_CONFIG: 'config.yaml', RLM_BACKEND: 'scripted', RLM_SCRIPT: 'script.yaml' },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ success: true, response: '/project 7' });
  });

  it('an unknown key in a section still exits 5, naming the key and the nearest known one', async () => {
    const dir = makeTempDir('guide-typo');
    const path = join(dir, 'config.yaml');
    writeFileSync(path, 'viz:\n  prot: 8501\n');
    const run = await runRlm(['config'], { env: { RLM_CONFIG: path } });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(
      `config key \`viz.prot\` is unknown (from config file ${path}); did you mean \`viz.port\`?`,
    );
  });

  it('a relative workspace_mount is a configuration error (exit 5)', async () => {
    const run = await runRlm(['config'], { env: { RLM_DOCKER_WORKSPACE_MOUNT: 'workspace' } });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('config key `docker.workspace_mount`');
    expect(run.stderr).toContain('an absolute path in the container');
  });
});

describe('defaults without any config file', () => {
  it("are the guide's printed ones, with the cost cap on", async () => {
    const run = await runRlm(['config', '--json']);
    expect(run.code).toBe(0);
    const settings = values(run.stdout);
    expect(settings).toMatchObject({
      backend: 'anthropic',
      environment: 'docker',
      max_depth: 4,
      timeout: 300,
      'docker.network_mode': 'none',
      'docker.cpu_limit': 2,
      'docker.memory_limit': 2 * 1024 ** 3,
      'docker.read_only': true,
      'docker.workspace_mount': '/workspace',
      log_dir: './logs',
      trajectory_format: 'jsonl',
      verbose: false,
      'viz.host': 'localhost',
      'viz.port': 8501,
    });
    expect(settings.max_cost_usd).toBeGreaterThan(0);
  });
});
