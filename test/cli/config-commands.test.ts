/** The CLI as a process: --version, init, config precedence and config errors (exit 5). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SETTING_KEY_NAMES } from '../../src/config/keys.js';
import { ensureBuilt, makeTempDir, REPO_ROOT, runRlm } from './support/cli-process.js';

beforeAll(() => ensureBuilt());

interface ConfigJson {
  config_file: string | null;
  settings: Record<string, { value: unknown; source: string }>;
  api_key_set: boolean;
}

function parseConfigJson(stdout: string): ConfigJson {
  return JSON.parse(stdout) as ConfigJson;
}

describe('rlm --version', () => {
  it('prints the version from package.json and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      version: string;
    };
    const run = await runRlm(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });
});

describe('rlm init', () => {
  it('writes a commented config listing every key, which resolves to the defaults', async () => {
    const home = makeTempDir('home');
    const run = await runRlm(['init'], { env: { HOME: home } });
    const path = join(home, '.rlm', 'config.yaml');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${path}\n`);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('# Wall-clock limit for the whole run, in seconds.');
    expect(text).toContain('Environment: RLM_DOCKER_MEMORY_LIMIT.');
    expect(text).toContain('  memory_limit: 2g');
    const parsed = parse(text) as Record<string, Record<string, unknown>>;
    for (const key of SETTING_KEY_NAMES) {
      const [section = key, name] = key.split('.');
      expect(name === undefined ? parsed : parsed[section]).toHaveProperty(name ?? section);
    }
    // Every key in the written file comes back with its default value.
    const fromFile = parseConfigJson((await runRlm(['config', '--json'], { env: { HOME: home } })).stdout);
    const fromDefaults = parseConfigJson((await runRlm(['config', '--json'])).stdout);
    expect(fromFile.config_file).toBe(path);
    for (const key of SETTING_KEY_NAMES) {
      expect(fromFile.settings[key]?.value).toEqual(fromDefaults.settings[key]?.value);
      expect(fromFile.settings[key]?.source).toBe(`config file ${path}`);
    }
  });

  it('writes to RLM_CONFIG when set', async () => {
    const dir = makeTempDir('cfg');
    const path = join(dir, 'nested', 'rlm.yaml');
    const run = await runRlm(['init'], { env: { RLM_CONFIG: path } });
    expect(run.code).toBe(0);
    expect(existsSync(path)).toBe(true);
  });

  it('leaves an existing file unchanged (exit 0, or 5 when it is invalid) unless --force', async () => {
    const home = makeTempDir('home');
    const path = join(home, '.rlm', 'config.yaml');
    mkdirSync(join(home, '.rlm'));
    writeFileSync(path, 'backend: openai\n');
    const again = await runRlm(['init'], { env: { HOME: home } });
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${path}\n`);
    expect(again.stderr).toContain('already exists and is valid; left unchanged');
    expect(again.stderr).toContain('rlm init --force');
    expect(readFileSync(path, 'utf8')).toBe('backend: openai\n');

    writeFileSync(path, 'backend: openai\nmax_iteration: 3\n');
    const invalid = await runRlm(['init'], { env: { HOME: home } });
    expect(invalid.code).toBe(5);
    expect(invalid.stderr).toContain('did you mean `max_iterations`?');
    expect(readFileSync(path, 'utf8')).toBe('backend: openai\nmax_iteration: 3\n');

    const forced = await runRlm(['init', '--force'], { env: { HOME: home } });
    expect(forced.code).toBe(0);
    expect(readFileSync(path, 'utf8')).toContain('backend: anthropic');
  });
});

describe('config precedence: flag > environment > file > default', () => {
  function homeWithConfig(text: string): string {
    const home = makeTempDir('home');
    mkdirSync(join(home, '.rlm'));
    writeFileSync(join(home, '.rlm', 'config.yaml'), text);
    return home;
  }
  const FILE = 'max_depth: 2\nlog_dir: from-file\ndocker:\n  memory_limit: 512m\n';

  it('default when nothing sets the key', async () => {
    const config = parseConfigJson((await runRlm(['config', '--json'])).stdout);
    expect(config.settings.max_depth).toEqual({ value: 4, source: 'default' });
    expect(config.settings.log_dir).toEqual({ value: './logs', source: 'default' });
  });

  it('the file beats the default', async () => {
    const home = homeWithConfig(FILE);
    const config = parseConfigJson((await runRlm(['config', '--json'], { env: { HOME: home } })).stdout);
    expect(config.settings.max_depth?.value).toBe(2);
    expect(config.settings['docker.memory_limit']?.value).toBe(512 * 1024 ** 2);
    expect(config.settings.log_dir?.source).toBe(`config file ${join(home, '.rlm', 'config.yaml')}`);
  });

  it('the environment beats the file', async () => {
    const home = homeWithConfig(FILE);
    const run = await runRlm(['config', '--json'], {
      env: { HOME: home, RLM_MAX_DEPTH: '3', RLM_LOG_DIR: 'from-env' },
    });
    const config = parseConfigJson(run.stdout);
    expect(config.settings.max_depth).toEqual({ value: 3, source: 'environment variable RLM_MAX_DEPTH' });
    expect(config.settings.log_dir?.value).toBe('from-env');
    expect(config.settings['docker.memory_limit']?.value).toBe(512 * 1024 ** 2);
  });

  it('shows the MCP servers of the file with their secrets still as references', async () => {
    const home = homeWithConfig(
      'mcp_servers:\n  snipara:\n    url: https://api.snipara.example/mcp/p\n    headers: {Authorization: "Bearer ${SNIPARA_API_KEY}"}\n    allowed_tools: [rlm_recall]\n',
    );
    const env = { HOME: home, SNIPARA_API_KEY: 'snp-never-printed-123456' };
    const text = await runRlm(['config'], { env });
    expect(text.stdout).toContain(
      'mcp_servers.snipara  http https://api.snipara.example/mcp/p  (tools: rlm_recall)',
    );
    const json = await runRlm(['config', '--json'], { env });
    expect(JSON.parse(json.stdout)).toMatchObject({
      mcp_servers: { snipara: { headers: { Authorization: 'Bearer ${SNIPARA_API_KEY}' } } },
    });
    expect(text.stdout + json.stdout).not.toContain('snp-never-printed');
  });

  it('a flag beats the environment', async () => {
    const home = homeWithConfig(FILE);
    const run = await runRlm(['config', '--json', '--max-depth', '4', '--memory', '2g'], {
      env: { HOME: home, RLM_MAX_DEPTH: '3', RLM_DOCKER_MEMORY_LIMIT: '1g' },
    });
    const config = parseConfigJson(run.stdout);
    expect(config.settings.max_depth).toEqual({ value: 4, source: 'flag --max-depth' });
    expect(config.settings['docker.memory_limit']).toEqual({ value: 2 * 1024 ** 3, source: 'flag --memory' });
    expect(config.settings.log_dir?.value).toBe('from-file');
  });

  it('every setting flag of rlm run reaches its config key (rlm config takes the same flags)', async () => {
    const values: Record<string, string | null> = {
      '--backend': 'openai',
      '--model': 'gpt-4o',
      '--sub-model': 'gpt-4o-mini',
      '--base-url': 'http://127.0.0.1:4000/v1',
      '--script': 'script.yaml',
      '--env': 'repl',
      '--timeout': '77',
      '--exec-timeout': '11',
      '--model-timeout': '22',
      '--max-retries': '2',
      '--max-depth': '3',
      '--max-iterations': '9',
      '--max-tokens': '5000',
      '--max-cost': '0.25',
      '--max-sub-calls': '7',
      '--image': 'python:3.11-slim',
      '--runtime': 'runsc',
      '--memory': '512m',
      '--cpus': '0.5',
      '--log-dir': 'my-logs',
      '--trajectory-format': 'json',
      '--verbose': null,
      '--writable': null,
    };
    const args = Object.entries(values).flatMap(([flag, value]) => (value === null ? [flag] : [flag, value]));
    const run = await runRlm(['config', '--json', ...args]);
    expect(run.code).toBe(0);
    const config = parseConfigJson(run.stdout);
    const sources = Object.values(config.settings).map((setting) => setting.source);
    for (const flag of Object.keys(values)) expect(sources).toContain(`flag ${flag}`);
    expect(config.settings.max_cost_usd).toEqual({ value: 0.25, source: 'flag --max-cost' });
    expect(config.settings['docker.cpu_limit']).toEqual({ value: 0.5, source: 'flag --cpus' });
    expect(config.settings['docker.writable_workspace']).toEqual({ value: true, source: 'flag --writable' });
    expect(config.settings.environment).toEqual({ value: 'repl', source: 'flag --env' });
  });

  it('--config names the file explicitly, and a missing one is an error', async () => {
    const dir = makeTempDir('cfg');
    writeFileSync(join(dir, 'team.yaml'), 'backend: scripted\n');
    const ok = await runRlm(['--config', 'team.yaml', 'config', '--json'], { cwd: dir });
    expect(parseConfigJson(ok.stdout).settings.backend?.value).toBe('scripted');
    const missing = await runRlm(['--config', 'nope.yaml', 'config'], { cwd: dir });
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain(`config file ${join(dir, 'nope.yaml')} does not exist`);
  });

  it('reports whether an API key is set without ever printing it', async () => {
    const key = 'sk-ant-test-0123456789abcdef';
    const run = await runRlm(['config', '--json'], { env: { ANTHROPIC_API_KEY: key } });
    expect(parseConfigJson(run.stdout).api_key_set).toBe(true);
    const text = await runRlm(['config'], { env: { ANTHROPIC_API_KEY: key } });
    expect(text.stdout).toContain('api key: set');
    expect(run.stdout + run.stderr + text.stdout + text.stderr).not.toContain(key);
  });
});

describe('configuration errors exit 5 and name the key, the value, the allowed values and the source', () => {
  it('a bad flag value', async () => {
    const run = await runRlm(['run', 'task', '--env', 'dockr']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(
      "config key `environment`: 'dockr' is not one of docker, repl (from flag --env)",
    );
    expect(run.stdout).toBe('');
  });

  it('a bad environment value', async () => {
    const run = await runRlm(['run', 'task'], { env: { RLM_TIMEOUT: '-3' } });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(
      "config key `timeout`: '-3' is out of range (from environment variable RLM_TIMEOUT)",
    );
    expect(run.stderr).toContain('rlm: fix: Use a number greater than 0 and at most 86400.');
  });

  it('an unknown key in the config file', async () => {
    const dir = makeTempDir('cfg');
    const path = join(dir, 'config.yaml');
    writeFileSync(path, 'backend: openai\nmax_iteration: 3\n');
    const run = await runRlm(['run', 'task'], { env: { RLM_CONFIG: path } });
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(
      `config key \`max_iteration\` is unknown (from config file ${path}); did you mean \`max_iterations\`?`,
    );
  });

  it('a bad memory size', async () => {
    const run = await runRlm(['run', 'task', '--memory', 'lots']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain(
      "config key `docker.memory_limit`: 'lots' is not a size (from flag --memory)",
    );
    expect(run.stderr).toContain('512m, 1g');
  });

  it('an unknown flag and a missing task are usage errors', async () => {
    const unknown = await runRlm(['run', 'task', '--max-dpth', '2']);
    expect(unknown.code).toBe(5);
    expect(unknown.stderr).toContain("unknown option '--max-dpth'");
    const missing = await runRlm(['run']);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain("missing required argument 'task'");
  });

  it('--json still prints exactly one JSON object, with the error and exit code', async () => {
    const run = await runRlm(['run', 'task', '--json', '--max-depth', 'deep']);
    expect(run.code).toBe(5);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    const json = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
    expect(json).toMatchObject({ success: false, exit_code: 5, response: null, trajectory_id: null });
    expect(json.error).toBe("config key `max_depth`: 'deep' is not a number (from flag --max-depth)");
  });

  it('--json prints one JSON object for usage errors too (unknown flag, missing task)', async () => {
    for (const [args, expected] of [
      [['run', 'task', '--json', '--max-dpth', '2'], "unknown option '--max-dpth'"],
      [['run', '--json'], "missing required argument 'task'"],
    ] as const) {
      const run = await runRlm([...args]);
      expect(run.code).toBe(5);
      const lines = run.stdout.split('\n').filter((line) => line !== '');
      expect(lines).toHaveLength(1);
      const json = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
      expect(json).toMatchObject({ success: false, exit_code: 5, response: null, trajectory_id: null });
      expect(json.error).toContain(expected);
    }
  });

  it('the scripted backend without a script', async () => {
    const run = await runRlm(['run', 'task', '--backend', 'scripted']);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('config key `script`: the scripted backend needs a script file');
  });

  it('a missing API key: the fix on stderr, nothing on stdout', async () => {
    const run = await runRlm(['run', 'task', '--env', 'repl', '--backend', 'anthropic']);
    expect(run.code).toBe(5);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      'rlm: error: No API key for the anthropic backend: ANTHROPIC_API_KEY is not set',
    );
    expect(run.stderr).toContain('rlm: fix: Set ANTHROPIC_API_KEY');
  });

  it('a context file that does not exist', async () => {
    const run = await runRlm([
      'run',
      'task',
      '--backend',
      'scripted',
      '--script',
      's.yaml',
      '--context-file',
      'missing.log',
    ]);
    expect(run.code).toBe(5);
    expect(run.stderr).toContain('--context-file missing.log: no such file');
  });
});
