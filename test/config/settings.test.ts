import { ConfigError, ExitCode } from '../../src/errors.js';
import { resolveSettings, type ResolveSettingsOptions } from '../../src/config/settings.js';
import { SETTING_KEYS } from '../../src/config/keys.js';
import { DEFAULT_IMAGE } from '../../src/sandbox/default-image.js';

const FILE = '/home/user/.rlm/config.yaml';

function resolveWith(fileText: string | undefined, rest: Partial<ResolveSettingsOptions> = {}) {
  return resolveSettings({
    file: FILE,
    env: {},
    flags: {},
    readFile: (path) => (path === FILE ? fileText : undefined),
    ...rest,
  });
}

function configError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('resolveSettings: defaults', () => {
  it('uses the documented defaults when no layer sets anything', () => {
    const settings = resolveWith(undefined);
    expect(settings.backend).toBe(SETTING_KEYS.backend.default);
    expect(settings.environment).toBe('docker');
    expect(settings.maxDepth).toBe(4);
    expect(settings.timeoutSeconds).toBe(300);
    expect(settings.docker.image).toBe(DEFAULT_IMAGE);
    expect(settings.docker.runtime).toBe('runc');
    expect(settings.docker.networkMode).toBe('none');
    expect(settings.docker.memoryBytes).toBe(2 * 1024 ** 3);
    expect(settings.docker.readOnly).toBe(true);
    expect(settings.docker.writableWorkspace).toBe(false);
    expect(settings.model).toBeNull();
    expect(settings.prices).toEqual({});
    expect(settings.configFile).toBeNull();
    expect(settings.sources.backend).toEqual({ kind: 'default' });
  });

  it('treats a missing file as empty unless it was named explicitly', () => {
    expect(resolveWith(undefined).backend).toBe('anthropic');
    const error = configError(() => resolveWith(undefined, { fileRequired: true }));
    expect(error.message).toContain(`config file ${FILE} does not exist`);
    expect(error.exitCode).toBe(ExitCode.Config);
  });

  it('reads no file when file is null', () => {
    const settings = resolveSettings({
      file: null,
      env: {},
      flags: {},
      readFile: () => {
        throw new Error('must not be called');
      },
    });
    expect(settings.configFile).toBeNull();
  });
});

describe('resolveSettings: precedence flags > env > file > defaults', () => {
  const file = 'model: from-file\nmax_depth: 2\ndocker:\n  image: file-image\n  memory_limit: 2g\n';

  it('file beats defaults', () => {
    const settings = resolveWith(file);
    expect(settings.model).toBe('from-file');
    expect(settings.maxDepth).toBe(2);
    expect(settings.docker.image).toBe('file-image');
    expect(settings.docker.memoryBytes).toBe(2 * 1024 ** 3);
    expect(settings.sources.model).toEqual({ kind: 'file', path: FILE });
    expect(settings.configFile).toBe(FILE);
  });

  it('environment beats the file', () => {
    const settings = resolveWith(file, { env: { RLM_MODEL: 'from-env', RLM_DOCKER_IMAGE: 'env-image' } });
    expect(settings.model).toBe('from-env');
    expect(settings.docker.image).toBe('env-image');
    expect(settings.maxDepth).toBe(2);
    expect(settings.sources.model).toEqual({ kind: 'env', variable: 'RLM_MODEL' });
  });

  it('flags beat the environment', () => {
    const settings = resolveWith(file, {
      env: { RLM_MODEL: 'from-env', RLM_MAX_DEPTH: '3' },
      flags: { model: 'from-flag', docker: { image: 'flag-image' } },
    });
    expect(settings.model).toBe('from-flag');
    expect(settings.docker.image).toBe('flag-image');
    expect(settings.maxDepth).toBe(3);
    expect(settings.docker.memoryBytes).toBe(2 * 1024 ** 3);
    expect(settings.sources.model).toEqual({ kind: 'flag', name: '--model' });
  });

  it('ignores empty strings in env and flags (unset shell variables, empty action inputs)', () => {
    const settings = resolveWith(file, { env: { RLM_MODEL: '' }, flags: { model: '' } });
    expect(settings.model).toBe('from-file');
  });
});

