/** Builds the ModelClient for a backend. The only entry point the engine and the CLI need. */
import { ConfigError } from '../errors.js';
import { API_KEY_ENV, apiKeyRequired } from './api-key.js';
import { DEFAULT_MODELS } from './default-models.js';
import {
  DEFAULT_MAX_RETRIES,
  DEFAULT_RETRY_BASE_DELAY_MS,
  DEFAULT_RETRY_MAX_DELAY_MS,
  DEFAULT_TIMEOUT_MS,
  type ModelClientOptions,
} from './options.js';
import { LazyProviderClient } from './providers/lazy-provider-client.js';
import type { ProviderSettings } from './providers/provider-settings.js';
import { loadReplies } from './scripted/load-replies.js';
import { ScriptedModelClient } from './scripted/scripted-client.js';
import type { ModelClient } from './types.js';

/**
 * Throws ConfigError (exit 5) for a missing key or script: both are settings
 * the user fixes before any request is sent, not API failures.
 */
export function createModelClient(options: ModelClientOptions): ModelClient {
  if (options.backend === 'scripted') {
    if (!options.script) {
      throw new ConfigError('The scripted backend needs a script', {
        key: 'script',
        fix: 'Pass --script FILE (a YAML script or a recorded trajectory).',
      });
    }
    return new ScriptedModelClient(loadReplies(options.script));
  }
  // Settings are checked now (missing key or model: ConfigError); the SDK loads with the first request.
  return new LazyProviderClient(providerSettings(options));
}

function providerSettings(options: ModelClientOptions): ProviderSettings {
  const backend = options.backend as ProviderSettings['provider'];
  const keyEnv = API_KEY_ENV[backend];
  if (!options.apiKey && apiKeyRequired(backend, options.baseUrl)) {
    throw new ConfigError(`No API key for the ${backend} backend: ${keyEnv} is not set`, {
      key: keyEnv ?? 'api_key',
      fix: `Set ${keyEnv} in the environment (in a workflow: from a repository secret).`,
    });
  }
  const model = options.model || DEFAULT_MODELS[backend];
  if (!model) {
    throw new ConfigError(
      `The ${backend} backend needs a model: LiteLLM names models after its deployments`,
      {
        key: 'model',
        fix: 'Set `model` to a model name your LiteLLM proxy serves.',
      },
    );
  }
  return {
    provider: backend,
    model,
    baseUrl: options.baseUrl,
    apiKey: options.apiKey,
    keyEnv,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    retry: {
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_BASE_DELAY_MS,
      maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_MAX_DELAY_MS,
    },
    onRetry: options.onRetry,
    promptCache: options.promptCache ?? true,
  };
}
