/** Shared setup for the SDK adapter tests: a fake provider and a client pointed at it. */
import { createModelClient, type ModelClientOptions, type RetryInfo } from '../../src/models/index.js';
import type { CallPurpose, CompletionRequest, ModelClient } from '../../src/models/types.js';
import type { FakeProvider } from '../support/fake-provider/server.js';

export const TEST_KEY = 'sk-test-SECRET-0123456789abcdef';

export interface ProviderCase {
  backend: 'anthropic' | 'openai';
  model: string;
  baseUrl: (fake: FakeProvider) => string;
  /** What the provider calls a normal stop. */
  stopReason: string;
}

export const PROVIDERS: ProviderCase[] = [
  {
    backend: 'anthropic',
    model: 'claude-haiku-4-5',
    baseUrl: (f) => f.anthropicBaseUrl,
    stopReason: 'end_turn',
  },
  { backend: 'openai', model: 'gpt-4.1-mini', baseUrl: (f) => f.openaiBaseUrl, stopReason: 'stop' },
];

export const ROOT: CallPurpose = { kind: 'root', depth: 0, nodeId: 'root' };

export function clientFor(
  fake: FakeProvider,
  provider: ProviderCase,
  overrides: Partial<ModelClientOptions> = {},
): { client: ModelClient; retries: RetryInfo[] } {
  const retries: RetryInfo[] = [];
  const client = createModelClient({
    backend: provider.backend,
    model: provider.model,
    apiKey: TEST_KEY,
    baseUrl: provider.baseUrl(fake),
    maxRetries: 2,
    retryBaseDelayMs: 5,
    timeoutMs: 5_000,
    onRetry: (info) => retries.push(info),
    ...overrides,
  });
  return { client, retries };
}

export function ask(content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest {
  return { messages: [{ role: 'user', content }], purpose: ROOT, ...extra };
}

/** The rejection of `promise`, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
