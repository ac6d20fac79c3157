/**
 * `rlm run` with the Docker sandbox: the offline demo end to end, and exit
 * code 3 when Docker is unreachable or the image cannot be had.
 */
import { chmodSync, chownSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Docker from 'dockerode';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, REPO_ROOT, runRlm } from './support/cli-process.js';
import { repl, writeScript } from './support/scripts.js';

beforeAll(() => ensureBuilt());

const DEMO_CONTEXT = join(REPO_ROOT, 'examples', 'demo', 'context');

/** What the demo's answer must say, computed here from the same files independently of the sandbox. */
function expectedDemoFacts() {
  let lines = 0;
  const perService = new Map<string, number>();
  for (const file of readdirSync(DEMO_CONTEXT)) {
    const text = readFileSync(join(DEMO_CONTEXT, file), 'utf8');
    for (const line of text.split('\n').filter((l) => l !== '')) {
      lines += 1;
      const match = /^\S+\s+ERROR\s+(\S+)/.exec(line);
      if (match?.[1]) perService.set(match[1], (perService.get(match[1]) ?? 0) + 1);
    }
  }
  const errors = [...perService.values()].reduce((sum, n) => sum + n, 0);
  return { lines, errors, files: readdirSync(DEMO_CONTEXT).length, perService };
}

describe('the offline demo', () => {
  it('inspects the real logs in Docker, fans out sub-calls, and prints answer, cost table and trajectory', async () => {
    const cwd = makeTempDir('demo');
    const run = await runRlm(
      [
        'run',
        '--backend',
        'scripted',
        '--script',
        join(REPO_ROOT, 'examples', 'demo', 'script.yaml'),
        '--context-dir',
        DEMO_CONTEXT,
        '--image',
        TEST_IMAGE,
        'Which services in these logs are failing, how often and why?',
      ],
      { cwd },
    );
    expect(run.stderr).toContain('sandbox docker');
    expect(run.code).toBe(0);
    const facts = expectedDemoFacts();
    expect(run.stdout).toContain(
      `${facts.errors} errors in ${facts.lines} log lines across ${facts.files} files.`,
    );
    const ranked = [...facts.perService].sort((a, b) => b[1] - a[1]);
    expect(run.stdout).toContain(`Errors per service: ${ranked.map(([s, n]) => `${s} ${n}`).join(', ')}`);
    // One sub-call per error kind; each reply shows it received that kind's lines.
    expect(run.stderr).toMatch(/code block 1: ok in .* · 5 sub-calls/);
    expect(run.stdout).toMatch(
      /db_pool_exhausted: \d+ - The payments database pool .* \(\d+ prompt lines read\)/,
    );
    expect(run.stdout).toMatch(/\nscripted\s+8\s/);
    expect(run.stdout).toMatch(/\nTotal\s+8\s/);
    expect(run.stdout).toMatch(/Trajectory: .*trajectories_.*\.jsonl/);
  });
});

describe('exit code 3: Docker errors', () => {
  it('Docker not reachable (DOCKER_HOST on a dead socket)', async () => {
    const cwd = makeTempDir('docker');
    writeScript(cwd, [repl('FINAL("unreachable")')]);
    const run = await runRlm(
      ['run', 'task', '--json', '--backend', 'scripted', '--script', 'script.yaml', '--image', TEST_IMAGE],
      {
        cwd,
        env: { DOCKER_HOST: `unix://${join(cwd, 'no-docker.sock')}` },
      },
    );
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout) as { success: boolean; exit_code: number; error: string };
    expect(json).toMatchObject({ success: false, exit_code: 3 });
    expect(json.error).toMatch(/docker/i);
    expect(run.stderr).not.toMatch(/\n\s+at .*\.js:\d+/);
  });

  it('an image that is not present and cannot be pulled', async () => {
    const cwd = makeTempDir('docker');
    writeScript(cwd, [repl('FINAL("no image")')]);
    const run = await runRlm(
      [
        'run',
        'task',
        '--json',
        '--backend',
        'scripted',
        '--script',
        'script.yaml',
        '--image',
        'rlm-test-no-such-image:never',
      ],
      { cwd },
    );
    expect(run.code).toBe(3);
    const json = JSON.parse(run.stdout) as { exit_code: number; error: string };
    expect(json.exit_code).toBe(3);
    expect(json.error).toContain('rlm-test-no-such-image:never');
    // Pull progress is progress: stderr, never stdout (which JSON.parse above proved holds only the result).
    expect(run.stderr).toContain('Pulling sandbox image rlm-test-no-such-image:never');
  });
});

