/**
 * The one place that knows which environment variable holds each backend's
 * key. The config layer calls resolveApiKey; adapters only receive the value.
 */
import type { Backend } from './types.js';

export const API_KEY_ENV: Readonly<Record<Backend, string | null>> = Object.freeze({
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  litellm: 'LITELLM_API_KEY',
  scripted: null,
});

/** The key for `backend` from `env`, or undefined when unset or blank. */
export function resolveApiKey(
  backend: Backend,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const name = API_KEY_ENV[backend];
  if (name === null) return undefined;
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/**
 * Whether a request can go out without a key. Self-hosted OpenAI-compatible
 * servers (vLLM, Ollama, a LiteLLM proxy without a master key) often need none.
 */
export function apiKeyRequired(backend: Backend, baseUrl: string | undefined): boolean {
  if (backend === 'anthropic') return true;
  if (backend === 'openai') return baseUrl === undefined;
  return false;
}