describe('resolveSettings: every key', () => {
  it('reads every key of the file into the typed settings', () => {
    const settings = resolveWith(
      [
        'backend: openai',
        'model: gpt-x',
        'sub_model: gpt-mini',
        'base_url: http://localhost:4000/v1',
        'api_key_env: MY_KEY',
        'script: demo.yaml',
        'environment: repl',
        'max_depth: 3',
        'max_iterations: 12',
        'timeout: 90.5',
        'exec_timeout: 15',
        'model_timeout: 30',
        'max_retries: 2',
        'max_tokens: 50000',
        'max_cost_usd: 0.25',
        'max_sub_calls: 40',
        'max_consecutive_errors: 4',
        'max_output_tokens: 2048',
        'max_sub_call_prompt_chars: 5000',
        'max_concurrency: 4',
        'batch_concurrency: 2',
        'log_dir: /tmp/rlm-logs',
        'trajectory_format: json',
        'verbose: true',
        'docker:',
        '  image: custom:1',
        '  network_mode: bridge',
        '  cpu_limit: 0.5',
        '  memory_limit: 512m',
        '  read_only: false',
        '  pids_limit: 64',
        '  tmpfs_size: 32m',
        '  writable_workspace: true',
        '  pull: false',
        'prices:',
        '  gpt-x: { input: 1.5, output: 6, cache_read: 0.15, cache_write: 2 }',
      ].join('\n'),
    );
    expect(settings).toMatchObject({
      backend: 'openai',
      model: 'gpt-x',
      subModel: 'gpt-mini',
      baseUrl: 'http://localhost:4000/v1',
      apiKeyEnv: 'MY_KEY',
      script: 'demo.yaml',
      environment: 'repl',
      maxDepth: 3,
      maxIterations: 12,
      timeoutSeconds: 90.5,
      execTimeoutSeconds: 15,
      modelTimeoutSeconds: 30,
      maxRetries: 2,
      maxTokens: 50000,
      maxCostUsd: 0.25,
      maxSubCalls: 40,
      maxConsecutiveErrors: 4,
      maxOutputTokens: 2048,
      maxSubCallPromptChars: 5000,
      maxConcurrency: 4,
      batchConcurrency: 2,
      logDir: '/tmp/rlm-logs',
      trajectoryFormat: 'json',
      verbose: true,
      docker: {
        image: 'custom:1',
        networkMode: 'bridge',
        cpuLimit: 0.5,
        memoryBytes: 512 * 1024 ** 2,
        readOnly: false,
        pidsLimit: 64,
        tmpfsBytes: 32 * 1024 ** 2,
        writableWorkspace: true,
        pull: false,
      },
      prices: {
        'gpt-x': { inputPerMTok: 1.5, outputPerMTok: 6, cacheReadPerMTok: 0.15, cacheWritePerMTok: 2 },
      },
    });
  });

  it('reads every key from its RLM_* environment variable, parsing strings', () => {
    const settings = resolveWith(undefined, {
      env: {
        RLM_BACKEND: 'litellm',
        RLM_SUB_MODEL: 'small',
        RLM_ENVIRONMENT: 'repl',
        RLM_MAX_ITERATIONS: '7',
        RLM_TIMEOUT: '30',
        RLM_MAX_COST_USD: 'none',
        RLM_VERBOSE: 'yes',
        RLM_LOG_DIR: 'out/logs',
        RLM_DOCKER_MEMORY_LIMIT: '256m',
        RLM_DOCKER_CPU_LIMIT: '1.5',
        RLM_DOCKER_PULL: 'false',
        RLM_DOCKER_WRITABLE_WORKSPACE: 'on',
      },
    });
    expect(settings).toMatchObject({
      backend: 'litellm',
      subModel: 'small',
      environment: 'repl',
      maxIterations: 7,
      timeoutSeconds: 30,
      maxCostUsd: null,
      verbose: true,
      logDir: 'out/logs',
      docker: { memoryBytes: 256 * 1024 ** 2, cpuLimit: 1.5, pull: false, writableWorkspace: true },
    });
  });

  it('lets null in the file lift a cap', () => {
    expect(resolveWith('max_cost_usd: null\nmax_sub_calls: ~\n')).toMatchObject({
      maxCostUsd: null,
      maxSubCalls: null,
    });
  });
});

