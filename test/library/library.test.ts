/**
 * The library as a user runs it: a Node script importing the built package in its own process,
 * with its own HOME, current directory and environment. Settings resolve exactly as the CLI's
 * (options > RLM_* > RLM_CONFIG or ~/.rlm/config.yaml > defaults); keys come from the environment
 * unless `apiKey` is given; the current directory is mounted at /workspace; completionStream()
 * yields text. Models are the real SDKs against the local fake provider, or the scripted backend.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startFakeProvider, type FakeProvider } from '../support/fake-provider/server.js';
import { TEST_IMAGE } from '../support/docker-image.js';
import { ensureBuilt, makeTempDir, REPO_ROOT } from '../cli/support/cli-process.js';

const LIBRARY = pathToFileURL(join(REPO_ROOT, 'lib', 'index.js')).href;

let fake: FakeProvider;
beforeAll(async () => {
  ensureBuilt();
  fake = await startFakeProvider();
});
afterAll(() => fake.close());

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `body` as an ES module that has `RLM` imported; `print(value)` writes one JSON line. */
function runScript(
  body: string,
  options: { cwd?: string; env?: Record<string, string>; home?: string } = {},
): Promise<ScriptRun> {
  const cwd = options.cwd ?? makeTempDir('lib-cwd');
  const file = join(makeTempDir('lib-script'), 'script.mjs');
  writeFileSync(
    file,
    `import { RLM } from '${LIBRARY}';\nconst print = (value) => process.stdout.write(JSON.stringify(value) + '\\n');\n${body}\n`,
  );
  const child = spawn(process.execPath, [file], {
    cwd,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: options.home ?? makeTempDir('lib-home'),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function lines(stdout: string): unknown[] {
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as unknown);
}

const SETTINGS_OF = `const s = rlm.settings;
print({ backend: s.backend, model: s.model, maxDepth: s.maxDepth, timeout: s.timeoutSeconds,
  cpus: s.docker.cpuLimit, memory: s.docker.memoryBytes, mount: s.docker.workspaceMount,
  maxCostUsd: s.maxCostUsd, logDir: s.logDir, frozen: Object.isFrozen(s) && Object.isFrozen(s.docker),
  sources: { max_depth: s.sources.max_depth.kind, model: s.sources.model.kind, timeout: s.sources.timeout.kind } });`;

describe('new RLM() resolves settings like the CLI', () => {
  it('with no argument: the defaults, frozen, the cost cap on', async () => {
    const run = await runScript(`const rlm = new RLM();\n${SETTINGS_OF}`);
    expect(run.stderr).toBe('');
    expect(lines(run.stdout)[0]).toEqual({
      backend: 'anthropic',
      model: null,
      maxDepth: 4,
      timeout: 300,
      cpus: 2,
      memory: 2 * 1024 ** 3,
      mount: '/workspace',
      maxCostUsd: 2,
      logDir: './logs',
      frozen: true,
      sources: { max_depth: 'default', model: 'default', timeout: 'default' },
    });
  });

  it('options > RLM_* > ~/.rlm/config.yaml > defaults, and RLM_CONFIG names another file', async () => {
    const home = makeTempDir('lib-home');
    mkdirSync(join(home, '.rlm'));
    writeFileSync(join(home, '.rlm', 'config.yaml'), 'model: from-file\nmax_depth: 2\ntimeout: 100\n');
    const run = await runScript(`const rlm = new RLM({ maxDepth: 7 });\n${SETTINGS_OF}`, {
      home,
      env: { RLM_TIMEOUT: '50' },
    });
    expect(lines(run.stdout)[0]).toMatchObject({
      model: 'from-file',
      maxDepth: 7,
      timeout: 50,
      sources: { max_depth: 'flag', model: 'file', timeout: 'env' },
    });

    const other = join(makeTempDir('lib-cfg'), 'custom.yaml');
    writeFileSync(other, 'model: from-rlm-config\n');
    const named = await runScript(`const rlm = new RLM();\n${SETTINGS_OF}`, {
      home,
      env: { RLM_CONFIG: other },
    });
    expect(lines(named.stdout)[0]).toMatchObject({ model: 'from-rlm-config', maxDepth: 4 });
  });

  it('a bad option, environment value or config key throws a ConfigError (exit code 5) naming it', async () => {
    const run = await runScript(
      `for (const make of [() => new RLM({ maxDepth: 99 }), () => new RLM()]) {
  try { make(); print('no error'); } catch (error) { print({ name: error.name, exitCode: error.exitCode, message: error.message }); }
}`,
      { env: { RLM_DOCKER_MEMORY_LIMIT: 'lots' } },
    );
    const [option, env] = lines(run.stdout) as Array<{ name: string; exitCode: number; message: string }>;
    expect(option).toMatchObject({ name: 'ConfigError', exitCode: 5 });
    expect(option?.message).toContain('config key `max_depth`: 99 is out of range (from option maxDepth)');
    expect(env?.message).toContain('(from environment variable RLM_DOCKER_MEMORY_LIMIT)');
  });
});

describe('API keys', () => {
  // Anthropic SDK 1.x sends the key as a bearer token, older versions as x-api-key; OpenAI as a bearer token.
  const sentKey = () => {
    const headers = fake.requests.at(-1)?.headers ?? {};
    return headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer /, '');
  };

  const ask = (
    options: string,
  ) => `const rlm = new RLM({ ${options} environment: 'repl', baseUrl: process.env.FAKE_URL });
const result = await rlm.completion('hi');
print({ success: result.success, error: result.error });`;

  it('new RLM({ backend: "anthropic" }) uses ANTHROPIC_API_KEY from the environment', async () => {
    fake.enqueue({ type: 'reply', text: 'FINAL(hello)' });
    const run = await runScript(ask("backend: 'anthropic',"), {
      env: { ANTHROPIC_API_KEY: 'sk-ant-from-env-123456', FAKE_URL: fake.anthropicBaseUrl },
    });
    expect(lines(run.stdout)[0]).toEqual({ success: true, error: null });
    expect(sentKey()).toBe('sk-ant-from-env-123456');
  });

  it('an explicit apiKey wins over the environment; api_key_env names another variable', async () => {
    fake.enqueue({ type: 'reply', text: 'FINAL(hello)' });
    await runScript(ask("backend: 'anthropic', apiKey: 'sk-ant-explicit-654321',"), {
      env: { ANTHROPIC_API_KEY: 'sk-ant-from-env-123456', FAKE_URL: fake.anthropicBaseUrl },
    });
    expect(sentKey()).toBe('sk-ant-explicit-654321');

    fake.enqueue({ type: 'reply', text: 'FINAL(hello)' });
    await runScript(ask("backend: 'openai',"), {
      env: {
        RLM_API_KEY_ENV: 'MY_OPENAI_KEY',
        MY_OPENAI_KEY: 'sk-mine-777777',
        FAKE_URL: fake.openaiBaseUrl,
      },
    });
    expect(sentKey()).toBe('sk-mine-777777');
  });
});

describe('the workspace mount', () => {
  function project(): string {
    const cwd = makeTempDir('lib-project');
    chmodSync(cwd, 0o755);
    writeFileSync(join(cwd, 'data.json'), '{"status": "active"}');
    writeFileSync(
      join(cwd, 'script.yaml'),
      "responses:\n  - \"```repl\\nimport json, os\\nFINAL(json.load(open('/workspace/data.json'))['status'] if os.path.exists('/workspace/data.json') else 'no workspace')\\n```\"\n",
    );
    return cwd;
  }

  it('mounts the current directory at /workspace like the CLI, or nothing with workspaceDir: null', async () => {
    const body = (
      extra: string,
    ) => `const rlm = new RLM({ backend: 'scripted', script: 'script.yaml', ${extra} });
print((await rlm.completion('Parse the JSON file at /workspace/data.json')).response);`;
    const env = { RLM_DOCKER_IMAGE: TEST_IMAGE };
    const mounted = await runScript(body(''), { cwd: project(), env });
    expect(lines(mounted.stdout)).toEqual(['active']);
    const off = await runScript(body('workspaceDir: null'), { cwd: project(), env });
    expect(lines(off.stdout)).toEqual(['no workspace']);
  });
});

describe('completionStream() and per-call overrides', () => {
  it('yields text chunks: the model text as it streams, then the answer; the result after', async () => {
    fake.enqueue({
      type: 'reply',
      text: 'Thinking about it.\nFINAL(forty-two)',
      chunks: ['Think', 'ing about it.\n', 'FINAL(forty-two)'],
    });
    const run = await runScript(
      `const rlm = new RLM({ backend: 'anthropic', environment: 'repl', baseUrl: process.env.FAKE_URL });
const stream = rlm.completionStream('Long running task');
const chunks = [];
for await (const chunk of stream) chunks.push(chunk);
print(chunks);
print((await stream.result).success);`,
      { env: { ANTHROPIC_API_KEY: 'sk-ant-stream-123456', FAKE_URL: fake.anthropicBaseUrl } },
    );
    const [chunks, success] = lines(run.stdout) as [string[], boolean];
    expect(chunks.every((chunk) => typeof chunk === 'string')).toBe(true);
    // The model's text as it streamed (the redactor may merge deltas), then the answer on its own.
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.slice(0, -1).join('')).toBe('Thinking about it.\nFINAL(forty-two)');
    expect(chunks.at(-1)).toBe('\n\nforty-two\n');
    expect(success).toBe(true);
  });

  it('model, maxDepth and timeout can be overridden per call', async () => {
    fake.enqueue({ type: 'reply', text: 'FINAL(done)' });
    const run = await runScript(
      `const rlm = new RLM({ backend: 'anthropic', environment: 'repl', baseUrl: process.env.FAKE_URL });
const result = await rlm.completion('Your task', { model: 'claude-opus-4-5', maxDepth: 10, timeout: 600 });
const trajectory = await rlm.getTrajectory(result.trajectoryId);
print({ model: trajectory.model, limits: trajectory.limits });`,
      { env: { ANTHROPIC_API_KEY: 'sk-ant-override-123456', FAKE_URL: fake.anthropicBaseUrl } },
    );
    expect(fake.requests.at(-1)?.model).toBe('claude-opus-4-5');
    expect(lines(run.stdout)[0]).toMatchObject({
      model: 'claude-opus-4-5',
      limits: { max_depth: 10, timeout_ms: 600_000 },
    });
  });
});
