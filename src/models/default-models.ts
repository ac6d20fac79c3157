/**
 * The model a backend uses when none is configured: each provider's current
 * general-purpose model as of 2026-11 (both priced in pricing.ts). LiteLLM
 * model names are whatever the proxy's deployment calls them, so it has none.
 */
import type { Backend } from './types.js';

export const DEFAULT_MODELS: Readonly<Record<Backend, string | null>> = Object.freeze({
  anthropic: 'claude-sonnet-5-5',
  openai: 'gpt-5.4',
  litellm: null,
  scripted: 'scripted',
});
