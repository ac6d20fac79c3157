/**
 * The API key for a run, from the environment only: the variable named by
 * `api_key_env`, or the backend's standard one (ANTHROPIC_API_KEY, ...).
 * Kept apart from Settings so settings can be printed and logged safely.
 */
import { resolveApiKey } from '../models/api-key.js';
import type { Settings } from './settings.js';

export function readApiKey(settings: Settings, env: Record<string, string | undefined>): string | undefined {
  if (settings.apiKeyEnv === null) return resolveApiKey(settings.backend, env);
  const value = env[settings.apiKeyEnv]?.trim();
  return value ? value : undefined;
}
