/**
 * A provider client whose SDK loads with the first request. The factory builds one of these for anthropic,
 * openai and litellm, so a run on one backend never loads the other backend's SDK, and building a client
 * (say, to validate settings) loads none: bundled into the Action, each SDK is its own lazily loaded chunk.
 */
import type { Backend, CompletionRequest, CompletionResult, ModelClient } from '../types.js';
import type { ProviderSettings } from './provider-settings.js';

export class LazyProviderClient implements ModelClient {
  readonly backend: Backend;
  private loaded: Promise<ModelClient> | undefined;

  constructor(private readonly settings: ProviderSettings) {
    this.backend = settings.provider;
  }

  get defaultModel(): string {
    return this.settings.model;
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    this.loaded ??= this.load();
    return (await this.loaded).complete(request);
  }

  private async load(): Promise<ModelClient> {
    if (this.settings.provider === 'anthropic') {
      const { AnthropicModelClient } = await import('./anthropic-client.js');
      return new AnthropicModelClient(this.settings);
    }
    const { OpenAiModelClient } = await import('./openai-client.js');
    return new OpenAiModelClient(this.settings);
  }
}