describe('SIGINT during a Docker run', () => {
  it('exits 130, removes the container and leaves the trajectory on disk', async () => {
    const docker = new Docker();
    const cwd = makeTempDir('docker');
    writeScript(cwd, [
      repl('import time\nprint("working", flush=True)\ntime.sleep(60)'),
      repl('FINAL("late")'),
    ]);
    let pid = 0;
    let containersWhileRunning = -1;
    const byPid = () =>
      docker.listContainers({ all: true, filters: { label: [`dev.rlm-runtime.host-pid=${pid}`] } });
    const run = await runRlm(
      ['run', 'long', '--json', '--backend', 'scripted', '--script', 'script.yaml', '--image', TEST_IMAGE],
      {
        cwd,
        onSpawn: (child, stderrSoFar) => {
          pid = child.pid ?? 0;
          let busy = false;
          // Signal once the code is running inside a container that exists (it starts in parallel).
          const poll = setInterval(() => {
            if (busy || containersWhileRunning > 0 || !stderrSoFar().includes('[iteration 1')) return;
            busy = true;
            void byPid()
              .then((list) => {
                if (list.length === 0) return;
                containersWhileRunning = list.length;
                clearInterval(poll);
                setTimeout(() => child.kill('SIGINT'), 500);
              })
              .finally(() => (busy = false));
          }, 100);
          child.on('exit', () => clearInterval(poll));
        },
      },
    );
    expect(containersWhileRunning).toBe(1);
    expect(run.code).toBe(130);
    expect(await byPid()).toHaveLength(0);
    const json = JSON.parse(run.stdout) as {
      success: boolean;
      trajectory_path: string;
      trajectory_id: string;
    };
    expect(json.success).toBe(false);
    expect(readFileSync(json.trajectory_path, 'utf8')).toContain(json.trajectory_id);
  });
});

describe('the current directory at /workspace', () => {
  const code = [
    'import os',
    'seen = open("/workspace/input.txt").read().strip()',
    'try:',
    '    with open("/workspace/output.txt", "w") as f:',
    '        f.write("written by the sandbox")',
    '    wrote = "wrote"',
    'except OSError as error:',
    '    wrote = "refused: " + error.strerror',
    'FINAL(seen + " / " + wrote)',
  ].join('\n');

  async function runIn(extra: string[]) {
    const cwd = makeTempDir('ws');
    // An ordinary project directory, owned by a non-root user (a writable sandbox runs as the owner).
    chownSync(cwd, 1000, 1000);
    chmodSync(cwd, 0o755);
    writeFileSync(join(cwd, 'input.txt'), 'hello from the host\n');
    writeScript(cwd, [repl(code)]);
    const run = await runRlm(
      [
        'run',
        'ws',
        '--json',
        '--backend',
        'scripted',
        '--script',
        'script.yaml',
        '--image',
        TEST_IMAGE,
        ...extra,
      ],
      {
        cwd,
      },
    );
    return { run, cwd, response: (JSON.parse(run.stdout) as { response: string }).response };
  }

  it('is mounted read-only by default', async () => {
    const { run, cwd, response } = await runIn([]);
    expect(run.code).toBe(0);
    expect(response).toBe('hello from the host / refused: Read-only file system');
    expect(existsSync(join(cwd, 'output.txt'))).toBe(false);
  });

  it('is writable with --writable', async () => {
    const { run, cwd, response } = await runIn(['--writable']);
    expect(run.code).toBe(0);
    expect(response).toBe('hello from the host / wrote');
    expect(readFileSync(join(cwd, 'output.txt'), 'utf8')).toBe('written by the sandbox');
  });
});

describe('container limits from flags', () => {
  it('--memory and --cpus reach the container', async () => {
    const docker = new Docker();
    const cwd = makeTempDir('limits');
    writeScript(cwd, [repl('import time\nprint("waiting", flush=True)\ntime.sleep(3)\nFINAL("done")')]);
    let hostConfig: { Memory?: number; NanoCpus?: number } | undefined;
    const run = await runRlm(
      [
        'run',
        'limits',
        '--json',
        '--backend',
        'scripted',
        '--script',
        'script.yaml',
        '--image',
        TEST_IMAGE,
      ].concat(['--memory', '320m', '--cpus', '0.5']),
      {
        cwd,
        onSpawn: (child) => {
          let busy = false;
          // The container starts while the first model call is in flight: look until it is there.
          const poll = setInterval(() => {
            if (busy || hostConfig) return;
            busy = true;
            void docker
              .listContainers({ filters: { label: [`dev.rlm-runtime.host-pid=${child.pid}`] } })
              .then(async ([container]) => {
                if (container) hostConfig = (await docker.getContainer(container.Id).inspect()).HostConfig;
              })
              .catch(() => undefined)
              .finally(() => (busy = false));
          }, 100);
          child.on('exit', () => clearInterval(poll));
        },
      },
    );
    expect(run.code).toBe(0);
    expect(hostConfig?.Memory).toBe(320 * 1024 * 1024);
    expect(hostConfig?.NanoCpus).toBe(0.5e9);
  });
});