describe('resolveSettings: errors name the key, the value, the allowed values and the source', () => {
  it('an enum value from the environment', () => {
    const error = configError(() => resolveWith(undefined, { env: { RLM_ENVIRONMENT: 'dockr' } }));
    expect(error.message).toBe(
      "config key `environment`: 'dockr' is not one of docker, repl (from environment variable RLM_ENVIRONMENT)",
    );
    expect(error.key).toBe('environment');
    expect(error.exitCode).toBe(5);
  });

  it('an out-of-range integer from the file', () => {
    const error = configError(() => resolveWith('max_depth: 42\n'));
    expect(error.message).toContain('config key `max_depth`: 42 is out of range');
    expect(error.message).toContain(`config file ${FILE}`);
    expect(error.fix).toBe('Use an integer at least 0 and at most 10.');
  });

  it('a wrong type in the file', () => {
    const error = configError(() => resolveWith('verbose: maybe\n'));
    expect(error.message).toContain("config key `verbose`: 'maybe' is not a boolean");
    expect(error.fix).toBe('Use true or false.');
  });

  it('a non-integer where an integer is needed', () => {
    expect(configError(() => resolveWith('max_iterations: 2.5\n')).message).toContain(
      '2.5 is not an integer',
    );
  });

  it('a bad size names the units', () => {
    const error = configError(() => resolveWith('docker:\n  memory_limit: 1x\n'));
    expect(error.message).toContain("config key `docker.memory_limit`: '1x' is not a size");
    expect(error.fix).toContain('512m, 1g');
  });

  it('a size below the minimum', () => {
    expect(configError(() => resolveWith('docker:\n  memory_limit: 1m\n')).message).toContain('is too small');
  });

  it('a flag value, named the way the user typed it', () => {
    const error = configError(() =>
      resolveWith(undefined, {
        flags: { timeout: 'soon' },
        flagName: (key) => (key === 'timeout' ? '--timeout' : key),
      }),
    );
    expect(error.message).toBe("config key `timeout`: 'soon' is not a number (from flag --timeout)");
  });

  it('a zero timeout is out of range (it must be greater than 0)', () => {
    const error = configError(() => resolveWith('timeout: 0\n'));
    expect(error.fix).toBe('Use a number greater than 0 and at most 86400.');
  });

  it('a non-http base_url', () => {
    expect(configError(() => resolveWith('base_url: ftp://x\n')).message).toContain('is not an http(s) URL');
  });

  it('an unknown key, with a suggestion', () => {
    const error = configError(() => resolveWith('max_dept: 2\n'));
    expect(error.message).toBe(
      `config key \`max_dept\` is unknown (from config file ${FILE}); did you mean \`max_depth\`?`,
    );
    expect(error.fix).toContain('max_depth');
  });

  it('an unknown docker key', () => {
    const error = configError(() => resolveWith('docker:\n  privileged: true\n'));
    expect(error.message).toContain('config key `docker.privileged` is unknown');
    expect(error.fix).toContain('docker.pids_limit');
  });

  it('docker that is not a map', () => {
    expect(configError(() => resolveWith('docker: python\n')).message).toContain(
      'config key `docker`: expected a map of docker settings',
    );
  });

  it('an unknown flag key (an action input mapped to nothing)', () => {
    const flags = JSON.parse('{"colour": "red"}') as Record<string, string>;
    expect(configError(() => resolveWith(undefined, { flags })).message).toContain(
      'config key `colour` is unknown (from flag --colour)',
    );
  });

  it('a required key set to null', () => {
    expect(configError(() => resolveWith('environment: null\n')).message).toContain(
      'config key `environment`: a value is required',
    );
  });

  it('broken YAML', () => {
    const error = configError(() => resolveWith('backend: [openai\n'));
    expect(error.message).toContain(`cannot parse config file ${FILE}`);
  });

  it('a file that is a list, not a map', () => {
    expect(configError(() => resolveWith('- backend\n')).message).toContain(
      'must be a map of keys to values',
    );
  });

  it('prices without an output price, with an unknown field, or negative', () => {
    expect(configError(() => resolveWith('prices:\n  m: { input: 1 }\n')).message).toContain(
      'config key `prices.m`: input and output prices are required',
    );
    expect(
      configError(() => resolveWith('prices:\n  m: { input: 1, output: 2, batch: 1 }\n')).message,
    ).toContain('config key `prices.m.batch` is unknown');
    expect(configError(() => resolveWith('prices:\n  m: { input: -1, output: 2 }\n')).message).toContain(
      'config key `prices.m.input`: -1 is not a price',
    );
  });

  it('an api_key_env that is not a variable name', () => {
    expect(configError(() => resolveWith('api_key_env: sk-abc-123\n')).message).toContain(
      'is not an environment variable name',
    );
  });
});
