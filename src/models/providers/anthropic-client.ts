/** The anthropic backend: Messages API through @anthropic-ai/sdk, streaming when onText is set. */
import Anthropic from '@anthropic-ai/sdk';
import type { Failure } from '../failure.js';
import type { Backend, TokenUsage } from '../types.js';
import { anthropicFailure } from './anthropic-failure.js';
import { anthropicParams } from './anthropic-request.js';
import {
  type AttemptInput,
  type AttemptOutcome,
  malformed,
  ProviderModelClient,
  streamCut,
} from './provider-client.js';
import type { ProviderSettings } from './provider-settings.js';

const DEFAULT_BASE_URL = 'https://api.anthropic.com';

type UsageFields = Partial<
  Pick<
    Anthropic.Usage,
    'input_tokens' | 'output_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens'
  >
>;

function toUsage(usage: UsageFields): TokenUsage {
  return {
    inputTokens: usage.input_tokens ?? 0,
    outputTokens: usage.output_tokens ?? 0,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
    cacheWriteTokens: usage.cache_creation_input_tokens ?? 0,
  };
}

/** Later usage reports are cumulative; null/absent fields keep the earlier value. */
function mergeUsage(into: UsageFields, update: Record<string, unknown> | null | undefined): void {
  if (!update) return;
  for (const key of [
    'input_tokens',
    'output_tokens',
    'cache_read_input_tokens',
    'cache_creation_input_tokens',
  ] as const) {
    const value = update[key];
    if (typeof value === 'number') into[key] = value;
  }
}

export class AnthropicModelClient extends ProviderModelClient {
  readonly backend: Backend = 'anthropic';
  private readonly client: Anthropic;

  constructor(settings: ProviderSettings) {
    super(settings);
    // Explicit key and base URL: the SDK would otherwise read ANTHROPIC_* variables itself.
    this.client = new Anthropic({
      apiKey: settings.apiKey ?? null,
      baseURL: settings.baseUrl ?? DEFAULT_BASE_URL,
      maxRetries: 0,
      timeout: settings.timeoutMs,
      logLevel: 'off',
    });
  }

  protected toFailure(error: unknown, timedOut: boolean): Failure {
    return anthropicFailure(error, timedOut);
  }

  protected async whole({ request, model, deadline }: AttemptInput): Promise<AttemptOutcome> {
    const message: unknown = await this.client.messages.create(
      { ...anthropicParams(request, model, this.settings.promptCache), stream: false },
      { signal: deadline.signal, maxRetries: 0 },
    );
    if (!isMessage(message)) throw malformed('the response is not a Messages API message');
    const text = message.content
      .filter((block): block is Anthropic.TextBlock => block.type === 'text')
      .map((block) => block.text)
      .join('');
    return {
      text,
      model: message.model ?? model,
      usage: toUsage(message.usage),
      stopReason: message.stop_reason,
    };
  }

  protected async streamed(
    { request, model, deadline, progress }: AttemptInput,
    onText: (delta: string) => void,
  ): Promise<AttemptOutcome> {
    const stream = await this.client.messages.create(
      { ...anthropicParams(request, model, this.settings.promptCache), stream: true },
      { signal: deadline.signal, maxRetries: 0 },
    );
    let text = '';
    let answeredBy = model;
    let stopReason: string | null = null;
    let stopped = false;
    const usage: UsageFields = {};
    for await (const event of stream) {
      deadline.touch();
      switch (event.type) {
        case 'message_start':
          answeredBy = event.message.model ?? model;
          mergeUsage(usage, event.message.usage as unknown as Record<string, unknown>);
          // From here on the prompt is billed, whatever happens to the stream.
          progress.usage = toUsage(usage);
          break;
        case 'content_block_delta':
          if (event.delta.type === 'text_delta') {
            text += event.delta.text;
            onText(event.delta.text);
          }
          break;
        case 'message_delta':
          stopReason = event.delta.stop_reason ?? stopReason;
          mergeUsage(usage, event.usage as unknown as Record<string, unknown>);
          progress.usage = toUsage(usage);
          break;
        case 'message_stop':
          stopped = true;
          break;
        default:
          break;
      }
    }
    // The SDK ends iteration quietly when the signal aborts, so a timeout shows up here.
    if (deadline.timedOut) throw new Error('timeout');
    if (!stopped) throw streamCut('the stream ended before message_stop');
    return { text, model: answeredBy, usage: toUsage(usage), stopReason };
  }
}

function isMessage(value: unknown): value is Anthropic.Message {
  if (typeof value !== 'object' || value === null) return false;
  const message = value as Record<string, unknown>;
  return Array.isArray(message.content) && typeof message.usage === 'object' && message.usage !== null;
}
