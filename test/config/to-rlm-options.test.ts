import { ConfigError } from '../../src/errors.js';
import { resolveSettings, toRLMOptions } from '../../src/config/index.js';

function settingsFrom(fileText: string) {
  return resolveSettings({ file: 'config.yaml', env: {}, flags: {}, readFile: () => fileText });
}

describe('toRLMOptions', () => {
  it('maps seconds to the engine units and every limit to its option', () => {
    const options = toRLMOptions(
      settingsFrom(
        [
          'backend: openai',
          'model: gpt-x',
          'timeout: 90',
          'exec_timeout: 1.5',
          'model_timeout: 30',
          'max_retries: 2',
          'max_cost_usd: 0.25',
          'docker:',
          '  memory_limit: 512m',
          '  cpu_limit: 0.5',
        ].join('\n'),
      ),
      { apiKey: 'sk-test-key-123456', secrets: ['ghp_token_abcdef'] },
      { workspaceDir: '/work/repo' },
    );
    expect(options).toMatchObject({
      backend: 'openai',
      model: 'gpt-x',
      timeout: 90,
      execTimeoutMs: 1500,
      modelTimeoutMs: 30_000,
      maxRetries: 2,
      maxCostUsd: 0.25,
      apiKey: 'sk-test-key-123456',
      secrets: ['ghp_token_abcdef'],
    });
    expect(options.sandbox?.docker).toMatchObject({
      memoryBytes: 512 * 1024 * 1024,
      cpus: 0.5,
      workspaceDir: '/work/repo',
      workspaceWritable: false,
    });
  });

  it('splits allowed_models on commas and passes the history window through', () => {
    const options = toRLMOptions(
      settingsFrom(
        ['backend: openai', 'allowed_models: "gpt-5-mini, gpt-5-nano,"', 'context_window: 32000'].join('\n'),
      ),
      {},
    );
    expect(options.allowedModels).toEqual(['gpt-5-mini', 'gpt-5-nano']);
    expect(options.contextWindow).toBe(32_000);
  });

  it('reads per-depth and per-model cost caps from the file, naming a bad entry', () => {
    const options = toRLMOptions(
      settingsFrom(
        [
          'backend: openai',
          'max_cost_usd_by_depth: { 1: 0.5, 2: "0.2" }',
          'max_cost_usd_by_model:',
          '  gpt-5.5: 1',
        ].join('\n'),
      ),
      {},
    );
    expect(options.maxCostUsdByDepth).toEqual({ 1: 0.5, 2: 0.2 });
    expect(options.maxCostUsdByModel).toEqual({ 'gpt-5.5': 1 });
    expect(() => settingsFrom('max_cost_usd_by_depth: { root: 1 }')).toThrow(
      'config key `max_cost_usd_by_depth.root`: "root" is not a depth (from config file config.yaml)',
    );
    expect(() => settingsFrom('max_cost_usd_by_model: { gpt-5: -1 }')).toThrow(ConfigError);
  });

  it('leaves unset caps absent so the engine applies its own defaults', () => {
    const options = toRLMOptions(
      settingsFrom('backend: openai\nmax_cost_usd: null\nmax_sub_calls: null'),
      {},
    );
    expect('maxCostUsd' in options).toBe(false);
    expect('maxSubCalls' in options).toBe(false);
    expect('apiKey' in options).toBe(false);
  });

  it('refuses the scripted backend without a script, naming the key', () => {
    expect(() => toRLMOptions(settingsFrom('backend: scripted'), {})).toThrow(ConfigError);
    try {
      toRLMOptions(settingsFrom('backend: scripted'), {});
    } catch (error) {
      expect((error as ConfigError).key).toBe('script');
    }
  });
});
