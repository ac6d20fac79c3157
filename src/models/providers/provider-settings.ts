/** What a provider adapter needs, resolved by the factory from ModelClientOptions. */
import type { RetryInfo } from '../options.js';
import type { RetryPolicy } from '../retry.js';

export interface ProviderSettings {
  /** Name used in messages: anthropic, openai or litellm. */
  provider: 'anthropic' | 'openai' | 'litellm';
  model: string;
  baseUrl: string | undefined;
  apiKey: string | undefined;
  keyEnv: string | null;
  timeoutMs: number;
  retry: RetryPolicy;
  onRetry: ((info: RetryInfo) => void) | undefined;
  /** Mark prompt-cache breakpoints where the provider needs them marked (Anthropic). */
  promptCache: boolean;
}
